"""Scanned PDFs made here (eval/scans.py: Dutch text drawn with Pillow, a redaction box with
its Woo ground, a page turned a quarter, a scanner's blur and grain) read by Tesseract.

These need Debian's tesseract-ocr and tesseract-ocr-nld; .ci/run installs them, so in CI
they run. The path without Tesseract is tested in tests/unit/test_ocr.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from assistant.ingest import ocr
from assistant.ingest.chunking import chunk_document
from assistant.ingest.document import load_document
from assistant.service import Assistant
from eval.scans import (
    NOTA_AUTHOR_LINE,
    NOTA_LINES,
    REDACTED_NAME,
    ScanPage,
    nota_pages,
    page_text,
    write_mixed,
    write_scan,
)

pytestmark = pytest.mark.skipif(
    not ocr.available(),
    reason="Tesseract with Dutch is not installed: apt-get install tesseract-ocr tesseract-ocr-nld",
)


@pytest.fixture(scope="module")
def nota(tmp_path_factory) -> Path:
    return write_scan(tmp_path_factory.mktemp("scan") / "nota-gelakt.pdf", nota_pages())


@pytest.fixture(scope="module")
def document(nota):
    return load_document(nota)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_a_scanned_nota_is_read_in_dutch(document):
    assert [p.ocr for p in document.pages] == [True, True]
    first = document.pages[0].text
    assert "De financiële knelpunten van de defensie-industrie" in first
    assert "De steun aan Oekraïne wordt voortgezet" in _flat(first)
    assert "verdubbeld tot 300.000 granaten" in _flat(first)
    assert document.meta.kenmerk == "BS2025-0147" and document.meta.date == "2025-03-14"
    # close to what was drawn, character for character (the redacted name left out)
    drawn = _flat(page_text(nota_pages()[0]))
    assert Levenshtein.normalized_similarity(drawn, _flat(first)) >= 0.97


def test_the_page_scanned_turned_a_quarter_is_read_upright(document):
    turned = _flat(document.pages[1].text)
    assert "Berenschot telde in 2024 ongeveer 1.450 bedrijven" in turned
    assert "Juridische overwegingen" in turned


def test_the_redaction_box_and_its_woo_ground_are_not_read(document):
    text = "\n".join(p.text for p in document.pages)
    assert REDACTED_NAME not in text
    assert "5.1.2" not in text and "51.2" not in text and "512" not in text
    assert "Auteur: mr. drs. P." in text  # the words before the box are kept


def test_a_ground_printed_white_on_the_box_is_not_read_either(tmp_path: Path):
    page = ScanPage(NOTA_LINES, redact_line=NOTA_AUTHOR_LINE, ground_inside=True)
    text = load_document(write_scan(tmp_path / "wit-op-zwart.pdf", [page])).pages[0].text
    assert "Auteur: mr. drs. P." in text and "Oekraïne" in text
    assert REDACTED_NAME not in text
    assert "5.1.2" not in text and "51.2" not in text and "512" not in text


def test_every_passage_of_a_scan_is_marked_as_read_by_ocr(document):
    chunks = chunk_document(document)
    assert chunks and all(c.ocr for c in chunks)
    assert {c.page for c in chunks} == {1, 2}


def test_a_page_with_a_text_layer_is_not_ocrd(tmp_path: Path, monkeypatch):
    seen = []
    read_image = ocr.read_image
    monkeypatch.setattr(ocr, "read_image", lambda *a, **k: seen.append(1) or read_image(*a, **k))
    lines = ["Kamerbrief over munitie", "", "De productie van munitie gaat omhoog in 2026."]
    document = load_document(write_mixed(tmp_path / "gemengd.pdf", lines, ScanPage(NOTA_LINES)))
    assert len(seen) == 1
    assert [p.ocr for p in document.pages] == [False, True]
    assert "Oekraïne" in document.pages[1].text


def test_an_answer_from_a_scan_cites_it_as_ocr(shared_copy, nota):
    target = shared_copy.corpus_dir / nota.name
    target.write_bytes(nota.read_bytes())
    service = Assistant(shared_copy)
    try:
        report = service.ingest([target])
        assert report.failed == [] and report.warnings == []
        answer = service.ask("Hoeveel granaten munitie worden in 2026 geproduceerd?")
    finally:
        service.close()
    cited = [c for c in answer.citations if c.document == nota.name]
    assert cited, [c.reference() for c in answer.citations]
    assert all(c.ocr for c in cited)
    assert cited[0].reference().endswith(", OCR)")
    assert "300.000 granaten" in " ".join(c.quote for c in cited)
