"""Words a PDF's extraction ran together are set apart; compounds stay whole."""

import pytest

from assistant.text.segment import own_words, separate_words


@pytest.mark.parametrize(
    ("glued", "spaced"),
    [
        # without the document's own spelling, a name comes apart (see below)
        ("Op2april2025ishetSecFundofficieelgelanceerd",
         "Op 2 april 2025 is het Sec Fund officieel gelanceerd"),
        ("opdrachtenbijdeNederlandseindustriegeplaatst",
         "opdrachten bij de Nederlandse industrie geplaatst"),
        ("Deeersteactiehierinishetoprichten", "De eerste actie hierin is het oprichten"),
        # pronouns and auxiliaries are function words too; rare long words are words
        ("dezeaanpakzettenwedoorin2026", "deze aanpak zetten we door in 2026"),
        ("hetministerieisvoornemensditbudgetbeschikbaartestellen",
         "het ministerie is voornemens dit budget beschikbaar te stellen"),
        ("DenotawordtvoorhetzomerrecesnaaruwKamerverstuurd",
         "De nota wordt voor het zomerreces naar uw Kamer verstuurd"),
    ],
)  # fmt: skip
def test_glued_words_are_set_apart(glued, spaced):
    assert separate_words(f"Zie: {glued}.") == f"Zie: {spaced}."


@pytest.mark.parametrize(
    "word",
    ["financieringsinstrumentarium", "opschalingscapaciteit", "aanbestedingsprocedures",
     "Defensiematerieelorganisatie", "solvabiliteitseisen", "standardisation",
     "uitzonderingsbepalingen", "beveiligingswaarde", "Defensiebasisgebieden",
     "opschaalprogramma"],
)  # fmt: skip
def test_compounds_and_long_words_stay_whole(word):
    line = f"De {word} blijft zoals hij is."
    assert separate_words(line) == line


def test_a_name_the_document_writes_apart_stays_whole_in_a_run():
    lines = ["Het SecFund investeert in start-ups.", "Op2april2025ishetSecFundofficieelgelanceerd."]
    own = own_words(lines)
    assert "SecFund" in own
    assert separate_words(lines[1], own) == "Op 2 april 2025 is het SecFund officieel gelanceerd."


@pytest.mark.parametrize("pair", ["IenWis", "teregelen", "ishet"])
def test_a_word_glued_to_a_function_word_is_no_word_of_its_own(pair):
    assert pair not in own_words([f"Het IenW regelt dit en {pair} ook.", "Iets te regelen."])
