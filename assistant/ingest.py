"""Stage 1, ingest: read a PDF, text, Markdown or Word file into a cleaned `Document`.

Entry point: `load_document(path, key, catalog)`. Every failure is an `IngestError`
with a message a user can act on; the caller records it and goes on with the next file.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from assistant.models import DOC_TYPES, Block, Document, DocumentMeta, Page
from assistant.textclean import (
    build_blocks,
    clean_lines,
    footnote_numbers,
    normalize_chars,
    remove_repeated_blocks,
    remove_running_lines,
)

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")
CATALOG_FIELDS = ("title", "doc_type", "date", "kenmerk", "source_url")

PageProgress = Callable[[int, int], None]


class IngestError(Exception):
    """A file that cannot be ingested, with the reason in plain words."""


# --- catalog --------------------------------------------------------------------------------


def load_catalog(path: Path) -> dict[str, dict]:
    """Curator overrides per file, keyed by the path relative to the corpus folder."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"catalogus {path} is geen geldige TOML: {exc}") from exc
    catalog = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        unknown = set(entry) - set(CATALOG_FIELDS)
        if unknown:
            raise IngestError(f"catalogus {path}, [{key}]: onbekende velden {sorted(unknown)}")
        if "doc_type" in entry and entry["doc_type"] not in DOC_TYPES:
            raise IngestError(f"catalogus {path}, [{key}]: doc_type moet één zijn van {DOC_TYPES}")
        catalog[key] = {k: str(v) for k, v in entry.items()}
    return catalog


# --- readers: raw pages of lines ------------------------------------------------------------


def _decode_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise IngestError(f"{name}: geen UTF-8 en geen herkenbare tekstcodering")
    return str(best)


