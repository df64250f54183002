"""Scanned pages without Tesseract, and the parts of OCR that need no Tesseract: finding
redaction boxes, reading Tesseract's word table, the OCR mark in a citation. Reading real
scans with Tesseract is tested in tests/integration/test_ocr.py."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from fakes import fake_parts
from PIL import Image, ImageDraw, ImageFont

from assistant import messages
from assistant.ingest import ocr
from assistant.ingest.document import load_document
from assistant.ingest.files import IngestError
from assistant.models import Citation, IngestFailure
from assistant.service import Assistant
from eval.scans import FONT, NOTA_LINES, ScanPage, write_mixed, write_scan

TEXT_PAGE = [
    "Kamerbrief over de defensie-industrie",
    "",
    "De minister stuurt de Kamer de studie over de financiering van de",
    "defensie-industrie. Persoonsgegevens zijn gelakt (5.1.2.e) en de",
    "naam van de steller is weggelaten: 5.1.2e",
]


@pytest.fixture
def no_tesseract(monkeypatch):
    """OCR as on a machine without Tesseract."""
    monkeypatch.setattr(ocr, "available", lambda: False)


def test_a_scan_without_tesseract_fails_with_the_install_hint(tmp_path: Path, no_tesseract):
    path = write_scan(tmp_path / "scan.pdf", [ScanPage(NOTA_LINES)], noise=False)
    with pytest.raises(IngestError, match=f"^{re.escape(messages.PDF_NO_TEXT)}$"):
        load_document(path)
    assert "installeer tesseract-ocr-nld" in messages.PDF_NO_TEXT


def test_without_tesseract_the_rest_of_the_file_is_indexed_and_the_scan_reported(
    workspace, no_tesseract
):
    write_mixed(workspace.corpus_dir / "gemengd.pdf", TEXT_PAGE, ScanPage(NOTA_LINES), noise=False)
    service = Assistant(workspace, **fake_parts())
    try:
        report = service.ingest()
        assert report.failed == [] and report.added == 1
        assert report.warnings == [IngestFailure("gemengd.pdf", messages.pages_need_ocr([2]))]
        assert "p. 2 niet gelezen: geen tekstlaag: OCR nodig" in report.warnings[0].error
        chunks = service.index.store.chunks_of("gemengd.pdf")
    finally:
        service.close()
    assert chunks and {c.page for c in chunks} == {1}
    assert not any(c.ocr for c in chunks)
    # the Woo grounds of the text layer are not part of the text
    text = " ".join(c.text for c in chunks)
    assert "studie over de financiering" in text and "5.1.2" not in text


def test_a_pdf_of_blank_pages_is_not_sent_to_ocr(tmp_path: Path, pdf_writer, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "read_image", lambda *a, **k: pytest.fail("OCR of a blank page"))
    path = pdf_writer(tmp_path / "leeg.pdf", [[], []], header=None, footer=None)
    with pytest.raises(IngestError, match=f"^{re.escape(messages.NO_USABLE_TEXT)}$"):
        load_document(path)


def test_only_pages_without_a_text_layer_go_to_ocr(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: True)
    read: list[tuple[int, int]] = []

    def fake_read(image, dpi):
        read.append((*image.size, dpi))
        return "Gescande tekst van de tweede pagina met genoeg woorden erin."

    monkeypatch.setattr(ocr, "read_image", fake_read)
    path = write_mixed(tmp_path / "gemengd.pdf", TEXT_PAGE, ScanPage(NOTA_LINES), noise=False)
    pages: list[tuple[int, int]] = []
    document = load_document(path, progress=lambda page, total: pages.append((page, total)))
    assert pages == [(1, 2), (2, 2), (2, 2)]  # the text layers, then the scan read
    assert len(read) == 1 and read[0][0] > 2400 and read[0][2] == 300  # the scan only
    assert [p.ocr for p in document.pages] == [False, True]
    assert "Gescande tekst" in document.pages[1].text


def test_tesseract_missing_from_path_means_no_ocr(monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.available.cache_clear()
    try:
        assert ocr.available() is False
    finally:
        ocr.available.cache_clear()


def _page_with_box() -> tuple[Image.Image, tuple[int, int, int, int]]:
    image = Image.new("L", (1200, 400), 245)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 46)
    draw.text((40, 40), "Auteur: mr. drs. P.", font=font, fill=0)
    bold = ImageFont.truetype(FONT.replace("Sans.ttf", "Sans-Bold.ttf"), 70)
    draw.text((40, 200), "Kernpunten", font=bold, fill=0)
    box = (520, 30, 760, 100)
    draw.rectangle(box, fill=0)
    draw.text((790, 40), "5.1.2.e", font=font, fill=0)
    return image, box


def test_redaction_boxes_are_found_and_letters_are_not():
    image, (left, top, right, bottom) = _page_with_box()
    mask = ocr.find_boxes(image)
    assert mask[top + 2 : bottom - 2, left + 2 : right - 2].all()  # the whole box
    assert not mask[:, :500].any()  # not the text before it, nor the bold heading
    assert not mask[150:, :].any()
    assert not mask[:, 800:].any()  # nor the ground beside it


def test_a_page_without_boxes_has_an_empty_mask():
    image = Image.new("L", (600, 300), 255)
    ImageDraw.Draw(image).text((20, 20), "Geen lak", font=ImageFont.truetype(FONT, 60), fill=0)
    assert not ocr.find_boxes(image).any()


def _tsv(words: list[tuple[int, int, int, int, float, str]]) -> str:
    """Tesseract's TSV for words given as (par, line, left, top, conf, text)."""
    columns = "level page_num block_num par_num line_num word_num left top width height conf text"
    head = columns.replace(" ", "\t")
    rows = [head, "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t"]
    for i, (par, line, left, top, conf, text) in enumerate(words):
        rows.append(f"5\t1\t1\t{par}\t{line}\t{i}\t{left}\t{top}\t90\t40\t{conf}\t{text}")
    return "\n".join(rows)


