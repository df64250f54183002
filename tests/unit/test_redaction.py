import pytest
from conftest import SEEDS

from assistant.text.redaction import strip_redactions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Van: 5.1.2e", "Van:"),
        ("Aan: 5.1.2.e", "Aan:"),
        ("Auteur: mr. drs. P. 51.2.e", "Auteur: mr. drs. P."),  # OCR lost a dot
        ("De 5.1.2(e) grond", "De grond"),
        ("gelakt (5.1.2.e) en", "gelakt en"),
        ("10.2.e", ""),
        ("10.2g en 5.1.1 c", "en"),
        ("5.1.2e.", ""),
        ("[Redacted]", ""),
        ("[Redacted signature lines]", ""),
        ("Auteur [gelakt] schreef", "Auteur schreef"),
        ("█████ zei", "zei"),
    ],
)
def test_woo_marks_are_taken_out(text, expected):
    assert strip_redactions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "5.1.2 Werkgelegenheid",  # a section number: no ground letter
        "zie paragraaf 5.1.2 e.v. hierna",  # "en verder"
        "artikel 512 a van het wetboek",  # no dot at all
        "in 2025.1.2 a",
        "■ een opsommingsteken",  # one square is a bullet
        "Persoonsgegevens worden gelakt vanwege de privacy.",
    ],
)
def test_ordinary_text_is_left_as_it_is(text):
    assert strip_redactions(text) == text


def test_lines_without_marks_keep_their_spacing_and_count():
    text = "Kenmerk   DGBI-TOP\n\nVan: 5.1.2e\n  ingesprongen regel"
    assert strip_redactions(text) == "Kenmerk   DGBI-TOP\n\nVan:\n  ingesprongen regel"


def test_the_seeds_lose_their_redaction_placeholders_only():
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        changed = [
            (a, b)
            for a, b in zip(text.split("\n"), strip_redactions(text).split("\n"), strict=True)
            if a != b
        ]
        assert all(a.startswith("[Redacted") and b == "" for a, b in changed), changed
