"""Which parts of a question an answer leaves open.

Kamervragen often ask two things at once ("Hoeveel bedrijven namen deel, en welk deel van
de populatie is dat?"; "Wanneer is het fonds gestart? Hoeveel is erin gestort?"). When the
passages that answer speak to one part only, the answer says which part the documents are
silent on instead of letting the quotes pass for a full answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.answer.answerability import FRAME_TERMS, matches
from assistant.answer.rules import answer_type, contains_answer_type

_QUESTION_WORD = (
    r"(?:wie|wat|waar|wanneer|waarom|hoe|hoeveel|hoelang|welk|welke|in hoeverre|"
    r"who|what|where|when|why|how|which)\b"
)
# a sentence ending in "?", or within one a clause that opens with a question word after
# a comma or "en"/"of" ("…, en welk deel …")
_SENTENCE = re.compile(r"[^?]+\?|[^?]+$")
_CLAUSE = re.compile(
    rf",?\s+(?:en|of|and|or)\s+(?={_QUESTION_WORD})|,\s+(?={_QUESTION_WORD})", re.I
)


# a remark in brackets after the question ("(STRAIIK-D)", "(zie de brief van 7 juni)")
# says where to look, not what to answer
_ASIDE = re.compile(r"^\([^()]*\)[.?]?$")


def question_parts(question: str) -> list[str]:
    """The parts a question asks separately, in order."""
    parts = []
    for sentence in _SENTENCE.findall(question):
        parts += [p.strip(" ,") for p in _CLAUSE.split(sentence) if p.strip(" ,?")]
    return [p for p in parts if not _ASIDE.match(p)]


def open_parts(
    question: str, answered: Iterable[str], analyze: Callable[[str], list[str]]
) -> list[str]:
    """The parts of a question of more than one part that no answering text speaks to: none
    of the part's own subject words is in the quotes, their headings or titles, nor the kind
    of fact it asks for (an amount, a date) in the quotes. An answer that speaks to no part
    at all is left to the answer step."""
    parts = question_parts(question)
    if len(parts) < 2:
        return []
    answered = list(answered)
    said = {t for text in answered for t in analyze(text)}
    open_ = []
    for part in parts:
        subject = [t for t in dict.fromkeys(analyze(part)) if t not in FRAME_TERMS and len(t) > 2]
        kind = answer_type(part)
        stated = kind is not None and any(contains_answer_type(text, kind) for text in answered)
        if subject and not stated and not any(matches(t, said) for t in subject):
            open_.append(part)
    return open_ if len(open_) < len(parts) else []
