"""Scanned PDF pages read with OCR: Tesseract in Dutch on the page as pypdfium2 renders it.

Entry point: `read_pdf_text(path, max_pages, progress)`, a PDF's text per page. Only a page
without a text layer (`needs_ocr`) that holds an image is OCR'd; one with text never is.

Why the `tesseract` program on pages rendered by pypdfium2, rather than ocrmypdf or
pytesseract: only some pages of a file need OCR and the text is all we keep, so there is no
PDF to write (ocrmypdf's job, with pikepdf and a rasteriser of its own); the rendered image
is cleaned before Tesseract sees it (redaction boxes painted out, so neither a box nor a Woo
ground printed on it comes back as words); and one direct call per page can pass the image
on stdin and run single-threaded (OMP_THREAD_LIMIT=1: Tesseract's OpenMP threads cost more
than they give on a small busy machine), which pytesseract's temporary PNG files and
inherited environment do not allow. pypdfium2 renders without Ghostscript.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant import messages
from assistant.ingest.files import IngestError
from assistant.ingest.readers import PageProgress, read_pdf
from assistant.text.redaction import strip_redactions

LANGUAGE = "nld"
DPI = 300  # Tesseract reads best at about 300 dpi
MAX_SIDE_PX = 7000  # a poster-sized page is rendered smaller: memory and time stay bounded
TIMEOUT_S = 120  # one page; a hung Tesseract must not hang the ingest
MIN_LETTERS = 10  # a text layer with fewer letters than this is no text layer
DARK = 100  # grey level below which a pixel counts as ink
BOX_SCALE = 4  # boxes are found on the page shrunk this much: strokes fade, boxes stay black
BOX_PX = 6  # a square this size all ink, shrunk, is part of a box: text strokes are thinner
MIN_CONFIDENCE = 30  # a word Tesseract is less sure of is a blot, a box edge or a stamp
# An unsure word this close to a box along its line is the box's label (a Woo ground).
LABEL_REACH_PX = 150
LABEL_CONFIDENCE = 80


class OcrError(Exception):
    """Tesseract could not read a page."""


@functools.cache
def available() -> bool:
    """Whether Tesseract with its Dutch model is installed."""
    if not shutil.which("tesseract"):
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


def needs_ocr(text: str) -> bool:
    """A page whose text layer has (next to) no letters: a scan, or a blank page."""
    return sum(ch.isalpha() for ch in text) < MIN_LETTERS


@dataclass
class PdfText:
    """A PDF's text per page, with what OCR read where a page had no text layer."""

    pages: list[str]  # each page's text, Woo redaction marks taken out
    ocr: set[int] = field(default_factory=set)  # the (1-based) pages OCR read
    notes: list[str] = field(default_factory=list)  # pages left unread, for the report


def read_pdf_text(path: Path, max_pages: int, progress: PageProgress | None) -> PdfText:
    """Every page's text: its text layer, or what OCR reads where a page has none but holds
    an image (a scan). Without Tesseract such a page stays empty and a note says so; a file
    with no text at all then fails with `messages.PDF_NO_TEXT`."""
    result = PdfText(list(read_pdf(path, max_pages, progress)))
    candidates = [n for n, text in enumerate(result.pages, start=1) if needs_ocr(text)]
    if candidates:
        _read_scans(path, candidates, result, progress)
    result.pages = [strip_redactions(text) for text in result.pages]
    return result


