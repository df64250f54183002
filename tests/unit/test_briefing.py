"""The briefing: grouped by document, newest first, key points then figures, boilerplate
out, differing figures flagged; on fake evidence and on the fake-embedder library."""

import pytest

from assistant import messages
from assistant.answer.briefing import compose_briefing, figure_notes
from assistant.models import Chunk, Citation, DocumentMeta, Evidence
from assistant.present.export import briefing_markdown
from assistant.text.boilerplate import is_boilerplate
from assistant.text.figures import figures

STRAIIK = "straiik-d.md"
DSII = "dsii.md"
BERENSCHOT = "berenschot.md"
NOTA = "nota.txt"


def ev(doc, position, quote, score, date=None, title=None):
    chunk = Chunk(f"{doc}:{position}", doc, position, quote, 1, "", 0, len(quote))
    return Evidence(chunk, quote, score, DocumentMeta(title or doc.upper(), "other", date))


EVIDENCE = [
    ev(
        DSII,
        40,
        "Defensie stelt 1,1 miljard euro beschikbaar voor het opschalen en versterken "
        "van innovatie en Defensie-industrie.",
        0.9,
        "2025-01-01",
    ),  # fmt: skip
    ev(
        STRAIIK,
        3,
        "Er is met ingang van de Defensienota 2024 €1,15 miljard beschikbaar gesteld "
        "om de Nederlandse (innovatieve) Defensie-industrie te versterken en op te schalen.",
        0.95,
        "2025-05-01",
    ),  # fmt: skip
    ev(NOTA, 7, "Er zijn bij de brief geen bijzondere juridische overwegingen.", 0.99),
    ev(
        NOTA,
        8,
        "1 Nederlandse defensie- en veiligheid gerelateerde technologische industriële "
        "basis (Berenschot, april 2024).",
        0.8,
    ),  # fmt: skip
    ev(
        BERENSCHOT,
        12,
        "De sector is sterk gericht op de export, met name naar West-Europa. "
        "Circa de helft van de totale omzet betreft export.",
        0.7,
        "2024-04-01",
    ),  # fmt: skip
    ev(
        DSII,
        9,
        "De sector is innovatief (circa 43% van de omzet komt vanuit export, met name "
        "naar West-Europa en de Verenigde Staten).",
        0.75,
        "2025-01-01",
    ),  # fmt: skip
    ev(DSII, 2, "De Defensie-industrie is geen gewone markt.", 0.85, "2025-01-01"),
    ev(STRAIIK, 1, "Defensie versterkt de samenwerking met de industrie.", 0.8, "2025-05-01"),
    ev(BERENSCHOT, 30, "De enquête is ingevuld door 412 bedrijven.", 0.6, "2024-04-01"),
    ev(NOTA, 2, "Deze vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.", 0.9),
    ev(NOTA, 2, "Deze vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.", 0.5),
    ev(BERENSCHOT, 50, "Bijlage over de methode van het onderzoek.", 0.1, "2024-04-01"),
]


@pytest.fixture(scope="module")
def briefing():
    return compose_briefing("budget defensie-industrie", EVIDENCE)


def test_grouped_by_document_newest_first_undated_last(briefing):
    assert [s.document for s in briefing.sections] == [STRAIIK, DSII, BERENSCHOT, NOTA]
    assert [s.date for s in briefing.sections] == ["2025-05-01", "2025-01-01", "2024-04-01", None]


def test_key_points_then_figures_in_reading_order_numbered_as_shown(briefing):
    dsii = briefing.sections[1]
    assert [c.quote[:14] for c in dsii.points] == ["De Defensie-in"]
    assert [c.quote[:14] for c in dsii.figures] == [
        "De sector is i",
        "Defensie stelt",
    ]  # page order
    shown = [c for s in briefing.sections for c in s.points + s.figures]
    assert shown == briefing.points
    assert [c.n for c in briefing.points] == list(range(1, len(briefing.points) + 1))


def test_boilerplate_repeats_and_weak_passages_are_left_out(briefing):
    quotes = [c.quote for c in briefing.points]
    assert not any(is_boilerplate(q) for q in quotes)
    assert not any("juridische" in q or "Berenschot, april" in q for q in quotes)
    assert quotes.count("Deze vernieuwde strategie wordt eind Q1 naar de Kamer verstuurd.") == 1
    assert not any(q.startswith("Bijlage over de methode") for q in quotes)  # 0.1 of best 0.95
    assert briefing.left_out == 2


