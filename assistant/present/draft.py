"""The draft answers to a set of Kamervragen in the ministry's format, as Markdown and Word.

A title "Antwoorden op vragen van het lid … over …" from the set's header, then per question
"Vraag N" with the question verbatim and "Antwoord N" with the draft and its sources; a
question the documents do not answer gets a visible placeholder for the writer, never
filler. Sources are numbered once across the draft, earlier answers (answered Kamervragen)
first, and listed at the end. Word footnotes cannot be written with python-docx (it has no
footnote part), so in the .docx each answer carries its numbered source notes below it; the
Markdown twin uses Markdown footnotes ([^n]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant import messages
from assistant.ingest.kamervragen import KamerVragen
from assistant.models import CITATION_MARKER, Answer, Citation
from assistant.present import word


@dataclass
class _Item:
    number: str
    question: str
    text: str  # the draft with global source numbers [k], or the placeholder
    notes: list[int] = field(default_factory=list)  # the global numbers it cites


@dataclass
class _Draft:
    title: str
    header: str
    items: list[_Item]
    sources: list[Citation]  # index k-1 holds source [k]


def _draft(vragen: KamerVragen, answers: list[Answer]) -> _Draft:
    """Number the sources across the draft: one number per quoted passage, in the order the
    answers cite them, each answer's earlier answers first."""
    sources: list[Citation] = []
    keys: dict[tuple, int] = {}
    items: list[_Item] = []
    for vraag, answer in zip(vragen.questions, answers, strict=True):
        used = answer.cited
        # a premise the documents contradict is drafted with the passage that says so
        if not used or (answer.abstained and not answer.corrects):
            items.append(_Item(vraag.number, vraag.text, messages.DRAFT_PLACEHOLDER))
            continue
        used.sort(key=lambda c: not c.earlier_answer)
        numbers: dict[int, int] = {}
        for c in used:
            key = (c.document, c.page, c.answers, c.quote)  # two answers may both be "Ja."
            if key not in keys:
                sources.append(c)
                keys[key] = len(sources)
            numbers[c.n] = keys[key]
        text = _renumber(answer.answer, numbers)
        items.append(_Item(vraag.number, vraag.text, text, sorted(set(numbers.values()))))
    title = messages.draft_title(vragen.asked)
    return _Draft(title, vragen.header, items, sources)


def _renumber(text: str, numbers: dict[int, int]) -> str:
    """The answer's [n] markers as the draft's numbers."""

    def number(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return f"[{numbers[n]}]" if n in numbers else m.group()

    return CITATION_MARKER.sub(number, text)


def _note(k: int, c: Citation) -> str:
    return messages.DRAFT_SOURCE_NOTE.format(n=k, reference=c.reference(), quote=c.quote)


def _source_groups(draft: _Draft) -> list[tuple[str, list[int]]]:
    """The list at the end: the earlier answers first, then the other sources."""
    numbered = list(enumerate(draft.sources, start=1))
    earlier = [k for k, c in numbered if c.earlier_answer]
    others = [k for k, c in numbered if not c.earlier_answer]
    groups = [(messages.DRAFT_EARLIER_ANSWERS, earlier), (messages.DRAFT_OTHER_SOURCES, others)]
    return [(label, group) for label, group in groups if group]


def draft_markdown(vragen: KamerVragen, answers: list[Answer]) -> str:
    """The draft as Markdown: title, "Vraag N" / "Antwoord N" headings, footnotes [^k]."""
    draft = _draft(vragen, answers)
    lines = [f"# {draft.title}", ""]
    if draft.header:
        lines += [f"_{draft.header}_", ""]
    for item in draft.items:
        text = CITATION_MARKER.sub(r"[^\1]", item.text) if item.notes else item.text
        lines += [f"## {messages.QUESTION} {item.number}", "", item.question, ""]
        lines += [f"## {messages.ANSWER} {item.number}", "", text, ""]
    if draft.sources:
        lines += [f"## {messages.DRAFT_SOURCES}", ""]
        for label, group in _source_groups(draft):
            lines += [f"### {label}", ""]
            for k in group:
                c = draft.sources[k - 1]
                lines += [f"[^{k}]: {c.reference()}: “{c.quote}”", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_draft_docx(vragen: KamerVragen, answers: list[Answer], path: Path) -> Path:
    """The draft as a Word document with the Title and Heading 1/2 styles: per question
    "Vraag N" and "Antwoord N", numbered source notes under each answer, the sources at
    the end."""
    from docx.shared import Pt

    draft = _draft(vragen, answers)
    document = word.new_document(draft.title)  # author, Dutch proofing, the title
    document.paragraphs[0].style = document.styles["Title"]  # the ministry's title line
    if draft.header:
        document.add_paragraph().add_run(draft.header).italic = True
    for item in draft.items:
        document.add_heading(f"{messages.QUESTION} {item.number}", level=1)
        document.add_paragraph(item.question)
        document.add_heading(f"{messages.ANSWER} {item.number}", level=1)
        document.add_paragraph(item.text)
        for k in item.notes:
            note = document.add_paragraph().add_run(_note(k, draft.sources[k - 1]))
            note.font.size = Pt(8)
    if draft.sources:
        document.add_heading(messages.DRAFT_SOURCES, level=1)
        for label, group in _source_groups(draft):
            document.add_heading(label, level=2)
            for k in group:
                document.add_paragraph(_note(k, draft.sources[k - 1]))
    return word.save(document, path)
