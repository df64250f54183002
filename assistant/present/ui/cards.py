"""HTML and table rows for the workspace: source cards with the quote lit up in its passage."""

from __future__ import annotations

import html

from assistant import messages
from assistant.models import Answer, Citation, DocumentRecord
from assistant.present.export import source_groups
from assistant.service import Assistant
from assistant.text.dates import dutch_date

CONTEXT_CHARS = 300  # page text shown on either side of the quote

CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; margin: 8px 0;}
.source-card h4 {margin: 0 0 4px 0;}
.source-meta {color: #57606a; font-size: 0.9em; margin-bottom: 6px;}
.source-card mark {background: #fff3b0; padding: 0 2px;}
.passage {font-size: 0.95em; line-height: 1.45;}
"""


def type_label(doc_type: str) -> str:
    return messages.DOC_TYPE_LABELS.get(doc_type, doc_type)


def source_cards(assistant: Assistant, answer: Answer) -> str:
    """The cards of the cited sources, then those of the passages found but not cited."""
    if not answer.citations:
        return f"<p>{messages.NO_PASSAGES}</p>"
    return "".join(
        f"<h3>{label}</h3>" + "".join(_card(assistant, c) for c in group)
        for label, group in source_groups(answer)
    )


def _card(assistant: Assistant, c: Citation) -> str:
    """A source card: metadata, and the quote highlighted inside its passage."""
    page_text = assistant.page_text(c.document, c.page)
    at = page_text.find(c.quote)
    start, end = (
        max(0, at - CONTEXT_CHARS),
        min(len(page_text), at + len(c.quote) + CONTEXT_CHARS),
    )
    before = html.escape(page_text[start:at]) if at >= 0 else ""
    after = html.escape(page_text[at + len(c.quote) : end]) if at >= 0 else ""
    passage = (
        f"{'…' if start else ''}{before}<mark>{html.escape(c.quote)}</mark>{after}"
        f"{'…' if end < len(page_text) else ''}"
    ).replace("\n", "<br>")
    meta = [type_label(c.doc_type)]
    meta += [f"{messages.KENMERK} {c.kenmerk}" if c.kenmerk else "", dutch_date(c.date) or ""]
    meta.append(f"p. {c.page}" if c.page else (c.section or ""))
    link = ""
    file = assistant.document_file(c.document)
    if file.suffix.lower() == ".pdf" and file.exists():
        anchor = f"#page={c.page}" if c.page else ""
        link = (
            f' · <a href="/gradio_api/file={html.escape(str(file.resolve()))}{anchor}"'
            f' target="_blank">{messages.open_document(c.page)}</a>'
        )
    return (
        f'<div class="source-card"><h4>[{c.n}] {html.escape(c.title)}</h4>'
        f'<div class="source-meta">{html.escape(" · ".join(m for m in meta if m))}{link}</div>'
        f'<div class="passage">{passage}</div></div>'
    )


def documents_table(documents: list[DocumentRecord]) -> list[list]:
    return [
        [d.path, d.title, d.meta.doc_type, d.meta.date or "", d.meta.kenmerk or "", d.chunks]
        for d in documents
    ]
