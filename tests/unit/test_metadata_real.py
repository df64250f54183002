"""Metadata read from the real documents (../shared/real-corpus) and the seeds, one kind at
a time (answered Kamervragen, Kamerbrieven, a published Kamerstuk, a study, strategies, an
action plan, a white paper, nota's): the expected values are written by hand from each
file's first page, letterhead or colophon."""

import re

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


def test_answered_kamervragen_name_who_asked_who_answered_and_when():
    # written from the "Vragen van …" and "Antwoord van …" lines of vragen-/antwoorden-*.txt
    meta = load_document(DOCS / "kamervragen-2024-2367-rekeninggluren-bunq-fin.pdf").meta
    assert (meta.asked_by, meta.answered_by) == ("Van der Lee (GroenLinks-PvdA)",
                                                 "Minister Heinen (Financiën)")  # fmt: skip
    assert (meta.sent, meta.received) == ("2024-06-28", "2024-08-29")
    meta = load_document(DOCS / "kamervragen-2024-2129-ontwikkelingen-jemen-bz.pdf").meta
    assert meta.asked_by == "Ceder (ChristenUnie) en Dobbe (SP)"
    assert meta.answered_by.startswith("Minister Bruins Slot (BZ)")
    assert (meta.sent, meta.received) == ("2024-06-05", "2024-06-28")
    postponed = "kamervragen-2024-1999-juridische-analyse-hoofdlijnenakkoord-mededeling-uitstel.pdf"
    meta = load_document(DOCS / postponed).meta  # the answer was postponed: nobody answered
    assert (meta.answered_by, meta.received) == (None, "2024-06-07")  # the Mededeling's date


def test_every_aanhangsel_is_recognised():
    metas = [load_document(p).meta for p in sorted(DOCS.glob("kamervragen-*.pdf"))]
    assert len(metas) == 21
    assert all(m.doc_type == "kamervragen" and m.date and m.kenmerk for m in metas)


def test_a_kamerbrief_is_not_taken_for_kamervragen():
    meta = load_document(
        DOCS / "kamerbrief-2025-03-12-financieringsknelpunten-defensie-industrie.md"
    ).meta
    assert meta.doc_type == "kamerbrief"


def _norm(text: str | None) -> str | None:
    """Titles compared as words: case, dashes and punctuation aside."""
    return None if text is None else " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


# (title, type, date, reference, author organisation), read by hand from each file's first
# page, letterhead or colophon; None where the file does not state it.
EXPECTED_KINDS = {
    # a Kamerbrief: the Betreft line without the letterhead run into it, "Onze referentie"
    "kamerbrief-2025-03-12-financieringsknelpunten-defensie-industrie.md": (
        "Financieringsknelpunten defensie-industrie, oplossingen en actielijnen",
        "kamerbrief",
        "2025-03-12",
        "MINDEF20250007854",
        None,
    ),
    # a Kamerbrief as the Kamer publishes it: the dossier's title, its Kamerstuk number
    "kamerbrief-2024-06-07-productie-leveringszekerheid-munitie-defensiematerieel"
    "-kst-36410-X-93.md": (
        "Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X)"
        " voor het jaar 2024",
        "kamerbrief",
        "2024-06-07",
        "Kamerstuk 36 410 X, nr. 93",
        None,
    ),
    # a study: title page, month and year, the bureau that wrote it
    "berenschot-2024-04-nldtib-omvang-structuur-kennis.md": (
        "Nederlandse defensie- en veiligheid gerelateerde technologische industriële basis",
        "studie",
        "2024-04",
        None,
        "Berenschot",
    ),
    # a strategy: its period printed above the title
    "defensie-2025-dsii-strategie-industrie-innovatie-2025-2029.md": (
        "Defensie Strategie voor Industrie en Innovatie 2025–2029",
        "strategie",
        None,
        None,
        None,
    ),
    # an action agenda
    "defensie-2025-straiik-d-strategische-actieagenda-industrie-innovatie-kennis.md": (
        "STRAIIK-D 2025: Strategische Actieagenda Industrie, Innovatie en Kennis – Defensie",
        "strategie",
        None,
        None,
        None,
    ),
    # an action plan: month and publisher from the colophon on its last page
    "ienw-2023-02-actieplan-onbemande-luchtvaart-2023-2025.md": (
        "Actieplan – Programma Onbemande Luchtvaart 2023-2025",
        "strategie",
        "2023-02",
        None,
        "Ministerie van Infrastructuur en Waterstaat",
    ),
    # a white paper: the month is not printed in it (the file name's 09 comes from elsewhere)
    "defensie-2024-09-defence-white-paper-strong-smart-together.md": (
        "2024 Defence White Paper: Strong, Smart and Together",
        "strategie",
        None,
        None,
        None,
    ),
}
SEEDS = REPO / "corpus"
# a nota: its subject under "nota / TER BESLISSING", "Datum aangemaakt", "Kenmerk"
SEED_NOTA = (
    "Periodiek onderzoek naar de Nederlandse defensie- en veiligheid gerelateerde technologische"
    " industriële basis (NLDTIB)",
    "nota",
    "2026-04-15",
    "DGBI-TOP / 105818908",
    None,
)


def _fields(meta) -> tuple:
    return (_norm(meta.title), meta.doc_type, meta.date, meta.kenmerk, meta.author)


def _expected(values: tuple) -> tuple:
    return (_norm(values[0]), *values[1:])


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_each_kind_of_real_document_gives_its_title_type_date_and_reference(name):
    assert _fields(load_document(DOCS / name).extracted_meta) == _expected(EXPECTED_KINDS[name])


def test_a_nota_gives_its_subject_date_and_kenmerk():
    meta = load_document(SEEDS / "002_20a449703ecf9cc4.txt").extracted_meta
    assert _fields(meta) == _expected(SEED_NOTA)


def test_a_nota_that_states_no_title_date_or_kenmerk_gets_none_guessed():
    meta = load_document(SEEDS / "000_88b5e2bd4c0d9035.txt").extracted_meta
    assert (meta.doc_type, meta.date, meta.kenmerk, meta.author) == ("nota", None, None, None)
    assert meta.title == "000 88b5e2bd4c0d9035"  # the file name, as the catalog then overrides
