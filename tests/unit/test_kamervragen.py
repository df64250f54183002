import docx
import pytest
from conftest import REPO

from assistant import messages
from assistant.ingest.kamervragen import split_questions
from assistant.present.draft import draft_markdown, write_draft_docx

FIXTURES = REPO / "tests" / "fixtures"


def test_split_keeps_header_numbers_and_sub_questions():
    vragen = split_questions((FIXTURES / "kamervragen-financiering.txt").read_text())
    assert vragen.header.startswith("2026Z08123 Vragen van het lid De Vries (VVD)")
    assert [q.number for q in vragen.questions] == ["1", "2a", "2b", "3"]
    assert vragen.questions[0].text.endswith("die Defensie heeft laten uitvoeren?")
    sub = vragen.questions[2]
    assert sub.text == "Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?"
    assert sub.stem.startswith("Welke oplossingsrichtingen ziet het kabinet")


def test_split_of_parenthesised_numbering_with_wrapped_lines():
    vragen = split_questions((FIXTURES / "kamervragen-nldtib.md").read_text())
    assert [q.number for q in vragen.questions] == ["1", "2", "3"]
    assert vragen.questions[1].text.endswith("en hoe is het onderzoek opgezet?")
    assert "Jansen (CDA)" in vragen.header


def test_numbers_inside_text_are_not_questions():
    text = "Vraag 1\nKlopt het dat\n2025 een recordjaar was?\nVraag 2\nWat is de stand?"
    vragen = split_questions(text)
    assert [(q.number, q.text) for q in vragen.questions] == [
        ("1", "Klopt het dat 2025 een recordjaar was?"),
        ("2", "Wat is de stand?"),
    ]


def test_drafts_cite_per_question_and_abstain_where_the_corpus_is_silent(fake_assistant, tmp_path):
    vragen, answers = fake_assistant.draft((FIXTURES / "kamervragen-financiering.txt").read_text())
    by_number = dict(zip([q.number for q in vragen.questions], answers, strict=True))
    assert [a.question for a in answers] == [q.text for q in vragen.questions]
    assert "eind Q1" in by_number["2b"].answer and not by_number["2b"].abstained
    assert "actielijnen" in by_number["2a"].answer and not by_number["2a"].abstained
    third = by_number["3"]  # banks refusing loans: not in the documents
    assert third.abstained and third.answer == messages.NOT_FOUND
    text = draft_markdown(vragen, answers)
    assert "## Vraag 2b" in text and "## Antwoord 2b" in text and "[^1]:" in text
    assert f"## Antwoord 3\n\n{messages.DRAFT_PLACEHOLDER}\n" in text

    path = write_draft_docx(vragen, answers, tmp_path / "concept.docx")
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Vraag 2b" in paragraphs and any("eind Q1" in p for p in paragraphs)
    assert messages.DRAFT_PLACEHOLDER in paragraphs and messages.NOT_FOUND not in paragraphs
    assert any(
        "Nota Kamerbrief 'Studies over de financiering defensie-industrie'" in p for p in paragraphs
    )


def test_a_draft_needs_numbered_questions(fake_assistant):
    with pytest.raises(ValueError) as raised:
        fake_assistant.draft("Geachte voorzitter, dit is geen set vragen.")
    assert str(raised.value) == messages.NO_QUESTIONS


def test_sub_questions_on_the_question_line_keep_both():
    text = "Vragen van X.\n1. Wat?\n2. Wie?\n3. Hoe?\n"
    text += "4. a. Hoeveel bedrijven zijn er? b. Hoeveel werken er?\n5. Waarom?"
    vragen = split_questions(text)
    assert [(q.number, q.text) for q in vragen.questions][3:] == [
        ("4a", "Hoeveel bedrijven zijn er?"),
        ("4b", "Hoeveel werken er?"),
        ("5", "Waarom?"),
    ]
    lines = "1. Wat is de stand?\n2. a. Wie betaalt?\nb. Wanneer?"
    assert [q.number for q in split_questions(lines).questions] == ["1", "2a", "2b"]


def test_questions_answered_together_keep_their_numbers_and_share_the_answer():
    text = (
        "Vragen van het lid X (ingezonden 1 mei 2024).\nVraag 1\nKlopt het?\nAntwoord 1\nJa.\n"
        "Vraag 2 en 3\nHoeveel is het? Zo ja, sinds wanneer?\nWie betaalt?\n"
        "Antwoord 2 en 3\nHet Rijk betaalt.\n"
    )
    questions = split_questions(text).questions
    assert [(q.number, q.text) for q in questions[1:]] == [
        ("2", "Hoeveel is het? Zo ja, sinds wanneer?"),
        ("3", "Wie betaalt?"),
    ]
    assert [q.answer for q in questions] == ["Ja.", "Het Rijk betaalt.", "Het Rijk betaalt."]
    assert questions[0].together == () and questions[1].together == ("2", "3")
    # fewer question sentences than numbers: still every number, in order
    grouped = split_questions("Vraag 1\nWie betaalt? Hoeveel?\nVraag 2, 3 en 4\nWaarom niet?")
    assert [(q.number, q.text) for q in grouped.questions] == [
        ("1", "Wie betaalt? Hoeveel?"),
        ("2", "Waarom niet?"),
        ("3", "Waarom niet?"),
        ("4", "Waarom niet?"),
    ]


def test_footnotes_footers_and_page_breaks_stay_out_of_the_questions():
    text = (
        "Vraag 1\nBent u bekend met het bericht? 1 Antwoord 1 Ja.\nVraag 2\n"
        "Deelt u de mening dat de regen-\n"
        "1 NRC.nl, 26 juni 2024, «Bericht», https://www.nrc.nl/nieuws/2024/06/26/bericht\n"
        "ah-tk-20232024-1 ISSN 0921 - 7398 ’s-Gravenhage 2024 Tweede Kamer, vergaderjaar "
        "2023–2024, Aanhangsel 1\n"
        "boogprovincie meer moet doen? 2\nAntwoord 2\nNee.\n2 Kamerstuk 1, nr. 2.\n"
    )
    questions = split_questions(text).questions
    assert [(q.number, q.text, q.answer) for q in questions] == [
        ("1", "Bent u bekend met het bericht?", "Ja."),
        ("2", "Deelt u de mening dat de regenboogprovincie meer moet doen?", "Nee."),
    ]
