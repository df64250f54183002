"""Readers per format: a file's raw text, as pages (PDF) or lines with known headings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from assistant import messages
from assistant.ingest.files import IngestError

PageProgress = Callable[[int, int], None]


def decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise IngestError(messages.unknown_encoding(name))
    return str(best)


def read_pdf(path: Path, max_pages: int, progress: PageProgress | None) -> Iterator[str]:
    from pypdf import PdfReader
    from pypdf.errors import (
        DependencyError,
        EmptyFileError,
        FileNotDecryptedError,
        PdfReadError,
        PdfStreamError,
        WrongPasswordError,
    )

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise IngestError(messages.PDF_PASSWORD)
            except (WrongPasswordError, FileNotDecryptedError) as exc:
                raise IngestError(messages.PDF_PASSWORD) from exc
            except DependencyError as exc:
                raise IngestError(messages.pdf_encryption(exc)) from exc
        total = len(reader.pages)
    except EmptyFileError as exc:
        raise IngestError(messages.FILE_EMPTY) from exc
    except (PdfStreamError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(messages.pdf_unreadable(exc)) from exc
    if total > max_pages:
        raise IngestError(messages.pdf_too_long(total, max_pages))
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # pypdf raises many types for broken content streams
            raise IngestError(messages.page_unreadable(number, exc)) from exc
        if progress:
            progress(number, total)
        yield text


def read_docx(path: Path) -> tuple[list[str], set[int]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(messages.docx_unreadable(exc)) from exc
    lines: list[str] = []
    headings: set[int] = set()
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            lines.append("")
            continue
        style = (para.style.name or "").lower() if para.style is not None else ""
        if style.startswith(("heading", "kop", "title", "titel")):
            headings.add(len(lines))
        elif "list" in style or "lijst" in style:
            text = "• " + text
        lines.append(text)
        lines.append("")
    return lines, headings


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s*[-*+]\s+")


# Labels a PDF-to-Markdown converter puts above its tables; not headings of the document.
_CONVERTER_LABEL = re.compile(
    r"^(table|tabel) \d+$|^table of contents$|^referenced links$|^[\w-]{25,}$", re.I
)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def table_row(line: str) -> str:
    """A Markdown table row as plain text: its filled cells; "" for a rule or empty row."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    filled = [c for c in cells if c and not re.fullmatch(r":?-{3,}:?", c)]
    return " · ".join(filled)


def markdown_lines(text: str) -> tuple[list[str], set[int]]:
    """Markdown to plain lines; headings marked by index, emphasis and links removed, table
    rows reduced to their filled cells, a converter's table labels dropped."""
    lines: list[str] = []
    headings: set[int] = set()
    for raw in text.split("\n"):
        if _TABLE_ROW.match(raw):
            lines.append(table_row(raw))
            continue
        m = _MD_HEADING.match(raw)
        if m and _CONVERTER_LABEL.match(m.group(1).strip()) or raw.startswith("**Source:**"):
            lines.append("")
            continue
        line = m.group(1) if m else raw
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) -> text
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = _MD_LIST.sub("• ", line)
        if m:
            headings.add(len(lines))
        lines.append(line.rstrip())
    return lines, headings
