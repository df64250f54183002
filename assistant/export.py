"""Stage 6 helpers: answers with their sources as Markdown and as Word (.docx) documents.

Sources are written the way staff cite them: "(titel, kenmerk, datum, p. N)".
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.kamervragen import Briefing
from assistant.models import Answer


def answer_markdown(answer: Answer) -> str:
    """The question, the answer with its [n] markers and a numbered source list."""
    lines = [f"**Vraag:** {answer.question}", "", answer.answer, ""]
    if answer.citations:
        lines.append("**Bronnen**" if not answer.abstained else "**Mogelijk relevante passages**")
        lines.append("")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.reference()}  ")
            lines.append(f"> “{c.quote}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


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
        question.add_run("Vraag: ").bold = True
        question.add_run(answer.question)
        document.add_paragraph(answer.answer)
        if answer.citations:
            label = "Bronnen" if not answer.abstained else "Mogelijk relevante passages"
            document.add_paragraph().add_run(label).bold = True
            for c in answer.citations:
                para = document.add_paragraph(style="List Number")
                para.add_run(f"[{c.n}] {c.reference()}: ")
                quote = para.add_run(f"“{c.quote}”")
                quote.italic = True
                quote.font.size = Pt(9)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_briefing_docx(briefing: Briefing, path: Path) -> Path:
    """The briefing as a Word document: key points with [n], notes, then the sources."""
    import docx

    document = docx.Document()
    document.add_heading(f"Briefing: {briefing.topic}", level=1)
    if not briefing.points:
        document.add_paragraph("Hierover staat niets in de geïndexeerde documenten.")
    for c in briefing.points:
        document.add_paragraph(f"“{c.quote}” [{c.n}]", style="List Bullet")
    if briefing.notes:
        document.add_heading("Let op", level=2)
        for note in briefing.notes:
            document.add_paragraph(note, style="List Bullet")
    if briefing.points:
        document.add_heading("Bronnen", level=2)
        for c in briefing.points:
            document.add_paragraph(f"[{c.n}] {c.reference()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def safe_filename(text: str, suffix: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", text.lower()).strip("-")[:60] or "antwoord"
    return f"{stem}{suffix}"
