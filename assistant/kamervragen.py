"""Kamervragen in, draft answers out; briefings on a topic.

`split_questions(text)` turns a set of schriftelijke vragen into its header and numbered
questions ("Vraag 1", "1.", "1)", sub-questions "a." / "b)"); the `Assistant` answers each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.models import Answer, Citation

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


def draft_markdown(vragen: KamerVragen, answers: list[Answer]) -> str:
    """ "Vraag n / Antwoord n" with footnote-style sources "(titel, kenmerk, datum, p. N)"."""
    lines = [f"_{vragen.header}_", ""] if vragen.header else []
    footnotes: list[Citation] = []
    for vraag, answer in zip(vragen.questions, answers, strict=True):
        lines += [
            f"**Vraag {vraag.number}**",
            "",
            vraag.text,
            "",
            f"**Antwoord {vraag.number}**",
            "",
        ]
        text = answer.answer
        for c in answer.citations:
            if f"[{c.n}]" in text:
                footnotes.append(c)
                text = text.replace(f"[{c.n}]", f"[^{len(footnotes)}]")
        lines += [text, ""]
    for number, c in enumerate(footnotes, start=1):
        lines += [f"[^{number}]: {c.reference()}: “{c.quote}”", ""]
    return "\n".join(lines).rstrip() + "\n"


@dataclass
class Briefing:
    """Key points on a topic across the documents, newest documents first."""

    topic: str
    points: list[Citation]
    notes: list[str]


def briefing_notes(points: list[Citation]) -> list[str]:
    """Where two documents give different figures on the same thing, say which is newer."""
    notes = []
    figure = re.compile(r"\b\d[\d.,]*\b")
    words = [set(re.findall(r"[^\W\d_]{5,}", p.quote.lower())) for p in points]
    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b = points[j]
            if a.document == b.document or len(words[i] & words[j]) < 3:
                continue
            fa, fb = set(figure.findall(a.quote)), set(figure.findall(b.quote))
            if fa and fb and fa != fb:
                newer, older = (a, b) if (a.date or "") >= (b.date or "") else (b, a)
                notes.append(
                    f"[{a.n}] en [{b.n}] noemen verschillende cijfers; [{newer.n}] "
                    f"({newer.date or 'datum onbekend'}) is nieuwer dan [{older.n}] "
                    f"({older.date or 'datum onbekend'})."
                )
    return notes


def briefing_markdown(briefing: Briefing) -> str:
    lines = [f"## Briefing: {briefing.topic}", ""]
    if not briefing.points:
        lines.append("Hierover staat niets in de geïndexeerde documenten.")
    for c in briefing.points:
        lines.append(f"- “{c.quote}” [{c.n}]")
    if briefing.notes:
        lines += ["", "**Let op**", *[f"- {n}" for n in briefing.notes]]
    if briefing.points:
        lines += ["", "**Bronnen**", *[f"[{c.n}] {c.reference()}" for c in briefing.points]]
    return "\n".join(lines) + "\n"
