"""Pages and sections of the real Markdown conversions (../shared/real-corpus): running
headers and footers are never passages or sections, and passages carry the page number the
document prints beside the physical page. Expected values read by hand from the files."""

import pytest
from conftest import REPO

from assistant.ingest.chunking import chunk_document
from assistant.ingest.document import load_document

DOCS = REPO.parent / "shared" / "real-corpus" / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="../shared/real-corpus ontbreekt")

BERENSCHOT = "berenschot-2024-04-nldtib-omvang-structuur-kennis.md"
RUNNING = "Nederlandse defensie- en veiligheid gerelateerde technologische industriële basis | 2024"


@pytest.fixture(scope="module")
def berenschot():
    return chunk_document(load_document(DOCS / BERENSCHOT))


def test_the_running_header_of_the_study_is_no_passage_and_no_section(berenschot):
    assert not [c.text for c in berenschot if RUNNING in c.text or "| 2024" in c.text[:12]]
    assert not [c.section for c in berenschot if "| 2024" in c.section]


def test_a_passage_carries_the_printed_page_of_the_study(berenschot):
    # "14 | Nederlandse defensie- ..." heads the page with the 180.000 fte
    employment = [c for c in berenschot if c.text.startswith("In Nederland zijn circa 180.000 fte")]
    assert [(c.page, c.page_label) for c in employment] == [(14, "14")]
    assert all(c.page is not None for c in berenschot)  # "## Page N" gives every passage a page


def test_a_spread_of_the_white_paper_is_cited_with_both_printed_pages():
    document = load_document(DOCS / "defensie-2024-09-defence-white-paper-strong-smart-together.md")
    labels = {page.number: page.label for page in document.pages}
    assert (labels[2], labels[3], labels[11]) == ("2–3", "4–5", "21")
    chunks = chunk_document(document)
    assert not [c for c in chunks if "DEFENCE WHITE PAPER | 2024" in c.section]


def test_the_kamerstuk_footer_gives_its_page_and_is_no_passage():
    name = (
        "kamerbrief-2024-06-07-productie-leveringszekerheid-munitie-defensiematerieel"
        "-kst-36410-X-93.md"
    )
    chunks = chunk_document(load_document(DOCS / name))
    assert not [c for c in chunks if "Tweede Kamer, vergaderjaar 2023–2024, 36 410 X" in c.text]
    assert {c.page_label for c in chunks if c.page == 7} == {"7"}
    assert "Tweede Kamer der Staten-Generaal" not in {c.section for c in chunks}


def test_the_letter_footer_pagina_n_van_5_is_no_passage():
    chunks = chunk_document(
        load_document(DOCS / "kamerbrief-2025-03-12-financieringsknelpunten-defensie-industrie.md")
    )
    assert not [c for c in chunks if "Pagina" in c.text and "van 5" in c.text]
    assert {c.page_label for c in chunks if c.page == 5} == {"5"}
