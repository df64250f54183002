"""Answered Kamervragen are chunked as their answers, each carrying the Kamer's question as
context: the question is found through its answer and never quoted as the evidence."""

import re

import pytest

from assistant.ingest.chunking import chunk_document
from assistant.ingest.document import load_document
from assistant.models import Citation
from eval.harness import REAL_CORPUS

REAL = REAL_CORPUS / "docs"
JEMEN = REAL / "kamervragen-2024-2129-ontwikkelingen-jemen-bz.pdf"
pytestmark = pytest.mark.skipif(not JEMEN.is_file(), reason="no real corpus here")


@pytest.fixture(scope="module")
def jemen():
    document = load_document(JEMEN)
    return document, chunk_document(document)


def page_of(document, chunk):
    return next(p for p in document.pages if p.number == chunk.page)


def test_every_answer_is_chunked_with_its_question_as_context(jemen):
    document, chunks = jemen
    assert all(c.text == page_of(document, c).text[c.start : c.end] for c in chunks)
    numbers = [c.answers for c in chunks]
    assert sorted(set(numbers), key=int) == [str(n) for n in range(1, 10)]
    assert numbers == sorted(numbers, key=int)  # reading order
    # "Vraag 3" is lost in the PDF text: its answer "Ja." is still its own unit
    (three,) = [c for c in chunks if c.answers == "3"]
    assert three.text == "Ja." and three.context.startswith("Bent u bekend met de grote zorgen")
    two = [c for c in chunks if c.answers == "2"]
    assert all(c.context == "Hoe reageren Nederland en de Europese Unie (EU) op deze oproep? "
               "Is er bereidheid om meer humanitaire hulp te bieden?" for c in two)  # fmt: skip
    # answer 2 runs over the page break: a part on each page, no footnote or footer in it
    assert {c.page for c in two} == {1, 2}
    assert any(c.text.endswith("125 miljoen euro.") for c in two)
    assert not any(re.search(r"Relief Web|ah-tk-|ISSN|Aanhangsel", c.text) for c in chunks)


def test_the_questions_are_never_chunk_text(jemen):
    document, chunks = jemen
    questions = [
        "Hoe reageren Nederland en de Europese Unie",
        "Kunt u aangeven wat is gedaan om deze motie uit te voeren?",
        "Bent u bekend met de recente oproep van 190 humanitaire organisaties",
        "Vragen van de leden Ceder",
    ]
    for question in questions:
        assert not any(question in c.text for c in chunks)
    assert not any(re.search(r"\b(?:Vraag|Antwoord) \d", c.text) for c in chunks)


def test_the_context_is_indexed_and_the_ids_follow_it(jemen):
    document, chunks = jemen
    (six,) = [c for c in chunks if c.answers == "6"][:1]
    indexed = six.context_text(document.meta.title)
    assert "Kunt u aangeven wat is gedaan om deze motie uit te voeren?" in indexed
    assert indexed.endswith(six.text)
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_document(document)] == [c.id for c in chunks]


def test_questions_answered_together_share_one_answer_unit():
    (path,) = REAL.glob("kamervragen-2024-2367-*.pdf")
    chunks = chunk_document(load_document(path))
    together = {c.answers for c in chunks if "," in c.answers}
    assert together == {"3, 4, 5, 6", "7, 8, 9, 10, 11"}
    assert {n for c in chunks for n in c.answers.split(", ")} == {str(n) for n in range(1, 13)}


def test_a_postponed_answer_is_chunked_as_any_document():
    (path,) = REAL.glob("kamervragen-2024-1999-*.pdf")
    chunks = chunk_document(load_document(path))
    assert chunks and not any(c.answers or c.context for c in chunks)


def test_an_earlier_answer_is_cited_as_such():
    kenmerk = "Aanhangsel Handelingen II 2023/24, nr. 2129"
    citation = Citation(1, "k.pdf", "Ontwikkelingen in Jemen", "kamervragen", "2024-06-28",
                        kenmerk, 3, "", "Ja.", 0.5, "8")  # fmt: skip
    assert citation.reference() == (
        "Eerder antwoord: Aanhangsel Handelingen II 2023/24, nr. 2129, antwoord op vraag 8"
        " (Ontwikkelingen in Jemen, 28 juni 2024, p. 3)"
    )
    citation.answers = "3, 4, 5"
    assert "antwoord op de vragen 3, 4 en 5 (" in citation.reference()


def test_earlier_answers_that_pass_the_answer_step_come_first():
    from assistant.answer.extractive import earlier_answers_first
    from assistant.models import Chunk, DocumentMeta, Evidence

    def evidence(name, answers=""):
        chunk = Chunk(name, f"{name}.pdf", 0, "Tekst.", 1, "", 0, 6, answers=answers)
        return Evidence(chunk, "Tekst.", 1.0, DocumentMeta(name))

    found = [evidence("brief"), evidence("oud", "2"), evidence("nota"), evidence("ouder", "5")]
    # usable, most probable first: the letter, then the later earlier answer; "oud" did not pass
    moved, usable = earlier_answers_first(found, (0, 3, 2))
    assert [e.chunk.id for e in moved] == ["ouder", "brief", "oud", "nota"]
    assert [moved[i].chunk.id for i in usable] == ["ouder", "brief", "nota"]


def test_the_same_question_asked_again_is_answered_by_its_earlier_answer():
    from assistant.answer.extractive import asked_before
    from assistant.models import Chunk, DocumentMeta, Evidence
    from assistant.text.analysis import Analyzer

    analyze = Analyzer(stemming=False, split_closed=False)
    asked = "Bent u bekend met de oproep van 190 humanitaire organisaties in Jemen?"
    chunk = Chunk("c", "k.pdf", 0, "Ja.", 1, "", 0, 3, context=asked, answers="1")
    earlier = Evidence(chunk, "Ja.", 1.0, DocumentMeta("Jemen"))
    assert asked_before(set(analyze(asked)), earlier, analyze)
    # another country, another number: a near miss is no question asked again
    near = "Bent u bekend met de oproep van 90 humanitaire organisaties in Soedan?"
    assert not asked_before(set(analyze(near)), earlier, analyze)
    plain = Evidence(Chunk("d", "b.pdf", 0, "Ja.", 1, "", 0, 3), "Ja.", 1.0, DocumentMeta("B"))
    assert not asked_before(set(analyze(asked)), plain, analyze)
