"""Answers and briefings as text, Markdown and Word (.docx) documents (drafts of Kamervragen:
`draft.py`).

Sources are written the way staff cite them: "(titel, kenmerk, datum, p. N)".
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from assistant import messages
from assistant.models import CITATION_MARKER, Answer, Briefing, BriefingSection, Citation
from assistant.present import word
from assistant.text.dates import dutch_date
from assistant.text.figures import marked


def source_groups(answer: Answer) -> list[tuple[str, list[Citation]]]:
    """The sources under their headings: "Bronnen" for what the answer cites, "Mogelijk
    relevante passages" for what was found but does not answer (all of it when the
    assistant abstained)."""
    sources = answer.cited
    others = [c for c in answer.citations if c not in sources]
    groups = [(messages.SOURCES, sources), (messages.MAYBE_RELEVANT, others)]
    return [(label, group) for label, group in groups if group]


def answer_plain(answer: Answer) -> str:
    """Readable text for a terminal: the answer with [n] markers, then the numbered sources."""
    lines = [answer.answer]
    for label, group in source_groups(answer):
        lines += ["", f"{label}:"]
        for c in group:
            lines.append(f"[{c.n}] {c.reference()}")
            lines.append(f"    “{c.quote}”")
    return "\n".join(lines)


def renumbered(answer: Answer, before: int = 0) -> tuple[str, list[Citation]]:
    """The answer text and the sources it cites, numbered before+1, before+2, ... in the
    order the text first cites them; the passages found but not cited are left out."""
    by_n = {c.n: c for c in answer.citations}
    order: dict[int, int] = {}
    for m in CITATION_MARKER.finditer(answer.answer):
        n = int(m.group(1))
        if n in by_n and n not in order:
            order[n] = before + len(order) + 1

    def number(m: re.Match) -> str:
        n = int(m.group(1))
        return f"[{order[n]}]" if n in order else m.group(0)

    text = CITATION_MARKER.sub(number, answer.answer)
    return text, [replace(by_n[n], n=new) for n, new in order.items()]


def blockquote(text: str) -> str:
    """Markdown quote whose every line stays inside the quote (a list in a passage too)."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def paragraph(text: str) -> str:
    """Plain text as one Markdown paragraph: its line breaks kept as hard breaks, and a line
    that would start a list or a heading ("1. …", "- …", "# …") escaped."""
    lines = [re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", line) for line in text.splitlines()]
    lines = [re.sub(r"^(\s*)([-+*#>])", r"\1\\\2", line) for line in lines]
    return "\\\n".join(lines)


def _item(text: str, marker: str = "- ") -> str:
    """A Markdown list item whose later lines are indented, so they stay in the item."""
    return marker + text.replace("\n", "\n" + " " * len(marker))


def answer_markdown(answer: Answer) -> str:
    """The question, the answer with its [n] markers, and only the sources it cites, each
    with its quote as a blockquote."""
    text, sources = renumbered(answer)
    lines = [f"**{messages.QUESTION}:** {paragraph(answer.question)}", "", paragraph(text), ""]
    lines += [f"_{note}_\n" for note in answer.notes if answer.abstained]
    if sources:
        lines += [f"**{messages.SOURCES}**", ""]
    for c in sources:
        lines += [f"[{c.n}] {c.reference()}", "", blockquote(f"“{c.quote}”"), ""]
    return "\n".join(lines).rstrip() + "\n"


def section_heading(section: BriefingSection) -> str:
    """A document as a briefing heads it: "Titel (kenmerk, datum)"."""
    details = [section.kenmerk, dutch_date(section.date) or messages.BRIEFING_NO_DATE]
    return f"{section.title} ({', '.join(d for d in details if d)})"


def _briefing_parts(section: BriefingSection) -> list[tuple[str, list[Citation]]]:
    parts = [
        (messages.BRIEFING_POINTS, section.points),
        (messages.BRIEFING_FIGURES, section.figures),
    ]
    return [(label, points) for label, points in parts if points]


def _see_note(briefing: Briefing, citation: Citation) -> str:
    """A pointer to the warning above when a note names this passage's figure."""
    named = {int(n) for note in briefing.notes for n in CITATION_MARKER.findall(note)}
    return f" ({messages.BRIEFING_SEE_NOTE})" if citation.n in named else ""


def _bold_figures(quote: str) -> str:
    """The quote with its figures in bold, where Markdown can see the bold: not inside a
    word ("2025iniedergeval€310miljoen" of a conversion that lost its spaces)."""
    out, text = [], ""
    pieces = marked(quote)
    for i, (piece, bold) in enumerate(pieces):
        after = pieces[i + 1][0][:1] if i + 1 < len(pieces) else ""
        if bold and not text[-1:].isalnum() and not after.isalnum():
            piece = f"**{piece}**"
        out.append(piece)
        text += pieces[i][0]
    return "".join(out)


def briefing_markdown(briefing: Briefing) -> str:
    """Per document (newest first) its key points and figures, the differing figures
    flagged above them, the numbered sources below."""
    lines = [f"## {messages.BRIEFING_TITLE.format(topic=briefing.topic)}", ""]
    if not briefing.points:
        lines += [messages.NOT_FOUND, ""]
        lines += [f"_{briefing.reason}_", ""] if briefing.reason else []
    if briefing.notes:
        lines += [f"**{messages.LOOK_OUT}: {messages.BRIEFING_DIFFERENCES.lower()}**", ""]
        lines += [_item(note) for note in briefing.notes] + [""]
    for section in briefing.sections:
        lines += [f"### {section_heading(section)}", ""]
        for label, points in _briefing_parts(section):
            lines += [f"**{label}**", ""]
            lines += [
                _item(f"“{_bold_figures(c.quote)}” [{c.n}]{_see_note(briefing, c)}") for c in points
            ] + [""]
    if briefing.points:
        lines += [f"**{messages.SOURCES}**", ""]
        lines += [_item(f"[{c.n}] {c.reference()}") for c in briefing.points] + [""]
    if briefing.left_out and briefing.points:
        lines += [f"_{messages.briefing_left_out(briefing.left_out)}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def write_docx(sections: list[tuple[str, Answer]], path: Path, title: str, intro: str = "") -> Path:
    """A Word document: per section a heading, the question, the answer and the sources it
    cites as a numbered list in Word's "List Number" style. The sources are numbered on
    through the document, the answers' [n] markers with them, so [n] is list item n."""
    document = word.new_document(title)
    if intro:
        document.add_paragraph().add_run(intro).italic = True
    cited_so_far = 0
    for heading, answer in sections:
        if heading:
            document.add_heading(heading, level=2)
        question = document.add_paragraph()
        question.add_run(f"{messages.QUESTION}: ").bold = True
        question.add_run(answer.question)
        text, sources = renumbered(answer, cited_so_far)
        cited_so_far += len(sources)
        document.add_paragraph(text)
        for note in answer.notes if answer.abstained else []:
            document.add_paragraph().add_run(note).italic = True
        if sources:
            document.add_heading(messages.SOURCES, level=3 if heading else 2)
        for c in sources:
            word.list_item(document, f"{c.reference()}: ", numbered=True, quote=c.quote)
    return word.save(document, path)


def write_briefing_docx(briefing: Briefing, path: Path) -> Path:
    """The briefing as a Word document: the differing figures, then per document a Heading 2
    with its key points and figures as bulleted lists, then the sources as Word's numbered
    list (item n is the source of [n])."""
    document = word.new_document(messages.BRIEFING_TITLE.format(topic=briefing.topic))
    if not briefing.points:
        document.add_paragraph(messages.NOT_FOUND)
        if briefing.reason:
            document.add_paragraph().add_run(briefing.reason).italic = True
    if briefing.notes:
        document.add_heading(f"{messages.LOOK_OUT}: {messages.BRIEFING_DIFFERENCES.lower()}", 2)
        for note in briefing.notes:
            word.list_item(document, note, numbered=False)
    for section in briefing.sections:
        document.add_heading(section_heading(section), level=2)
        for label, points in _briefing_parts(section):
            document.add_heading(label, level=3)
            for c in points:
                item = word.list_item(document, "“", numbered=False)
                for piece, bold in marked(c.quote):
                    item.add_run(piece).bold = bold or None
                item.add_run(f"” [{c.n}]{_see_note(briefing, c)}")
    if briefing.points:
        document.add_heading(messages.SOURCES, level=2)
        for c in briefing.points:
            word.list_item(document, c.reference(), numbered=True)
    if briefing.left_out and briefing.points:
        document.add_paragraph().add_run(
            messages.briefing_left_out(briefing.left_out)
        ).italic = True
    return word.save(document, path)


def safe_filename(text: str, suffix: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", text.lower()).strip("-")[:60] or "antwoord"
    return f"{stem}{suffix}"
