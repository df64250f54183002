"""Metadata read from the real answered Kamervragen (../shared/real-corpus): the expected
values are written by hand from each file's first page."""

import pytest
from conftest import REPO

from assistant.ingest.document import load_document

DOCS = REPO.parent / "shared" / "real-corpus" / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="../shared/real-corpus ontbreekt")

EXPECTED = {
    "kamervragen-2023-0878-ombudsman-overheid-dwingt-burgers-tot-fraude-bzk.pdf": (
        "Het bericht «Ombudsman: Overheid dwingt burgers tot fraude»",
        "2024-01-26",
        "Aanhangsel Handelingen II 2023/24, nr. 878",
    ),
    "kamervragen-2024-1178-quantumproof-encryptie-bzk-jenv.pdf": (
        "Quantumproof encryptie",
        "2024-03-07",
        "Aanhangsel Handelingen II 2023/24, nr. 1178",
    ),
    "kamervragen-2024-1786-exportkredietverzekeringen-baggersector-fin-bhos.pdf": (
        "Exportkredietverzekeringen voor de baggersector",
        "2024-05-21",
        "Aanhangsel Handelingen II 2023/24, nr. 1786",
    ),
    # a Mededeling (answer postponed): its date is the Mededeling's
    "kamervragen-2024-1999-juridische-analyse-hoofdlijnenakkoord-mededeling-uitstel.pdf": (
        "Juridische analyse(s) van het hoofdlijnenakkoord",
        "2024-06-07",
        "Aanhangsel Handelingen II 2023/24, nr. 1999",
    ),
    "kamervragen-2024-2129-ontwikkelingen-jemen-bz.pdf": (
        "Ontwikkelingen in Jemen",
        "2024-06-28",
        "Aanhangsel Handelingen II 2023/24, nr. 2129",
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_answered_kamervragen_are_their_own_type_with_subject_date_and_number(name):
    meta = load_document(DOCS / name).meta
    assert (meta.title, meta.date, meta.kenmerk) == EXPECTED[name]
    assert meta.doc_type == "kamervragen"


def test_every_aanhangsel_is_recognised():
    metas = [load_document(p).meta for p in sorted(DOCS.glob("kamervragen-*.pdf"))]
    assert len(metas) == 21
    assert all(m.doc_type == "kamervragen" and m.date and m.kenmerk for m in metas)


def test_a_kamerbrief_is_not_taken_for_kamervragen():
    meta = load_document(
        DOCS / "kamerbrief-2025-03-12-financieringsknelpunten-defensie-industrie.md"
    ).meta
    assert meta.doc_type == "kamerbrief"