def _read_scans(
    path: Path, candidates: list[int], result: PdfText, progress: PageProgress | None
) -> None:
    """OCR of the candidates that hold an image; `progress(page, pages)` again per page
    read, as a scan takes seconds where a text layer takes milliseconds."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    has_text = len(candidates) < len(result.pages)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:  # pypdf read it; OCR cannot, so report, not fail
        if not has_text:
            raise IngestError(messages.ocr_failed(candidates, exc)) from exc
        result.notes.append(messages.ocr_failed(candidates, exc))
        return
    try:
        scans = []
        for number in candidates:
            page = pdf[number - 1]
            if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None:
                scans.append(number)
            page.close()
        if scans and not available():
            if not has_text:
                raise IngestError(messages.PDF_NO_TEXT)
            result.notes.append(messages.pages_need_ocr(scans))
            return
        # PDFium renders one page at a time (it is not thread-safe); Tesseract reads up to
        # one page per core meanwhile, each in its own process
        workers = os.cpu_count() or 1
        with ThreadPoolExecutor(workers) as pool:
            reading: deque[tuple[int, Future[str]]] = deque()
            for number in scans:
                page = pdf[number - 1]
                try:
                    scale = min(DPI / 72, MAX_SIDE_PX / max(page.get_size()))
                    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
                finally:
                    page.close()
                reading.append((number, pool.submit(read_image, image, round(scale * 72))))
                while len(reading) > workers:  # a few rendered pages in memory at most
                    _collect(*reading.popleft(), result, progress)
            while reading:
                _collect(*reading.popleft(), result, progress)
    finally:
        pdf.close()
    if result.notes and not has_text and not result.ocr:
        raise IngestError(result.notes[0])


def _collect(
    number: int, reading: Future[str], result: PdfText, progress: PageProgress | None
) -> None:
    try:
        result.pages[number - 1] = reading.result()
        result.ocr.add(number)
    except OcrError as exc:
        result.notes.append(messages.ocr_failed([number], exc))
    if progress:
        progress(number, len(result.pages))


def read_image(image, dpi: int = DPI) -> str:
    """The text of one page image (grayscale Pillow): redaction boxes painted out, turned
    upright by Tesseract's orientation detection (page segmentation mode 1), read in Dutch;
    unsure words and a box's label left out."""
    boxes = find_boxes(image)
    if boxes.any():
        pixels = np.asarray(image, dtype=np.uint8).copy()
        pixels[boxes] = np.median(pixels)  # the paper's shade: white would have edges
        image = _image(pixels)
    data = io.BytesIO()
    image.save(data, "PPM")  # uncompressed: no time spent packing what is read at once
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANGUAGE, "--psm", "1",
             "--dpi", str(dpi), "tsv"],
            input=data.getvalue(), capture_output=True, timeout=TIMEOUT_S, check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrError(str(exc)) from exc
    if done.returncode != 0:
        raise OcrError(done.stderr.decode(errors="replace").strip()[-300:])
    return _text_from_tsv(done.stdout.decode(errors="replace"), boxes)


def _image(pixels: np.ndarray):
    from PIL import Image

    return Image.fromarray(pixels, mode="L")


def find_boxes(image) -> np.ndarray:
    """A mask of the page's filled dark rectangles (redaction boxes), a little grown. Found
    on the page shrunk BOX_SCALE times, where a letter's stroke is grey and a box black:
    where squares of ink are, and then the whole rectangle around each patch of them, so a
    ground printed white on the box (which breaks its ink up) goes with it."""
    small = np.asarray(image.reduce(BOX_SCALE), dtype=np.uint8)
    ink = small < DARK
    full = _window_sums(ink, BOX_PX) == BOX_PX * BOX_PX  # top-left corners
    mask = np.zeros(small.shape, dtype=bool)
    if full.any():
        # every pixel of a full square, and one more around it (the box's blurred edge)
        reach = BOX_PX + 2
        corners = np.zeros((small.shape[0] + reach, small.shape[1] + reach), dtype=bool)
        corners[BOX_PX : BOX_PX + full.shape[0], BOX_PX : BOX_PX + full.shape[1]] = full
        squares = _window_sums(corners, reach)[: small.shape[0], : small.shape[1]] > 0
        for top, bottom, left, right in _merged([_grown(p, ink) for p in _patches(squares)]):
            mask[max(0, top - 1) : bottom + 2, max(0, left - 1) : right + 2] = True  # its edge
    grown = np.kron(mask, np.ones((BOX_SCALE, BOX_SCALE), dtype=bool))
    out = np.zeros((image.height, image.width), dtype=bool)
    out[: grown.shape[0], : grown.shape[1]] = grown[: image.height, : image.width]
    return out


