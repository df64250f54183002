"""Word documents the way a writer expects them: Word's own heading and list styles (so the
navigation pane, the table of contents and the list numbering work), Dutch as the proofing
language, and the assistant named as author with the document's title."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import messages

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

LANGUAGE = "nl-NL"


def new_document(title: str) -> Document:
    """An empty document with its title as Heading 1 and its core properties set."""
    import docx

    document = docx.Document()
    now = datetime.now(UTC).replace(microsecond=0)
    props = document.core_properties
    props.author = messages.EXPORT_AUTHOR
    props.last_modified_by = messages.EXPORT_AUTHOR
    props.title = title
    props.comments = ""
    props.language = LANGUAGE
    props.created = props.modified = now
    _proofing_language(document)
    document.add_heading(title, level=1)
    return document


def _proofing_language(document: Document) -> None:
    """Dutch spelling and grammar checks for the text (the template says en-US)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def list_item(document: Document, text: str, *, numbered: bool, quote: str = "") -> Paragraph:
    """A list paragraph in Word's own list style ("List Number" or "List Bullet"); Word
    numbers it, so the text carries no number of its own. `quote` follows in italics."""
    style = "List Number" if numbered else "List Bullet"
    paragraph = document.add_paragraph(text, style=style)
    if quote:
        paragraph.add_run(f"“{quote}”").italic = True
    return paragraph


def save(document: Document, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
