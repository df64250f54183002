"""A source opened where the quote stands: a PDF page rendered with the quoted sentence lit up
in yellow, or a text document shown whole with the quote marked (and scrolled to).

pypdfium2 renders the page and finds the quote's character boxes in its own text layer. The
quote comes from the index's extraction (pypdf, cleaned: hyphens at line ends joined, spaces
collapsed), so when the whole sentence is not found verbatim its runs of words are looked up
one by one and each run found is lit.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

SCALE = 1.6  # 72 dpi points → about 115 dpi: readable in a side panel, quick to render
HIGHLIGHT = (255, 214, 0, 110)  # translucent yellow, the text stays readable beneath it
RUN_WORDS = 5  # words per run when the sentence is not found as a whole
PAD = 1.5  # points added around each character box


HYPHENS = "-\u00ad\ufffe\x02\u2010\u2011"  # pdfium marks a hyphen at a line end as \ufffe


def _letters(text: str) -> list[tuple[int, str]]:
    """The characters that carry the text (no spaces, no hyphens), lower case, with their
    index: pdfium and the index break and hyphenate lines differently, the letters agree."""
    return [(i, ch.lower()) for i, ch in enumerate(text) if not ch.isspace() and ch not in HYPHENS]


def _span(page_text: str, quote: str) -> tuple[int, int] | None:
    """First and last character index of the quote in the page's text, or None."""
    needle = "".join(ch for _, ch in _letters(quote))
    letters = _letters(page_text)
    at = "".join(ch for _, ch in letters).find(needle) if needle else -1
    if at < 0:
        return None
    return letters[at][0], letters[at + len(needle) - 1][0]


def _runs(quote: str) -> list[str]:
    """The quote's consecutive runs of words; a short tail joins the run before it (a word
    or two alone would be found anywhere)."""
    words = quote.split()
    runs = [words[i : i + RUN_WORDS] for i in range(0, len(words), RUN_WORDS)]
    if len(runs) > 1 and len(runs[-1]) < 3:
        tail = runs.pop()
        runs[-1] += tail
    return [" ".join(run) for run in runs if len(run) >= 3]


def quote_boxes(textpage: pdfium.PdfTextPage, quote: str) -> list[tuple[float, ...]]:
    """The boxes (left, bottom, right, top in points) of the quote on the page: the whole
    sentence, else every run of words found."""
    page_text = textpage.get_text_range()
    spans = [_span(page_text, quote)]
    if spans[0] is None:
        spans = [_span(page_text, run) for run in _runs(quote)]
        found = [span for span in spans if span is not None]
        # runs found in order and close together: light the sentence from the first to the
        # last (a footnote number or a ligature between them broke the whole match)
        if len(found) > 1 and found == sorted(found):
            first, last = found[0][0], found[-1][1]
            if last - first < 2 * len(quote):
                spans = [(first, last)]
    boxes = []
    for span in spans:
        if span is not None:
            start, last = span
            count = textpage.count_rects(start, last - start + 1)
            boxes += [textpage.get_rect(i) for i in range(count)]
    return boxes


def render_pdf_page(file: Path, page: int, quotes: list[str]) -> tuple[Image.Image, int]:
    """The page (1-based) as an image with every quote lit up; also how many boxes were lit."""
    pdf = pdfium.PdfDocument(str(file))
    try:
        number = min(max(page, 1), len(pdf)) - 1
        pdf_page = pdf[number]
        textpage = pdf_page.get_textpage()
        boxes = [box for quote in quotes for box in quote_boxes(textpage, quote)]
        height = pdf_page.get_height()
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGBA")
        textpage.close()
        pdf_page.close()
    finally:
        pdf.close()
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for left, bottom, right, top in boxes:
        draw.rectangle(
            (
                (left - PAD) * SCALE,
                (height - top - PAD) * SCALE,
                (right + PAD) * SCALE,
                (height - bottom + PAD) * SCALE,
            ),
            fill=HIGHLIGHT,
        )
    return Image.alpha_composite(image, overlay).convert("RGB"), len(boxes)


def marked_text(text: str, quotes: list[str]) -> str:
    """A text document as HTML with each quote in a <mark> (the first one is scrolled to)."""
    spans = []
    for quote in quotes:
        at = text.find(quote) if quote else -1
        if at < 0 and quote:  # spaces may differ between the quote and the stored text
            pattern = r"\s+".join(re.escape(w) for w in quote.split())
            found = re.search(pattern, text)
            if found:
                spans.append((found.start(), found.end()))
            continue
        if at >= 0:
            spans.append((at, at + len(quote)))
    parts, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        parts += [html.escape(text[last:start]), f"<mark>{html.escape(text[start:end])}</mark>"]
        last = end
    parts.append(html.escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")