def test_words_become_lines_and_paragraphs_without_unsure_words_and_box_labels():
    boxes = np.zeros((400, 1200), dtype=bool)
    boxes[30:100, 520:760] = True
    tsv = _tsv(
        [
            (1, 1, 40, 40, 96.0, "Auteur:"),
            (1, 1, 250, 40, 95.0, "P."),
            (1, 1, 790, 40, 47.0, "si"),  # the ground beside the box, misread
            (1, 2, 40, 90, 93.0, "tweede"),
            (1, 2, 200, 90, 12.0, "~~"),  # a blot
            (1, 2, 300, 90, 91.0, "regel"),
            (2, 1, 40, 200, 97.0, "Kernpunten"),
        ]
    )
    assert ocr._text_from_tsv(tsv, boxes) == "Auteur: P.\ntweede regel\n\nKernpunten"


def test_a_sure_word_after_a_box_is_kept():
    boxes = np.zeros((400, 1200), dtype=bool)
    boxes[30:100, 520:760] = True
    tsv = _tsv([(1, 1, 790, 40, 95.0, "bevestigt"), (1, 1, 1000, 40, 60.0, "dit")])
    assert ocr._text_from_tsv(tsv, boxes) == "bevestigt dit"  # "dit" is beyond the reach


def test_a_citation_read_by_ocr_says_so():
    citation = Citation(
        n=1, document="scan.pdf", title="Nota financiering", doc_type="nota",
        date="2025-03-14", kenmerk="BS2025-0147", page=3, section="", quote="…", score=1.0,
        ocr=True,
    )  # fmt: skip
    assert citation.reference() == "(Nota financiering, BS2025-0147, 14 maart 2025, p. 3, OCR)"
    citation.ocr = False
    assert citation.reference().endswith("p. 3)")


def test_on_a_turned_page_a_label_above_or_below_a_box_is_left_out():
    boxes = np.zeros((1200, 400), dtype=bool)
    boxes[500:740, 30:100] = True  # a box in a line that runs up the image
    line = "4\t1\t1\t1\t1\t0\t40\t100\t60\t900\t-1\t"
    tsv = _tsv([(1, 1, 40, 800, 96.0, "Auteur:"), (1, 1, 40, 380, 47.0, "si")])
    head, *rows = tsv.split("\n")
    assert ocr._text_from_tsv("\n".join([head, line, *rows[1:]]), boxes) == "Auteur:"


def test_a_box_with_its_ground_printed_white_on_it_is_found_whole():
    image = Image.new("L", (1200, 300), 245)
    draw = ImageDraw.Draw(image)
    box = (300, 60, 560, 128)
    draw.rectangle(box, fill=0)
    draw.text((315, 70), "5.1.2.e", font=ImageFont.truetype(FONT, 46), fill=255)
    mask = ocr.find_boxes(image)
    left, top, right, bottom = box
    assert mask[top : bottom + 1, left : right + 1].all()  # the white letters with it
    assert not mask[:, : left - 8].any() and not mask[:, right + 8 :].any()


def test_box_patches_are_the_bounding_boxes_of_connected_ink():
    mask = np.zeros((8, 10), dtype=bool)
    mask[1:3, 1:4] = True
    mask[3, 4] = True  # touches the first patch diagonally
    mask[6:8, 7:10] = True
    assert sorted(ocr._patches(mask)) == [(1, 3, 1, 4), (6, 7, 7, 9)]
