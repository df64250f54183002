"""Running headers and footers, and the page numbers documents print (text/running.py),
plus what a citation makes of them."""

from assistant.filters import Filters, date_number
from assistant.ingest.metadata import kamerstuk_meta
from assistant.models import Citation
from assistant.text.dates import dutch_date
from assistant.text.running import page_labels, remove_running

WORDS = "appel peer kers druif pruim vijg dadel mango kiwi citroen limoen meloen".split()


def _pages(n: int, header, footer) -> list[list[str]]:
    """Pages with a header, a body line of their own and a footer."""
    return [[header(i), f"Tekst over de {WORDS[i - 1]}.", footer(i)] for i in range(1, n + 1)]


def test_the_changing_number_of_a_footer_is_the_page_label_also_on_the_last_page():
    pages = _pages(5, lambda i: "Ministerie van Defensie", lambda i: f"Pagina {i} van 5")
    assert page_labels(pages) == ["1", "2", "3", "4", "5"]  # "van 5" is on every page


def test_a_running_title_with_a_year_gives_the_page_number_not_the_year():
    title = "Nederlandse defensie- en veiligheid gerelateerde technologische industriële basis"
    pages = _pages(12, lambda i: f"{i + 2} | {title} | 2024", lambda i: "")
    assert page_labels(pages) == [str(i + 2) for i in range(1, 13)]
    kept = remove_running(pages, page_labels(pages))
    assert all(title not in line for page in kept for line in page)
    assert kept[0] == ["Tekst over de appel.", ""]


def test_a_spread_of_two_printed_pages_on_one_sheet_gets_both_numbers():
    pages = _pages(
        4,
        lambda i: "Inleiding",
        lambda i: f"{2 * i} WHITE PAPER | 2024 WHITE PAPER | 2024 {2 * i + 1}",
    )
    assert page_labels(pages) == ["2–3", "4–5", "6–7", "8–9"]


def test_a_lone_number_counts_only_when_it_keeps_step_with_the_pages():
    pages = [[f"Alinea over de {WORDS[i]}.", str(i + 1)] for i in range(1, 8)]
    pages[3][-1] = "250"  # a figure at the foot of a table
    labels = page_labels(pages)
    assert labels[3] is None and labels[:3] == ["2", "3", "4"] and labels[4:] == ["6", "7", "8"]


def test_question_and_answer_labels_are_not_running_lines():
    pages = [[f"Vraag {i}", f"Wat weet u van de {WORDS[i]}?", f"Antwoord {i}"] for i in range(1, 5)]
    assert remove_running(pages, page_labels(pages)) == pages


def test_a_citation_shows_the_printed_page_and_the_author():
    cite = Citation(
        n=1, document="b.md", title="NLDTIB", doc_type="studie", date="2024-04", kenmerk=None,
        page=16, section="Werkgelegenheid", quote="…", score=1.0, page_label="14",
        author="Berenschot",
    )  # fmt: skip
    assert cite.reference() == "(NLDTIB, Berenschot, april 2024, p. 14)"
    assert cite.page == 16  # the file is still opened at its physical page


def test_a_month_without_a_day_sorts_and_filters_at_the_start_of_its_month():
    assert dutch_date("2024-04") == "april 2024"
    assert date_number("2024-04") == 20240400
    assert Filters(date_from="2024-03-31").admits("a", "studie", "2024-04")
    assert not Filters(date_from="2024-04-01").admits("a", "studie", "2024-04")
    assert Filters(date_to="2024-04-01").admits("a", "studie", "2024-04")


def test_a_published_motion_is_a_kamerstuk_with_its_dossier_number_and_date():
    lines = [
        "Tweede Kamer der Staten-Generaal",
        "Vergaderjaar 2024–2025",
        "36 600 X Vaststelling van de begrotingsstaten van het",
        "Ministerie van Defensie (X) voor het jaar 2025",
        "Nr. 41 MOTIE VAN HET LID BOSWIJK C.S.",
        "Voorgesteld 12 november 2024",
        "De Kamer,",
    ]
    meta = kamerstuk_meta(lines)
    assert (meta.doc_type, meta.kenmerk, meta.date) == (
        "kamerstuk",
        "Kamerstuk 36 600 X, nr. 41",
        "2024-11-12",
    )
    assert meta.title.endswith("Ministerie van Defensie (X) voor het jaar 2025")
    assert kamerstuk_meta(["Geachte voorzitter,", "Vergaderjaar 2024–2025"]) is None