def _patches(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The bounding box (top, bottom, left, right) of each 8-connected patch of the mask,
    found over runs of set pixels row by row (a dark photo is a few hundred runs, not a few
    hundred thousand pixels)."""
    runs: list[tuple[int, int, int]] = []  # (row, first, last)
    parent: list[int] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    previous: list[int] = []
    for y in range(mask.shape[0]):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], mask[y].view(np.int8), [0]))))
        current = []
        for first, end in zip(edges[::2], edges[1::2], strict=True):
            runs.append((y, int(first), int(end) - 1))
            parent.append(len(runs) - 1)
            current.append(len(runs) - 1)
            for other in previous:  # touching the run above, diagonals included
                if runs[other][1] <= end and runs[other][2] >= first - 1:
                    parent[root(other)] = root(len(runs) - 1)
        previous = current
    boxes: dict[int, list[int]] = {}
    for i, (y, first, last) in enumerate(runs):
        box = boxes.setdefault(root(i), [y, y, first, last])
        box[:] = [min(box[0], y), max(box[1], y), min(box[2], first), max(box[3], last)]
    return [(b[0], b[1], b[2], b[3]) for b in boxes.values()]


def _grown(box: tuple[int, int, int, int], ink: np.ndarray) -> tuple[int, int, int, int]:
    """The rectangle pushed out, side by side, while the next row or column along it is
    mostly ink: the strip of a box beside a white ground too thin to hold a full square."""
    top, bottom, left, right = box
    height, width = ink.shape
    grew = True
    while grew:
        grew = False
        if top > 0 and ink[top - 1, left : right + 1].mean() > 0.5:
            top, grew = top - 1, True
        if bottom < height - 1 and ink[bottom + 1, left : right + 1].mean() > 0.5:
            bottom, grew = bottom + 1, True
        if left > 0 and ink[top : bottom + 1, left - 1].mean() > 0.5:
            left, grew = left - 1, True
        if right < width - 1 and ink[top : bottom + 1, right + 1].mean() > 0.5:
            right, grew = right + 1, True
    return top, bottom, left, right


def _merged(boxes: list[tuple[int, int, int, int]], gap: int = 2) -> list[tuple[int, ...]]:
    """Rectangles that overlap or nearly touch joined into one: the pieces of a box that
    white letters on it cut apart."""
    boxes = list(boxes)
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(boxes):
            for j in range(i + 1, len(boxes)):
                b = boxes[j]
                if (
                    a[0] <= b[1] + gap
                    and b[0] <= a[1] + gap
                    and a[2] <= b[3] + gap
                    and b[2] <= a[3] + gap
                ):
                    boxes[i] = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
                    del boxes[j]
                    joined = True
                    break
            if joined:
                break
    return boxes


def _window_sums(mask: np.ndarray, size: int) -> np.ndarray:
    """For every (y, x), how many of mask[y:y+size, x:x+size] are set (summed-area table)."""
    table = np.zeros((mask.shape[0] + 1, mask.shape[1] + 1), dtype=np.int32)
    table[1:, 1:] = mask.cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
    return table[size:, size:] - table[:-size, size:] - table[size:, :-size] + table[:-size, :-size]


def _text_from_tsv(tsv: str, boxes: np.ndarray) -> str:
    """Tesseract's words back into lines (a blank line between paragraphs), without the
    words it is unsure of and without a box's label: an unsure word beside a box, before or
    after it along the line (a turned page's lines run up or down the image)."""
    lines: list[str] = []
    key = None
    upright = True
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        left, top, width, height = (int(v) for v in cells[6:10])
        if cells[0] == "4":  # a line: its box says which way it runs
            upright = width >= height
        if cells[0] != "5" or not cells[11].strip():
            continue
        confidence = float(cells[10])
        if confidence < MIN_CONFIDENCE:
            continue
        if confidence < LABEL_CONFIDENCE:
            reach = (0, LABEL_REACH_PX) if upright else (LABEL_REACH_PX, 0)
            near = boxes[
                max(0, top - reach[0]) : top + height + reach[0],
                max(0, left - reach[1]) : left + width + reach[1],
            ]
            if near.any():
                continue
        block, par, line = cells[2:5]
        if key is None or (block, par) != key[:2]:
            if lines:
                lines.append("")
            lines.append(cells[11])
        elif line != key[2]:
            lines.append(cells[11])
        else:
            lines[-1] += " " + cells[11]
        key = (block, par, line)
    return "\n".join(lines)
