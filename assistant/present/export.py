"""Answers, drafts and briefings as text, Markdown and Word (.docx) documents.

Sources are written the way staff cite them: "(titel, kenmerk, datum, p. N)".
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant import messages
from assistant.ingest.kamervragen import KamerVragen
from assistant.models import Answer, Briefing, Citation


def cited(answer: Answer) -> list[Citation]:
    """The citations the answer text refers to with its [n] markers."""
    return [c for c in answer.citations if f"[{c.n}]" in answer.answer]


def source_groups(answer: Answer) -> list[tuple[str, list[Citation]]]:
    """The sources under their headings: "Bronnen" for what the answer cites, "Mogelijk
    relevante passages" for what was found but does not answer (all of it when the
    assistant abstained)."""
    sources = cited(answer)
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


def answer_markdown(answer: Answer) -> str:
    """The question, the answer with its [n] markers and the numbered sources."""
    lines = [f"**{messages.QUESTION}:** {answer.question}", "", answer.answer, ""]
    for label, group in source_groups(answer):
        lines += [f"**{label}**", ""]
        for c in group:
            lines.append(f"[{c.n}] {c.reference()}  ")
            lines.append(f"> “{c.quote}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def draft_markdown(vragen: KamerVragen, answers: list[Answer]) -> str:
    """ "Vraag n / Antwoord n" with footnote-style sources "(titel, kenmerk, datum, p. N)"."""
    lines = [f"_{vragen.header}_", ""] if vragen.header else []
    footnotes: list[Citation] = []
    for vraag, answer in zip(vragen.questions, answers, strict=True):
        lines += [
            f"**{messages.QUESTION} {vraag.number}**",
            "",
            vraag.text,
            "",
            f"**{messages.ANSWER} {vraag.number}**",
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


def briefing_markdown(briefing: Briefing) -> str:
    lines = [f"## {messages.BRIEFING_TITLE.format(topic=briefing.topic)}", ""]
    if not briefing.points:
        lines.append(messages.NOT_FOUND)
    for c in briefing.points:
        lines.append(f"- “{c.quote}” [{c.n}]")
    if briefing.notes:
        lines += ["", f"**{messages.LOOK_OUT}**", *[f"- {n}" for n in briefing.notes]]
    if briefing.points:
        lines += ["", f"**{messages.SOURCES}**"]
        lines += [f"[{c.n}] {c.reference()}" for c in briefing.points]
    return "\n".join(lines) + "\n"


def write_docx(sections: list[tuple[str, Answer]], path: Path, title: str, intro: str = "") -> Path:
    """A Word document: per section a heading, the answer, and footnote-style sources."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading(title, level=1)
    if intro:
        document.add_paragraph(intro).runs[0].italic = True
    for heading, answer in sections:
        if heading:
            document.add_heading(heading, level=2)
        question = document.add_paragraph()
        question.add_run(f"{messages.QUESTION}: ").bold = True
        question.add_run(answer.question)
        document.add_paragraph(answer.answer)
        for label, group in source_groups(answer):
            document.add_paragraph().add_run(label).bold = True
            for c in group:
                para = document.add_paragraph()
                para.add_run(f"[{c.n}] {c.reference()}: ")
                quote = para.add_run(f"“{c.quote}”")
                quote.italic = True
                quote.font.size = Pt(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_draft_docx(vragen: KamerVragen, answers: list[Answer], path: Path) -> Path:
    """The drafts of a set of Kamervragen as a Word document."""
    sections = [
        (f"{messages.QUESTION} {v.number}", a)
        for v, a in zip(vragen.questions, answers, strict=True)
    ]
    return write_docx(sections, path, messages.DRAFT_TITLE, intro=vragen.header)


def write_briefing_docx(briefing: Briefing, path: Path) -> Path:
    """The briefing as a Word document: key points with [n], notes, then the sources."""
    import docx

    document = docx.Document()
    document.add_heading(messages.BRIEFING_TITLE.format(topic=briefing.topic), level=1)
    if not briefing.points:
        document.add_paragraph(messages.NOT_FOUND)
    for c in briefing.points:
        document.add_paragraph(f"“{c.quote}” [{c.n}]", style="List Bullet")
    if briefing.notes:
        document.add_heading(messages.LOOK_OUT, level=2)
        for note in briefing.notes:
            document.add_paragraph(note, style="List Bullet")
    if briefing.points:
        document.add_heading(messages.SOURCES, level=2)
        for c in briefing.points:
            document.add_paragraph(f"[{c.n}] {c.reference()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def safe_filename(text: str, suffix: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", text.lower()).strip("-")[:60] or "antwoord"
    return f"{stem}{suffix}"
