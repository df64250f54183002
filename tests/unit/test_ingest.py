import re
from pathlib import Path

import pytest
from conftest import SEEDS, STUDY_HEADER

from assistant import messages
from assistant.ingest.catalog import load_catalog
from assistant.ingest.document import load_document
from assistant.ingest.files import SUPPORTED_SUFFIXES, IngestError
from assistant.models import DOC_TYPES
from assistant.text.dates import parse_dutch_date


def _blocks(doc):
    return [(p.number, b.kind, b.text) for p in doc.pages for b in p.blocks]


def test_seed_defensie_nota_is_cleaned():
    doc = load_document(
        SEEDS / "000_88b5e2bd4c0d9035.txt", catalog=load_catalog(SEEDS / "catalog.toml")
    )
    text = "\n".join(p.text for p in doc.pages)
    assert "financiering defensie-industrie’" in text  # "de-" + "fensie-industrie"
    assert "Uit onderzoek in opdracht" in text  # footnote marker "onderzoek1" dropped
    assert "\uf0b7" not in text and "• Deze vernieuwde strategie wordt eind Q1" in text
    assert ("heading", "Kernpunten") in [(k, t) for _, k, t in _blocks(doc)]
    assert doc.meta.doc_type == "nota"
    assert doc.meta.title.startswith("Nota Kamerbrief")  # from the catalog


def test_seed_ezk_nota_metadata_and_running_header():
    doc = load_document(SEEDS / "002_20a449703ecf9cc4.txt")
    assert doc.meta.kenmerk == "DGBI-TOP / 105818908"
    assert doc.meta.date == "2026-04-15"
    assert doc.meta.doc_type == "nota"
    texts = [t for _, _, t in _blocks(doc)]
    # the running header between the pages is gone and the split bullet is one again
    assert sum("Bedrijfsleven & Innovatie" in t for t in texts) == 1
    assert any("Strategie voor Industrie en Innovatie, de initiatieven" in t for t in texts)
    assert not any("**" in t or t.startswith("##") for t in texts)


def test_pdf_pages_headers_hyphens_and_footnotes(study_pdf: Path):
    doc = load_document(study_pdf)
    assert [p.number for p in doc.pages] == [1, 2, 3]
    text = "\n".join(p.text for p in doc.pages)
    assert STUDY_HEADER not in text and "Pagina 1 van 3" not in text
    assert (
        "gezamenlijke omzet van 9,3 miljard euro. Het aantal banen in de defensie-industrie" in text
    )
    assert "ministerie van Economische Zaken" in text
    page2 = doc.pages[1].text
    assert page2.startswith("Knelpunten\nBedrijven noemen de beschikbaarheid")
    assert ("heading", "Aanbevelingen") in [(k, t) for _, k, t in _blocks(doc)]


def test_catalog_overrides_extracted_metadata(tmp_path: Path):
    corpus = tmp_path
    (corpus / "brief.md").write_text(
        "# Brief\n\nKenmerk: BS-2025/123\n\nDatum: 3 maart 2025\n\nTekst.\n"
    )
    (corpus / "catalog.toml").write_text(
        '["brief.md"]\ntitle = "Kamerbrief X"\ndoc_type = "kamerbrief"\n'
    )
    doc = load_document(corpus / "brief.md", "brief.md", load_catalog(corpus / "catalog.toml"))
    assert (doc.meta.title, doc.meta.doc_type) == ("Kamerbrief X", "kamerbrief")
    assert (doc.meta.kenmerk, doc.meta.date) == ("BS-2025/123", "2025-03-03")
    assert doc.extracted_meta.title == "brief"


def test_catalog_with_unknown_doc_type_is_refused(tmp_path: Path):
    catalog = tmp_path / "catalog.toml"
    catalog.write_text('["a.pdf"]\ndoc_type = "memo"\n')
    with pytest.raises(IngestError) as raised:
        load_catalog(catalog)
    assert str(raised.value) == messages.catalog_bad_type(catalog, "a.pdf", DOC_TYPES)
    assert str(raised.value).endswith("[a.pdf]: doc_type moet één zijn van kamerbrief, kamerstuk,"
                                      " kamervragen, nota, studie, strategie, other")  # fmt: skip


def test_docx_headings_become_sections(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("Kernpunten", level=1)
    document.add_paragraph("Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.")
    document.save(tmp_path / "nota.docx")
    doc = load_document(tmp_path / "nota.docx")
    assert _blocks(doc) == [
        (None, "heading", "Kernpunten"),
        (None, "paragraph", "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd."),
    ]


def test_latin1_text_is_decoded(tmp_path: Path):
    path = tmp_path / "oud.txt"
    path.write_bytes(
        "Financiële overwegingen voor de industrie in België zijn beperkt.".encode("cp1252")
    )
    assert "Financiële" in load_document(path).pages[0].text


@pytest.mark.parametrize("name", ["actieagenda.txt", "actieagenda.md"])
def test_glued_words_are_set_apart_keeping_the_documents_own_names(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text(
        "Het SecFund investeert in innovatieve defensiebedrijven.\n\n"
        "Op2april2025ishetSecFundofficieelgelanceerd.\n",
        encoding="utf-8",
    )
    text = " ".join(page.text for page in load_document(path).pages)
    assert "Op 2 april 2025 is het SecFund officieel gelanceerd." in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.pdf", b"", re.escape(messages.FILE_EMPTY)),
        ("rommel.pdf", b"\x89garbage\x00" * 50, r"geen leesbare PDF \(beschadigd of afgekapt\): "),
        ("binair.txt", bytes(range(256)) * 20, re.escape(messages.unknown_encoding("binair.txt"))),
        (
            "plaatje.png",
            b"\x89PNG",
            re.escape(messages.unsupported_type(".png", SUPPORTED_SUFFIXES)),
        ),
        ("kort.txt", b"   \n\n  ", re.escape(messages.NO_USABLE_TEXT)),
    ],
)
def test_bad_files_get_a_clear_error(tmp_path: Path, name: str, content: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=f"^{message}"):
        load_document(path)


def test_truncated_pdf_gets_a_clear_error(study_pdf: Path):
    data = study_pdf.read_bytes()
    broken = study_pdf.with_name("afgekapt.pdf")
    broken.write_bytes(data[: len(data) // 3])
    with pytest.raises(IngestError, match=r"^geen leesbare PDF \(beschadigd of afgekapt\): "):
        load_document(broken)


def _encrypt(source: Path, target: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-256")
    writer.write(target)
    return target


def test_aes_encrypted_pdf_without_user_password_is_read(study_pdf: Path):
    encrypted = _encrypt(study_pdf, study_pdf.with_name("aes.pdf"), user_password="")
    assert b"/AESV3" in encrypted.read_bytes()  # really AES-256 encrypted
    document = load_document(encrypted)
    plain = load_document(study_pdf)
    assert [p.text for p in document.pages] == [p.text for p in plain.pages]


def test_password_protected_pdf_is_reported_as_such(study_pdf: Path):
    locked = _encrypt(study_pdf, study_pdf.with_name("slot.pdf"), user_password="geheim")
    with pytest.raises(IngestError, match=f"^{re.escape(messages.PDF_PASSWORD)}$"):
        load_document(locked)


def test_dutch_dates():
    assert parse_dutch_date("15 april 2026") == "2026-04-15"
    assert parse_dutch_date("Den Haag, 1 december 2024") == "2024-12-01"
    assert parse_dutch_date("03-02-2025") == "2025-02-03"
    assert parse_dutch_date("31 februari 2025") is None
