"""The draft of a set of Kamervragen in the ministry's format: a title from the header, "Vraag
N" / "Antwoord N" in Word heading styles, numbered sources with earlier answers first, and a
visible placeholder where the documents do not answer."""

import docx
import pytest

from assistant import messages
from assistant.ingest.kamervragen import split_questions
from assistant.models import Answer, Citation
from assistant.present.draft import draft_markdown, write_draft_docx

SET = """Vragen van het lid Jansen (CDA) aan de Minister van Defensie over de financiering
van de defensie-industrie (ingezonden 3 maart 2025).

Vraag 1
Welk bureau voerde het onderzoek naar de NLDTIB uit?

Vraag 2
Hoeveel bedrijven telt de NLDTIB?

Vraag 3
Wat was de omzet in 2024?
"""
EARLIER = Citation(2, "kamervragen-2024-0001.pdf", "Defensie-industrie", "kamervragen",
                   "2024-06-28", "Aanhangsel Handelingen II 2023/24, nr. 1", 2, "",
                   "Het onderzoek is door Berenschot uitgevoerd.", 0.4, "3")  # fmt: skip
STUDY = Citation(1, "studie.md", "Omvang NLDTIB", "studie", "2024-04-01", None, 7, "",
                 "Berenschot deed het onderzoek.", 0.6)  # fmt: skip
COUNT = Citation(1, "studie.md", "Omvang NLDTIB", "studie", "2024-04-01", None, 9, "",
                 "De NLDTIB telt 1.200 bedrijven.", 0.7)  # fmt: skip
OTHER = Citation(2, "brief.md", "Kamerbrief", "kamerbrief", None, None, 1, "", "Ruis.", 0.1)


@pytest.fixture
def drafted():
    vragen = split_questions(SET)
    answers = [
        Answer(vragen.questions[0].text, "Volgens de documenten: “Het onderzoek is door "
               "Berenschot uitgevoerd.” [2] “Berenschot deed het onderzoek.” [1]", False,
               [STUDY, EARLIER]),
        Answer(vragen.questions[1].text, "Volgens de documenten: “De NLDTIB telt 1.200 "
               "bedrijven.” [1]", False, [COUNT, OTHER]),
        Answer(vragen.questions[2].text, messages.NOT_FOUND, True, [OTHER]),
    ]  # fmt: skip
    return vragen, answers


TITLE = (
    "Antwoorden op vragen van het lid Jansen (CDA) over de financiering van de defensie-industrie"
)


def test_the_word_draft_has_the_ministry_format(drafted, tmp_path):
    path = write_draft_docx(*drafted, tmp_path / "draft.docx")
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    assert paragraphs[0] == ("Title", TITLE)
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == [f"{label} {n}" for n in "123" for label in ("Vraag", "Antwoord")] + [
        "Bronnen"
    ]
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "Eerdere antwoorden",
        "Overige bronnen",
    ]
    texts = [text for _, text in paragraphs]
    after = texts[texts.index("Vraag 1") + 1]
    assert after == "Welk bureau voerde het onderzoek naar de NLDTIB uit?"
    # the earlier answer is source [1], the study [2], the count [3]; the noise is not cited
    answer = texts[texts.index("Antwoord 1") + 1]
    assert answer.endswith("uitgevoerd.” [1] “Berenschot deed het onderzoek.” [2]")
    assert texts[texts.index("Antwoord 1") + 2].startswith(
        "[1] Eerder antwoord: Aanhangsel Handelingen II 2023/24, nr. 1, antwoord op vraag 3"
    )
    assert texts[texts.index("Antwoord 3") + 1] == messages.DRAFT_PLACEHOLDER
    assert messages.NOT_FOUND not in texts and not any("Ruis" in t for t in texts)


def test_the_markdown_twin_matches(drafted):
    text = draft_markdown(*drafted)
    assert text.startswith(f"# {TITLE}\n")
    assert "## Vraag 2\n\nHoeveel bedrijven telt de NLDTIB?\n\n## Antwoord 2\n" in text
    assert "bedrijven.” [^3]" in text
    assert f"## Antwoord 3\n\n{messages.DRAFT_PLACEHOLDER}\n" in text
    earlier = text.index("### Eerdere antwoorden")
    assert earlier < text.index("[^1]: Eerder antwoord:") < text.index("### Overige bronnen")
    assert text.index("[^2]: (Omvang NLDTIB") < text.index("[^3]: (Omvang NLDTIB")


def test_a_set_without_a_header_gets_the_plain_title(tmp_path):
    vragen = split_questions("1. Wat kost het?\n2. Wanneer begint het?\n")
    answers = [Answer(q.text, messages.NOT_FOUND, True, []) for q in vragen.questions]
    path = write_draft_docx(vragen, answers, tmp_path / "d.docx")
    first = docx.Document(str(path)).paragraphs[0]
    assert (first.style.name, first.text) == ("Title", messages.DRAFT_ANSWER_TITLE)
    assert draft_markdown(vragen, answers).count(messages.DRAFT_PLACEHOLDER) == 2


def test_two_earlier_answers_with_the_same_words_are_two_sources():
    vragen = split_questions("Vraag 1\nKent u het bericht?\n\nVraag 2\nKent u de motie?\n")
    yes = [Citation(1, "k.pdf", "Jemen", "kamervragen", None, "nr. 1", 2, "", "Ja.", 0.9, n)
           for n in ("3", "5")]  # fmt: skip
    answers = [Answer(q.text, "Volgens de documenten: “Ja.” [1]", False, [c])
               for q, c in zip(vragen.questions, yes, strict=True)]  # fmt: skip
    text = draft_markdown(vragen, answers)
    assert "“Ja.” [^1]" in text and "“Ja.” [^2]" in text
    assert "antwoord op vraag 3" in text and "antwoord op vraag 5" in text


def test_a_contradicted_premise_is_drafted_with_its_source():
    vragen = split_questions("Vraag 1\nWaarom telt de NLDTIB 2.000 bedrijven?\n")
    correction = messages.contradicted("2.000 bedrijven", "1.200 bedrijven", 1)
    answers = [Answer(vragen.questions[0].text, correction, True, [COUNT, OTHER],
                      notes=[messages.REASON_CONTRADICTED], corrects=True)]  # fmt: skip
    text = draft_markdown(vragen, answers)
    assert "maar passage [^1] noemt ‘1.200 bedrijven’." in text
    assert "[^1]: (Omvang NLDTIB" in text and messages.DRAFT_PLACEHOLDER not in text
