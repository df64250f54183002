"""Fixtures of the unit tier: everything here runs on the fake embedder (tests/fakes.py)."""

from __future__ import annotations

import pytest
from conftest import seed_corpus
from fakes import fake_parts

from assistant.config import Settings
from assistant.service import Assistant

# Documents of every type, dated and undated, beside the two seed nota's (000 has no date,
# 002 is dated 15 April 2026 in its letterhead). Their type and date come from the catalog.
LIBRARY = {
    "kamerbrief-2025.txt": (
        "kamerbrief",
        "2025-03-03",
        "Kamerbrief over munitie\n\nHet kabinet investeert in de productie van munitie door de "
        "Nederlandse defensie-industrie. Het onderzoek naar de financiering van bedrijven in "
        "de NLDTIB loopt nog.\n\nDe minister informeert de Kamer over de voortgang van de "
        "actielijnen en de knelpunten bij de financiering.\n",
    ),
    "kamerbrief-2026.txt": (
        "kamerbrief",
        "2026-06-01",
        "Kamerbrief over de strategie\n\nDe vernieuwde strategie voor de defensie-industrie is "
        "naar de Kamer gestuurd. Het onderzoek van Berenschot naar de NLDTIB is daarin "
        "verwerkt.\n\nDe financiering van kleine bedrijven krijgt extra aandacht in de "
        "strategie.\n",
    ),
    "studie-2026.txt": (
        "studie",
        "2026-01-10",
        "Studie naar de defensie-industrie\n\nDit onderzoek beschrijft de omvang van de NLDTIB: "
        "het aantal bedrijven, de omzet en de werkgelegenheid in de defensie-industrie.\n\n"
        "De financiering door banken en investeerders is voor kleine bedrijven een knelpunt "
        "volgens het onderzoek.\n",
    ),
    "notitie.txt": (
        "other",
        None,
        "Notitie zonder datum\n\nEen interne notitie over het onderzoek naar de "
        "defensie-industrie en de financiering van bedrijven in de NLDTIB.\n\nDe notitie vat "
        "de knelpunten en de actielijnen kort samen voor het overleg.\n",
    ),
}
SEED_TYPES_AND_DATES = {
    "000_88b5e2bd4c0d9035.txt": ("nota", None),
    "002_20a449703ecf9cc4.txt": ("nota", "2026-04-15"),
}


def write_library(settings: Settings) -> dict[str, tuple[str, str | None]]:
    """Add LIBRARY to a seeded corpus, with catalog entries; returns every document's
    (doc_type, date) as the index should hold them."""
    entries = []
    for name, (doc_type, date, text) in LIBRARY.items():
        (settings.corpus_dir / name).write_text(text)
        entries.append(f'\n["{name}"]\ndoc_type = "{doc_type}"\n')
        if date:
            entries[-1] += f'date = "{date}"\n'
    with settings.catalog_path.open("a") as catalog:
        catalog.write("".join(entries))
    expected = dict(SEED_TYPES_AND_DATES)
    expected.update({name: (doc_type, date) for name, (doc_type, date, _) in LIBRARY.items()})
    return expected


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A fake-embedder Assistant over six documents of every type, dated and undated;
    shared by the tests of a module, so read it, never write it."""
    root = tmp_path_factory.mktemp("library")
    settings = Settings(corpus_dir=seed_corpus(root), index_dir=root / "indexes")
    write_library(settings)
    assistant = Assistant(settings, **fake_parts())
    report = assistant.ingest()
    assert report.added == 6 and report.failed == []
    yield assistant
    assistant.close()
