"""The real Kamervragen in ../shared/real-corpus split exactly: the expected numbers below were
written by hand from reading each PDF and each vragen-*.txt, not from the splitter's output."""

import re

import pytest

from assistant.ingest.document import read_text
from assistant.ingest.kamervragen import split_questions
from eval.harness import REAL_CORPUS as REAL

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="no real corpus here")


def upto(n):
    return [str(i) for i in range(1, n + 1)]


# file number -> the question numbers in order ("Vraag 3, 4 en 5" gives 3, 4 and 5)
EXPECTED = {
    "0878": upto(7),
    "1076": upto(5),
    "1178": upto(9),
    "1292": upto(10),  # "Vraag 3" and "Vraag 7" are lost in the PDF text
    "1314": upto(6),  # "Vraag 3, 4 en 5"
    "1432": upto(6),
    "1481": upto(6),  # "Antwoord 5 en 6"
    "1771": upto(6),
    "1786": upto(15),  # "Vraag 10 en 11"
    "1893": upto(7),
    "1949": upto(5),  # "Vraag 2 en 3"
    "1980": upto(6),
    "1984": upto(11),  # "Vraag 9 en 10"
    "1999": upto(3),  # a Mededeling instead of answers
    "2129": upto(9),  # "Vraag 3" and "Vraag 8" are lost in the PDF text
    "2168": upto(10),  # "Antwoord 6" and "Antwoord 10" are lost in the PDF text
    "2210": upto(13),
    "2271": upto(12),
    "2313": upto(10),
    "2367": upto(12),  # "Vraag 3, 4, 5 en 6" and "Vraag 7, 8, 9 10 en 11"
    "2395": upto(5),
}
TOGETHER = {
    "1314": [("3", "4", "5")],
    "1481": [("5", "6")],  # only in the PDF: the vragen file has no "Antwoord 5 en 6"
    "1786": [("10", "11")],
    "1949": [("2", "3")],
    "1984": [("9", "10")],
    "2367": [("3", "4", "5", "6"), ("7", "8", "9", "10", "11")],
}
POLLUTION = re.compile(
    r"https?:|www\.|ah-tk-|Aanhangsel|Tweede Kamer, vergaderjaar|Antwoord \d|Vraag \d"
    r"|Mededeling|ingezonden|[?»]\s?\d{1,2}\b|\w- \w{3}"
)


def number(path):
    return re.search(r"kamervragen-\d{4}-(\d{4})", path.name).group(1)


def pdfs():
    return sorted((REAL / "docs").glob("kamervragen-*.pdf"))


def texts():
    return sorted((REAL / "kamervragen").glob("vragen-*.txt"))


def normal(text):
    return re.sub(r"[^\w?]", "", text).lower()


def test_every_real_file_is_listed():
    assert sorted(number(p) for p in pdfs()) == sorted(EXPECTED)
    assert sorted(number(p) for p in texts()) == sorted(set(EXPECTED) - {"1999"})


@pytest.mark.parametrize("path", pdfs() + texts(), ids=lambda p: p.name[:28])
def test_a_real_file_splits_into_its_questions(path):
    text = read_text(path) if path.suffix == ".pdf" else path.read_text()
    questions = split_questions(text).questions
    assert [q.number for q in questions] == EXPECTED[number(path)]
    for question in questions:
        assert question.text.endswith(("?", ".", "?»")), question.text[-80:]
        assert not POLLUTION.search(question.text), question.text
    groups = {q.together for q in questions if q.together}
    expected = TOGETHER.get(number(path), [])
    if path.suffix == ".txt" and number(path) == "1481":
        expected = []
    assert sorted(groups) == sorted(expected)


@pytest.mark.parametrize("path", pdfs(), ids=lambda p: p.name[:28])
def test_a_real_pdf_pairs_each_question_with_its_answer(path):
    questions = split_questions(read_text(path)).questions
    if number(path) == "1999":  # the Mededeling is not an answer
        assert all(q.answer == "" for q in questions)
        assert "Mededeling" not in questions[-1].text
        return
    assert all(q.answer for q in questions)
    for question in questions:
        assert not re.search(r"\b(?:Vraag|Antwoord) \d", question.answer[:40])
        shared = [q.answer for q in questions if q.together and q.together == question.together]
        assert len(set(shared)) <= 1


@pytest.mark.parametrize("path", texts(), ids=lambda p: p.name[7:35])
def test_a_pdf_gives_the_same_questions_as_its_hand_split_text(path):
    from_pdf = split_questions(read_text(REAL / "docs" / f"{path.stem[7:]}.pdf")).questions
    from_text = split_questions(path.read_text()).questions
    assert [normal(q.text) for q in from_pdf] == [normal(q.text) for q in from_text]


def test_lost_labels_are_recovered_with_the_right_texts():
    def split(name):
        (path,) = (REAL / "docs").glob(f"kamervragen-2024-{name}-*.pdf")
        return {q.number: q for q in split_questions(read_text(path)).questions}

    evacues, jemen, stroom = split("1292"), split("2129"), split("2168")
    assert evacues["3"].text.startswith("Heeft u er voldoende mee rekening gehouden")
    assert evacues["3"].answer.startswith("Ja. Het betreft")
    assert evacues["2"].answer.endswith("Afghanistan en Sudan.")
    assert evacues["7"].text.startswith("Wilt u de Kamer actief betrekken")
    assert jemen["3"].text.startswith("Bent u bekend met de grote zorgen")
    assert jemen["2"].answer.endswith("125 miljoen euro.") and jemen["3"].answer == "Ja."
    assert jemen["8"].text.startswith("Kunt u nader toelichten")
    assert stroom["6"].text.endswith("Welke instrumenten zouden hiervoor kunnen worden ingezet?")
    assert stroom["6"].answer.startswith("Zoals aangegeven in mijn antwoord op vraag 2")
    assert stroom["10"].answer == "Zie de antwoorden op de vragen 2, 6 en 8."
