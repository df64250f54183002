"""Scanned pages made here, for the OCR tests and the bench: Dutch text drawn with Pillow on
a white A4 page, a black redaction box with its Woo ground ("5.1.2.e") beside it, a page
turned a quarter when asked, a scanner's blur, grain and skew, saved as a PDF of images
only (no text layer). The text drawn is returned, so what OCR reads can be scored."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

from eval.distractors import TOPICS, _paragraph

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 300
A4_MM = (210, 297)
MARGIN_MM = 25
FONT_PT = 11
LINE_SPACING = 1.45
WOO_GROUND = "5.1.2.e"
REDACTED_NAME = "Jansen"  # the name under the box: OCR must never return it

# A Woo-released nota as a scan: a letterhead, a redacted author and paragraphs with
# diacritics (ë, ï) and figures; its second page is scanned turned a quarter.
NOTA_LINES = [
    "Nota aan de minister van Defensie",
    "",
    "Kenmerk: BS2025-0147",
    "Datum: 14 maart 2025",
    "",
    "Auteur: mr. drs. P. Jansen",
    "",
    "Aanleiding",
    "",
    "De financiële knelpunten van de defensie-industrie vragen om een aanpak",
    "langs vier actielijnen. De steun aan Oekraïne wordt voortgezet en de",
    "productie van munitie wordt in 2026 verdubbeld tot 300.000 granaten.",
    "",
    "Kernpunten",
    "",
    "Het kabinet trekt 120 miljoen euro uit voor de versterking van de",
    "technologische industriële basis. Toeleveranciers krijgen betere",
    "toegang tot financiering via de Nationale Investeringsbank.",
]
NOTA_AUTHOR_LINE = 5
NOTA_TURNED_LINES = [
    "Toelichting",
    "",
    "Het onderzoeksbureau Berenschot telde in 2024 ongeveer 1.450 bedrijven",
    "in de sector. De gezamenlijke omzet bedroeg circa 8,7 miljard euro en",
    "het aantal voltijdbanen groeide tot 26.000 in het afgelopen jaar.",
    "",
    "Juridische overwegingen",
    "",
    "Er zijn bij deze nota geen bijzondere juridische overwegingen. De",
    "persoonsgegevens van de steller worden gelakt vanwege de bescherming",
    "van de persoonlijke levenssfeer.",
]


@dataclass(frozen=True)
class ScanPage:
    lines: list[str]  # the text drawn, line by line
    redact_line: int | None = None  # this line gets a black box over its last word
    rotate: int = 0  # degrees counter-clockwise the page is turned on the scanner
    ground_inside: bool = False  # the ground printed white on the box, not black beside it


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def render_page(page: ScanPage, *, seed: int = 0, noise: float = 1.0):
    """The page as a grayscale Pillow image at DPI, as a scanner would give it: `noise` 0
    is a clean rendering, 1 a scanned print (skew, blur, grain), 3 a poor copy of a copy
    (three times as much of each, and above 1 half the resolution lost)."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    width, height = _px(A4_MM[0]), _px(A4_MM[1])
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, round(FONT_PT / 72 * DPI))
    x, y = _px(MARGIN_MM), _px(MARGIN_MM)
    step = round(FONT_PT / 72 * DPI * LINE_SPACING)
    for number, line in enumerate(page.lines):
        if number == page.redact_line:
            shown = line.rsplit(" ", 1)[0] + " "
            draw.text((x, y), shown + REDACTED_NAME, font=font, fill=0)
            left = x + draw.textlength(shown, font=font)
            right = left + draw.textlength(REDACTED_NAME, font=font) + 30
            if page.ground_inside:
                right = max(right, left + draw.textlength(WOO_GROUND, font=font) + 30)
            draw.rectangle((left - 6, y - 10, right, y + step - 14), fill=0)
            if page.ground_inside:
                draw.text((left + 10, y), WOO_GROUND, font=font, fill=255)
            else:
                draw.text((right + 20, y), WOO_GROUND, font=font, fill=0)
        else:
            draw.text((x, y), line, font=font, fill=0)
        y += step
    if noise:
        skew = rng.uniform(-0.6, 0.6) * noise
        image = image.rotate(skew, fillcolor=255, resample=Image.BICUBIC)
        image = image.filter(ImageFilter.GaussianBlur(0.8 * noise))
        grain = Image.effect_noise(image.size, 18 * noise)
        image = Image.blend(image, grain, min(0.3, 0.12 * noise))
    if noise > 1:
        half = image.resize((width // 2, height // 2), Image.BILINEAR)
        image = half.resize((width, height), Image.BILINEAR)
    if page.rotate:
        image = image.rotate(page.rotate, expand=True, fillcolor=255)
    return image


def page_text(page: ScanPage) -> str:
    """What a perfect reading of the page gives: its lines, the redacted word left out."""
    lines = list(page.lines)
    if page.redact_line is not None:
        lines[page.redact_line] = lines[page.redact_line].rsplit(" ", 1)[0]
    return "\n".join(lines)


def write_scan(path: Path, pages: list[ScanPage], *, seed: int = 0, noise: float = 1.0) -> Path:
    """An image-only PDF of the pages (no text layer), at DPI."""
    images = [render_page(p, seed=seed + i, noise=noise) for i, p in enumerate(pages)]
    images[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return path


def write_mixed(path: Path, text_lines: list[str], scan: ScanPage, *, noise: float = 1) -> Path:
    """A PDF whose first page has a text layer (fpdf2) and whose second is a scan."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=FONT_PT)
    pdf.add_page()
    for number, line in enumerate(text_lines):
        pdf.text(MARGIN_MM, MARGIN_MM + 6 * number, line)
    pdf.add_page()
    jpeg = io.BytesIO()  # embedded as it is: fpdf2 would compress raw pixels slowly
    render_page(scan, noise=noise).save(jpeg, "JPEG", quality=90)
    pdf.image(jpeg, x=0, y=0, w=A4_MM[0], h=A4_MM[1])
    pdf.output(str(path))
    return path


def nota_pages() -> list[ScanPage]:
    """The test nota: a page with a redacted author, then a page turned a quarter."""
    return [
        ScanPage(NOTA_LINES, redact_line=NOTA_AUTHOR_LINE),
        ScanPage(NOTA_TURNED_LINES, rotate=90),
    ]


def generated_pages(count: int, seed: int = 2026) -> list[ScanPage]:
    """`count` pages of generated nota text (eval/distractors.py sentences), wrapped to the
    page's width, each with a redaction box whose ground is printed beside it or, on every
    other page, white on it; every third page turned a quarter."""
    import textwrap

    rng = random.Random(seed)
    pages = []
    for number in range(count):
        topic = rng.choice(TOPICS)
        lines = [f"Nota over de {topic}", ""]
        while len(lines) < 30:
            lines += [*textwrap.wrap(_paragraph(rng, topic), 64), ""]
        lines[3] = "Behandeld door mr. " + REDACTED_NAME
        turned = 90 if number % 3 == 2 else 0
        pages.append(ScanPage(lines[:34], 3, rotate=turned, ground_inside=number % 2 == 1))
    return pages


def measure_ocr(folder: Path, pages: int = 12, noise: float = 1.0) -> dict:
    """OCR speed and character accuracy on `pages` generated scans (`render_page`'s
    `noise`), written into `folder` as one PDF: pages/s over rendering and reading, and the
    CPU seconds per page of this process and Tesseract together (a figure the other work on
    a shared machine changes less); accuracy as 1 - the normalised edit distance between the
    drawn and the read text (whitespace made single spaces); and how many pages let the
    redacted name or the Woo ground through."""
    import resource
    import time

    from rapidfuzz.distance import Levenshtein

    from assistant.ingest import ocr

    scans = generated_pages(pages)
    path = write_scan(folder / f"scans-{noise}.pdf", scans, noise=noise)

    def cpu() -> float:
        own, tesseract = (
            resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        return own.ru_utime + own.ru_stime + tesseract.ru_utime + tesseract.ru_stime

    started, cpu_started = time.perf_counter(), cpu()
    texts = ocr.read_pdf_text(path, pages, None)
    seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
    assert texts.ocr == set(range(1, pages + 1)), texts.notes
    scores, rotated, leaks = [], [], 0
    for number, page in enumerate(scans, start=1):
        read = " ".join(texts.pages[number - 1].split())
        drawn = " ".join(page_text(page).split())
        score = Levenshtein.normalized_similarity(drawn, read)
        (rotated if page.rotate else scores).append(score)
        leaks += REDACTED_NAME in read or "5.1.2" in read or "512" in read
    return {
        "pages": pages,
        "noise": noise,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 3),
        "cpu_s_per_page": round(cpu_seconds / pages, 2),
        "char_accuracy": round(sum(scores + rotated) / pages, 4),
        "char_accuracy_upright": round(sum(scores) / max(1, len(scores)), 4),
        "char_accuracy_rotated": round(sum(rotated) / max(1, len(rotated)), 4),
        "pages_leaking_redactions": leaks,
    }