def test_differing_figures_on_the_same_measure_are_flagged_with_the_newer_named(briefing):
    n = {c.quote[:14]: c.n for c in briefing.points}
    budget_new, budget_old = n["Er is met inga"], n["Defensie stelt"]
    export_new, export_old = n["De sector is i"], n["De sector is s"]
    assert len(briefing.notes) == 2
    budget, export = briefing.notes
    assert f"€1,15 miljard [{budget_new}] tegenover 1,1 miljard euro [{budget_old}]" in budget
    assert f"[{budget_new}] (1 mei 2025) is nieuwer dan [{budget_old}] (1 januari 2025)" in budget
    assert f"circa 43% [{export_new}] tegenover circa de helft [{export_old}]" in export
    assert export.startswith("Verschillende cijfers over ") and "export" in export.split(":")[0]


def cite(n, doc, date, quote):
    return Citation(n, doc, doc, "studie", date, None, 1, "", quote, 1.0)


def test_figures_of_different_years_things_or_documents_are_not_flagged():
    years = [
        cite(1, "monitor-2026.pdf", "2026-04-01", "In 2025 telde de NLDTIB 1.240 bedrijven."),
        cite(2, "monitor-2024.pdf", "2024-04-01", "In 2023 telde de NLDTIB 1.100 bedrijven."),
    ]
    assert figure_notes(years) == []
    things = [
        cite(1, "a.pdf", None, "De enquête is ingevuld door 412 bedrijven."),
        cite(2, "b.pdf", None, "De NLDTIB telt ongeveer 1.240 bedrijven met defensieomzet."),
    ]
    assert figure_notes(things) == []
    same_doc = [
        cite(1, "a.pdf", None, "De omzet van de sector bedroeg 7,7 miljard euro."),
        cite(2, "a.pdf", None, "De omzet van de sector bedroeg 9,3 miljard euro."),
    ]
    assert figure_notes(same_doc) == []
    undated = [same_doc[0], cite(2, "b.pdf", None, same_doc[1].quote)]
    about = "omzet, sector, bedroeg"
    assert figure_notes(undated) == [
        messages.figures_differ(about, "7,7 miljard euro", 1, "9,3 miljard euro", 2)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("omzet van 9,3 miljard euro, 33.000 banen", [("euro", 9.3e9), ("banen", 33000)]),
        ("€1,15 miljard beschikbaar", [("euro", 1.15e9)]),
        ("Circa de helft van de omzet", [("%", 50.0)]),
        ("een stijging van 62%", [("%", 62.0)]),
        ("ruim 22.000 van die 180.000 fte", [("fte", 180000)]),
        ("kerncijfers voor de jaren 2023, 2024 en 2025", []),
        ("op 15 april 2026, TRL 1-6 en de F-35", []),
        ("Dit zijn:\n1. Langetermijnvraag;\n2. Mobiliseren", []),
        ("Kamerstuk 31 125, nr. 133", []),
        ("met kennisinstellingen.8 recent", []),
    ],
)  # fmt: skip
def test_figures_have_a_unit_and_years_dates_and_list_numbers_are_none(text, expected):
    assert [(f.unit, round(f.value, 2)) for f in figures(text)] == expected


def test_library_briefing_groups_documents_newest_first_without_boilerplate(library):
    briefing = library.brief("financiering van de defensie-industrie")
    assert briefing.points and briefing.sections and not briefing.reason
    dates = [s.date or "" for s in briefing.sections]
    assert dates == sorted(dates, reverse=True) and "" in dates  # undated documents last
    assert len({d for d in dates if d}) >= 2
    assert len({s.document for s in briefing.sections}) == len(briefing.sections)
    assert [c.n for c in briefing.points] == list(range(1, len(briefing.points) + 1))
    for section in briefing.sections:
        assert all(c.document == section.document for c in section.points + section.figures)
    assert not any(is_boilerplate(c.quote) for c in briefing.points)
    assert briefing.left_out >= 1  # the seed nota's standard paragraphs were found
    markdown = briefing_markdown(briefing)
    assert markdown.count("### ") == len(briefing.sections)
    assert "geen bijzondere" not in markdown and "gelakt" not in markdown


def test_library_briefing_on_a_topic_the_gate_refuses_is_empty_with_its_reason(library):
    briefing = library.brief("Hoeveel kost de Sinterklaasintocht in Zwolle in 2031?")
    assert briefing.points == [] and briefing.sections == [] and briefing.reason
    assert messages.NOT_FOUND in briefing_markdown(briefing)
