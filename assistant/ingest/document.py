"""Stage 1, ingest: read a PDF, text, Markdown or Word file into a cleaned `Document`.

Entry point: `load_document(path, key, catalog)`. Every failure is an `IngestError`
with a message a user can act on; the caller records it and goes on with the next file.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant import messages
from assistant.ingest.catalog import apply_catalog
from assistant.ingest.files import IngestError, check_file, file_sha256
from assistant.ingest.metadata import extract_meta
from assistant.ingest.ocr import read_pdf_text
from assistant.ingest.readers import (
    PageProgress,
    decode_text,
    markdown_lines,
    read_docx,
)
from assistant.models import Block, Document, Page
from assistant.text.clean import (
    build_blocks,
    clean_lines,
    footnote_numbers,
    normalize_chars,
    remove_repeated_blocks,
)
from assistant.text.redaction import strip_redactions
from assistant.text.running import page_labels, remove_running
from assistant.text.segment import own_words

# Raised whenever reading a file gives other text, chunks or metadata than before: the next
# full ingest then reads every file again, even those whose content did not change.
EXTRACTION_VERSION = "8"


def _pages_to_blocks(
    raw_pages: list[str], paged: bool
) -> tuple[list[list[Block]], list[list[str]], list[str | None]]:
    """Blocks per page, the cleaned lines per page with their running lines still in (a
    cover repeats the title that runs along the pages), and the numbers the pages print."""
    uncut = [normalize_chars(t).split("\n") for t in raw_pages]
    labels = page_labels(uncut) if paged else [None] * len(uncut)
    pages = remove_running(uncut, labels) if paged else [remove_repeated_blocks(p) for p in uncut]
    notes = footnote_numbers([ln for p in pages for ln in p])
    own = own_words(ln for p in uncut for ln in p)
    cleaned = [clean_lines(p, notes, own) for p in pages]
    stated = [clean_lines(p, notes, own) for p in uncut] if paged else cleaned
    return [build_blocks(p) for p in cleaned], stated, labels


def load_document(
    path: Path,
    key: str | None = None,
    catalog: dict[str, dict] | None = None,
    *,
    max_pdf_pages: int = 5000,
    progress: PageProgress | None = None,
    sha256: str | None = None,
) -> Document:
    """Read, clean and describe one file. Raises `IngestError` when it cannot be used.

    `key` is the document's identity in the index (see `files.document_key`); by default
    the file name. `progress(page, pages)` is called per PDF page. `sha256` is the file's
    hash when the caller has computed it already.
    """
    check_file(path)
    suffix = path.suffix.lower()
    if path.stat().st_size == 0:
        raise IngestError(messages.FILE_EMPTY)
    rel = key or path.name
    sha = sha256 or file_sha256(path)

    ocr_pages: set[int | None] = set()  # the pages OCR read
    notes: list[str] = []
    if suffix == ".pdf":
        pdf = read_pdf_text(path, max_pdf_pages, progress)
        ocr_pages, notes = set(pdf.ocr), pdf.notes
        page_blocks, lines, labels = _pages_to_blocks(pdf.pages, paged=True)
        numbers: list[int | None] = list(range(1, len(page_blocks) + 1))
    elif suffix == ".docx":
        raw_lines, headings = read_docx(path)
        raw_lines = [strip_redactions(normalize_chars(ln)) for ln in raw_lines]
        lines = clean_lines(raw_lines, set(), own_words(raw_lines))
        page_blocks = [build_blocks(lines, known_headings=headings, blank_lines_separate=True)]
        lines, numbers, labels = [lines], [None], [None]
    else:
        text = strip_redactions(normalize_chars(decode_text(path.read_bytes(), path.name)))
        if "\x00" in text:
            raise IngestError(messages.BINARY_CONTENT)
        if suffix == ".md" or _looks_like_markdown(text):
            page_blocks, lines, numbers, labels = _markdown_pages(text)
        else:
            raw_pages = text.split("\f")
            paged = len(raw_pages) > 1
            page_blocks, lines, labels = _pages_to_blocks(raw_pages, paged=paged)
            numbers = list(range(1, len(page_blocks) + 1)) if paged else [None]

    pages = [
        Page(number=n, blocks=tuple(blocks), label=label, ocr=n in ocr_pages)
        for n, blocks, label in zip(numbers, page_blocks, labels, strict=True)
    ]
    if not any(b.text.strip() for p in pages for b in p.blocks):
        raise IngestError(messages.NO_USABLE_TEXT)
    # what a converter put before a marked document's first page is not the document's
    stated = [page for n, page in zip(numbers, lines, strict=True) if n is not None]
    extracted = extract_meta(stated or lines, _title_from_name(path))
    return Document(
        path=rel,
        sha256=sha,
        meta=apply_catalog(extracted, (catalog or {}).get(rel)),
        pages=pages,
        file_type=suffix[1:],
        extracted_meta=extracted,
        notes=notes,
    )


# A page marker of a PDF converted to Markdown ("## Page 14"): the pages are kept.
# The converter's own table of contents before the first page (links to its page markers)
# and its list of links after the last are not the document's.
_CONVERTER_SECTION = re.compile(
    r"^#{1,6}\s*(?:table of contents|referenced links)\s*$", re.I | re.M
)
_PAGE_MARKER = re.compile(r"^#{1,6}\s*(?:page|pagina)\s+(\d+)\s*$", re.I | re.M)


def _markdown_pages(
    text: str,
) -> tuple[list[list[Block]], list[list[str]], list[int | None], list[str | None]]:
    """Blocks and lines per page of a Markdown text, the page numbers and the numbers the
    pages print. A conversion
    of a PDF that marks its pages keeps them (what comes before the first marker has no
    number), its running headers and footers are removed and its headings are found by
    their shape, as in a PDF: the converter's own Markdown headings are not the document's.
    Without markers the text is one page without a number, and blocks repeated later (a
    letterhead) are removed."""
    markers = list(_PAGE_MARKER.finditer(text))
    parts: list[tuple[int | None, str]] = []
    if markers:
        head = text[: markers[0].start()]
        if head.strip() and not _CONVERTER_SECTION.search(head):
            parts.append((None, head))
        links = _CONVERTER_SECTION.search(text, markers[-1].end())
        for marker, following in zip(markers, [*markers[1:], None], strict=True):
            end = following.start() if following else (links.start() if links else len(text))
            parts.append((int(marker.group(1)), text[marker.end() : end]))
    else:
        parts = [(None, text)]
    pages, headings = [], []
    for _, part in parts:
        md_lines, heading_idx = markdown_lines(part)
        pages.append(md_lines)
        headings.append({md_lines[i] for i in heading_idx})
    labels = page_labels(pages) if markers else [None]
    uncut = pages
    pages = remove_running(pages, labels) if markers else [remove_repeated_blocks(pages[0])]
    notes = footnote_numbers([ln for page in pages for ln in page])
    own = own_words(ln for page in uncut for ln in page)
    page_blocks, all_lines = [], []
    for page, heading_text in zip(pages, headings, strict=True):
        # running-line removal shifts indexes: the headings are found again by content
        heading_idx = {i for i, ln in enumerate(page) if ln in heading_text}
        cleaned = clean_lines(page, notes, own)
        if markers:  # a PDF's pages: headings are known by their shape, as in a PDF
            page_blocks.append(build_blocks(cleaned))
        else:
            page_blocks.append(
                build_blocks(cleaned, known_headings=heading_idx, blank_lines_separate=True)
            )
        all_lines.append(cleaned)
    if markers:  # what the metadata is read from: a cover repeats the running title
        all_lines = [clean_lines(page, notes, own) for page in uncut]
    return page_blocks, all_lines, [number for number, _ in parts], labels


def _looks_like_markdown(text: str) -> bool:
    """A .txt that is really a Markdown conversion (headings or bold labels)."""
    return bool(re.search(r"^#{1,6}\s+\S", text, re.M)) or text.count("**") >= 4


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip() or path.name


def read_text(path: Path) -> str:
    """The cleaned text of any supported file (for input such as a set of Kamervragen)."""
    document = load_document(path)
    return "\n".join(page.text for page in document.pages)
