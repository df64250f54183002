"""A question of two parts whose answer speaks to one says which part stays open."""

from assistant.answer.parts import open_parts, question_parts
from assistant.text.analysis import Analyzer

ANALYZE = Analyzer(stemming=False, split_closed=False)


def test_a_question_is_cut_into_the_parts_it_asks():
    assert question_parts("Welke twee studies liet Defensie uitvoeren en wat kostten ze?") == [
        "Welke twee studies liet Defensie uitvoeren",
        "wat kostten ze?",
    ]
    assert question_parts("Wanneer is het fonds gestart? Hoeveel is erin gestort?") == [
        "Wanneer is het fonds gestart?",
        "Hoeveel is erin gestort?",
    ]
    assert question_parts("Hoeveel bedrijven telt de NLDTIB?") == [
        "Hoeveel bedrijven telt de NLDTIB?"
    ]
    # a remark in brackets says where to look: no part of its own
    assert question_parts("Met welke provincie is een letter of intent getekend? (STRAIIK-D)") == [
        "Met welke provincie is een letter of intent getekend?"
    ]


def test_the_part_no_quote_speaks_to_stays_open():
    question = "Welke twee studies liet Defensie uitvoeren en wat kostten ze?"
    quote = "Defensie heeft een tweetal onafhankelijke studies laten uitvoeren."
    assert open_parts(question, [quote], ANALYZE) == ["wat kostten ze?"]
    paid = quote + " Zij kostten samen € 80.000."
    assert open_parts(question, [paid], ANALYZE) == []


def test_the_asked_kind_of_fact_covers_a_part_said_in_other_words():
    question = "Wanneer is het SecFund gestart? Hoeveel geld is erin gestort?"
    quote = "Op 2 april 2025 is het SecFund gelanceerd met een fondsvermogen van € 25 miljoen."
    assert open_parts(question, [quote], ANALYZE) == []
    started = "Op 2 april 2025 is het SecFund officieel gelanceerd."
    assert open_parts(question, [started], ANALYZE) == ["Hoeveel geld is erin gestort?"]


def test_one_part_or_no_part_answered_is_left_to_the_answer_step():
    assert open_parts("Hoeveel bedrijven telt de NLDTIB?", ["Iets anders."], ANALYZE) == []
    question = "Wanneer is het fonds gestart? Hoeveel is erin gestort?"
    assert open_parts(question, ["Over vuurwerkopslag in woonwijken."], ANALYZE) == []
