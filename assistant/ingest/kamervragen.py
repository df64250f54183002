"""A set of schriftelijke Kamervragen, split: `split_questions(text)` gives its header and
numbered questions ("Vraag 1", "1.", "1)", sub-questions "a." / "b)"); the `Assistant`
answers each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUESTION = re.compile(r"^\s*(?:vraag\s+)?(\d{1,2})\s*(?:[.):]\s*|\s+(?=[A-ZÀ-Ý])|$)(.*)$", re.I)
_SUB = re.compile(r"^\s*\(?([a-h])[.)]\s+(.*)$")


@dataclass
class KamerVraag:
    """One question to answer: its number ("2", "2b"), its text, and its stem for context."""

    number: str
    text: str
    stem: str = ""  # the main question's text, for a sub-question

    @property
    def query(self) -> str:
        return f"{self.stem} {self.text}".strip()


@dataclass
class KamerVragen:
    header: str
    questions: list[KamerVraag] = field(default_factory=list)


def split_questions(text: str) -> KamerVragen:
    """The header (who asks whom about what) and the numbered questions, in order."""
    header: list[str] = []
    questions: list[KamerVraag] = []
    expected = 1
    current_main: KamerVraag | None = None
    current: KamerVraag | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _QUESTION.match(line)
        # "Vraag 1" may stand alone with its text on the next line; a bare number may not
        labelled = line.lower().startswith("vraag") or match and match.group(2).strip()
        if match and int(match.group(1)) == expected and labelled:
            current_main = current = KamerVraag(match.group(1), match.group(2).strip())
            questions.append(current)
            expected += 1
            continue
        sub = _SUB.match(line)
        if sub and current_main is not None:
            if current is current_main and not current_main.number[-1].isalpha():
                # the main question becomes the stem of its sub-questions
                questions.remove(current_main)
            current = KamerVraag(
                f"{current_main.number}{sub.group(1)}", sub.group(2).strip(), current_main.text
            )
            questions.append(current)
            continue
        if current is None:
            header.append(line)
        else:
            current.text = f"{current.text} {line}".strip()
    return KamerVragen(header=" ".join(header), questions=questions)