def _read_pdf(path: Path, max_pages: int, progress: PageProgress | None) -> Iterator[str]:
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
                    raise IngestError("PDF is beveiligd met een wachtwoord; lever hem zonder aan")
            except (WrongPasswordError, FileNotDecryptedError) as exc:
                raise IngestError(
                    "PDF is beveiligd met een wachtwoord; lever hem zonder aan"
                ) from exc
            except DependencyError as exc:
                raise IngestError(f"PDF-versleuteling niet ondersteund: {exc}") from exc
        total = len(reader.pages)
    except EmptyFileError as exc:
        raise IngestError("leeg bestand") from exc
    except (PdfStreamError, PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise IngestError(f"geen leesbare PDF (beschadigd of afgekapt): {exc}") from exc
    if total > max_pages:
        raise IngestError(f"PDF heeft {total} pagina's; de grens is {max_pages}")
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # pypdf raises many types for broken content streams
            raise IngestError(f"pagina {number} niet leesbaar: {exc}") from exc
        if progress:
            progress(number, total)
        yield text


def _read_docx(path: Path) -> tuple[list[str], set[int]]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(f"geen leesbaar Word-bestand: {exc}") from exc
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


def _markdown_lines(text: str) -> tuple[list[str], set[int]]:
    """Markdown to plain lines; headings marked by index, emphasis and links removed."""
    lines: list[str] = []
    headings: set[int] = set()
    for raw in text.split("\n"):
        m = _MD_HEADING.match(raw)
        line = m.group(1) if m else raw
        line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # [text](url) -> text
        line = re.sub(r"(\*\*|__|`)", "", line)
        line = _MD_LIST.sub("• ", line)
        if m:
            headings.add(len(lines))
        lines.append(line.rstrip())
    return lines, headings


# --- metadata -------------------------------------------------------------------------------

_MONTH_NAMES = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def parse_dutch_date(text: str) -> str | None:
    """The first date in `text` ("15 april 2026", "15-04-2026") as ISO yyyy-mm-dd."""
    for pattern, month_of in ((_DATE_WORDS, lambda s: _MONTHS[s.lower()]), (_DATE_NUMERIC, int)):
        m = pattern.search(text)
        if m:
            try:
                return date(int(m.group(3)), month_of(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                continue
    return None


def _labelled_value(lines: list[str], label: str, accept: Callable[[str], bool]) -> str | None:
    pattern = re.compile(rf"^\s*{label}\s*:?\s*(.*)$", re.I)
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m:
            continue
        candidates = [m.group(1)] + [ln for ln in lines[i + 1 : i + 4] if ln.strip()][:1]
        for value in candidates:
            value = value.strip()
            if value and accept(value):
                return value
    return None


def extract_meta(lines: list[str], fallback_title: str) -> DocumentMeta:
    """Metadata as the document states it: Kenmerk, Datum, type and title."""
    head = lines[:400]
    kenmerk = _labelled_value(
        head, r"(?:ons\s+)?kenmerk", lambda v: any(c.isdigit() for c in v) and len(v) <= 60
    )
    date_value = _labelled_value(
        head, r"datum(?:\s+aangemaakt)?", lambda v: parse_dutch_date(v) is not None
    )
    iso_date = parse_dutch_date(date_value) if date_value else None
    if iso_date is None:
        m = re.search(r"Den Haag,?\s+(\d{1,2}\s+\w+\s+\d{4})", "\n".join(head))
        iso_date = parse_dutch_date(m.group(1)) if m else None
    title = _labelled_value(head, r"(?:betreft|onderwerp)", lambda v: len(v) > 3) or fallback_title
    return DocumentMeta(
        title=title.strip(), doc_type=_guess_doc_type(head), date=iso_date, kenmerk=kenmerk
    )


def _guess_doc_type(lines: list[str]) -> str:
    text = "\n".join(lines).lower()
    if "geachte voorzitter" in text or "tweede kamer der staten-generaal" in text:
        return "kamerbrief"
    if re.search(r"^\s*nota\b", text, re.M) or "geadviseerd besluit" in text:
        return "nota"
    if "samenvatting" in text and ("inhoudsopgave" in text or "onderzoek" in text):
        return "studie"
    return "other"


# --- entry point ----------------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pages_to_blocks(raw_pages: list[str], paged: bool) -> tuple[list[list[Block]], list[str]]:
    pages = [normalize_chars(t).split("\n") for t in raw_pages]
    pages = remove_running_lines(pages) if paged else [remove_repeated_blocks(p) for p in pages]
    all_lines = [ln for p in pages for ln in p]
    notes = footnote_numbers(all_lines)
    cleaned = [clean_lines(p, notes) for p in pages]
    return [build_blocks(p) for p in cleaned], [ln for p in cleaned for ln in p]


def load_document(
    path: Path,
    key: str | None = None,
    catalog: dict[str, dict] | None = None,
    *,
    max_pdf_pages: int = 5000,
    progress: PageProgress | None = None,
) -> Document:
    """Read, clean and describe one file. Raises `IngestError` when it cannot be used.

    `key` is the document's identity in the index (see `index.document_key`); by default
    the file name. `progress(page, pages)` is called per PDF page.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"bestandstype {suffix or '(geen)'} niet ondersteund")
    if not path.is_file():
        raise IngestError("bestand bestaat niet")
    if path.stat().st_size == 0:
        raise IngestError("leeg bestand")
    rel = key or path.name
    sha = file_sha256(path)

    if suffix == ".pdf":
        raw_pages = list(_read_pdf(path, max_pdf_pages, progress))
        if not any(t.strip() for t in raw_pages):
            raise IngestError("geen tekstlaag: OCR nodig (gescande PDF?)")
        page_blocks, lines = _pages_to_blocks(raw_pages, paged=True)
        numbers: list[int | None] = list(range(1, len(page_blocks) + 1))
    elif suffix == ".docx":
        raw_lines, headings = _read_docx(path)
        lines = clean_lines([normalize_chars(ln) for ln in raw_lines], set())
        page_blocks = [build_blocks(lines, known_headings=headings, blank_lines_separate=True)]
        numbers = [None]
    else:
        text = normalize_chars(_decode_text(path.read_bytes(), path.name))
        if "\x00" in text:
            raise IngestError("binaire inhoud: geen tekstbestand")
        if suffix == ".md" or _looks_like_markdown(text):
            md_lines, headings = _markdown_lines(text)
            lines = remove_repeated_blocks(md_lines)
            # repeated-block removal shifts indexes: recompute the heading set by content
            heading_text = {md_lines[i] for i in headings}
            heading_idx = {i for i, ln in enumerate(lines) if ln in heading_text}
            notes = footnote_numbers(lines)
            lines = clean_lines(lines, notes)
            page_blocks = [
                build_blocks(lines, known_headings=heading_idx, blank_lines_separate=True)
            ]
            numbers = [None]
        else:
            raw_pages = text.split("\f")
            paged = len(raw_pages) > 1
            page_blocks, lines = _pages_to_blocks(raw_pages, paged=paged)
            numbers = list(range(1, len(page_blocks) + 1)) if paged else [None]

    pages = [
        Page(number=n, blocks=tuple(blocks)) for n, blocks in zip(numbers, page_blocks, strict=True)
    ]
    if not any(b.text.strip() for p in pages for b in p.blocks):
        raise IngestError("bevat geen bruikbare tekst")
    extracted = extract_meta(lines, _title_from_name(path))
    return Document(
        path=rel,
        sha256=sha,
        meta=apply_catalog(extracted, (catalog or {}).get(rel)),
        pages=pages,
        file_type=suffix[1:],
        extracted_meta=extracted,
    )


def apply_catalog(extracted: DocumentMeta, entry: dict | None) -> DocumentMeta:
    """The document's metadata with the curator's catalog values taking precedence."""
    return DocumentMeta(**{**extracted.to_dict(), **(entry or {})})


def _looks_like_markdown(text: str) -> bool:
    """A .txt that is really a Markdown conversion (headings or bold labels)."""
    return bool(re.search(r"^#{1,6}\s+\S", text, re.M)) or text.count("**") >= 4


def _title_from_name(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip() or path.name


def read_text(path: Path) -> str:
    """The cleaned text of any supported file (for input such as a set of Kamervragen)."""
    document = load_document(path)
    return "\n".join(page.text for page in document.pages)
