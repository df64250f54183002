"""Kamervragen drafted with the real models over the shared index (read only), through the
command line's own entry point."""

import json
import shutil

import docx
import pytest
from conftest import REPO

from assistant import messages
from assistant.ingest.kamervragen import split_questions
from assistant.present.cli import main
from assistant.service import Assistant
from eval.harness import REAL_CORPUS as REAL

FIXTURES = REPO / "tests" / "fixtures"


def test_cli_draft_from_markdown(shared, tmp_path, capsys):
    out = tmp_path / "nldtib.docx"
    source = FIXTURES / "kamervragen-nldtib.md"
    common = ["--index-dir", str(shared.index_dir), "--corpus-dir", str(shared.corpus_dir)]
    assert main(["draft", str(source), "--json", "--out", str(out), *common]) == 0
    drafts = json.loads(capsys.readouterr().out)
    assert "Jansen (CDA)" in drafts["header"]
    questions = drafts["questions"]
    assert [q["number"] for q in questions] == ["1", "2", "3"]
    assert "Berenschot" in questions[0]["answer"] and not questions[0]["abstained"]
    assert not questions[1]["abstained"] and "2023" in questions[1]["answer"]
    # the turnover in 2024: the study gives it for 2025 only
    assert questions[2]["abstained"] and questions[2]["answer"] == messages.NOT_FOUND
    for question in questions:
        assert all(c["quote"] for c in question["citations"])
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    assert paragraphs[0] == ("Title", f"{messages.DRAFT_ANSWER_TITLE} {drafts['asked']}")
    assert "Jansen (CDA)" in paragraphs[0][1]
    texts = [text for _, text in paragraphs]
    assert any("Berenschot" in p for p in texts)
    assert texts[texts.index("Antwoord 3") + 1] == messages.DRAFT_PLACEHOLDER


def test_a_briefing_lists_quotes_newest_first(shared_assistant):
    briefing = shared_assistant.brief("financiering van de defensie-industrie")
    assert briefing.points and all(p.quote for p in briefing.points)
    for point in briefing.points:
        assert point.quote in shared_assistant.page_text(point.document, point.page)
    dates = [p.date or "" for p in briefing.points]
    assert dates == sorted(dates, reverse=True)  # newest documents first


def _ask_beside_the_seeds(settings, names: tuple[str, ...], question: str, fill: bool = True):
    """The answer to one question over the seeds and these real documents (E5 vectors
    filled first, unless `fill` is off)."""
    for name in names:
        shutil.copy(REAL / "docs" / name, settings.corpus_dir / name)
    assistant = Assistant(settings)
    try:
        assert not assistant.ingest().failed
        if fill:
            assistant.fill_vectors()
        return assistant.ask(question)
    finally:
        assistant.close()


@pytest.mark.skipif(not (REAL / "docs").is_dir(), reason="no real corpus here")
def test_a_kamervraag_asked_again_finds_the_earlier_answer_first(shared_copy):
    """Two real Aanhangsels beside the seeds: the Kamer's own question, asked again, is
    answered with the government's earlier answer, cited first as "Eerder antwoord"."""
    vragen = split_questions(
        (REAL / "kamervragen" / "vragen-kamervragen-2024-2129-ontwikkelingen-jemen-bz.txt")
        .read_text(encoding="utf-8")
    )  # fmt: skip
    question = next(q for q in vragen.questions if q.number == "8").text
    names = ("kamervragen-2024-2129-ontwikkelingen-jemen-bz.pdf",
             "kamervragen-2024-2367-rekeninggluren-bunq-fin.pdf")  # fmt: skip
    answer = _ask_beside_the_seeds(shared_copy, names, question, fill=False)
    assert not answer.abstained
    first = answer.citations[0]
    assert first.reference().startswith(
        "Eerder antwoord: Aanhangsel Handelingen II 2023/24, nr. 2129, antwoord op vraag 8 ("
    )
    assert answer.answer.index("[1]") == min(
        answer.answer.index(f"[{c.n}]") for c in answer.citations if f"[{c.n}]" in answer.answer
    )
    # the Kamer's question is never the evidence: no quote holds its words
    assert not any("presumption of denial" in c.quote and "toelichten" in c.quote
                   for c in answer.citations)  # fmt: skip
    assert "Kamerbrief van 14 juli 2023" in first.quote or first.quote in answer.answer


@pytest.mark.skipif(not (REAL / "docs").is_dir(), reason="no real corpus here")
def test_a_sentence_beside_a_better_quote_is_still_quoted(shared_copy):
    """In the real Aanhangsel on housing evacuees the answer ("op grond van artikel 31 …")
    is the sentence before the best-ranked quote, in an overlapping sentence window: it is
    quoted on its own rather than hidden behind its neighbour."""
    name = "kamervragen-2024-1292-huisvesting-nederlandse-evacues-bzk.pdf"
    answer = _ask_beside_the_seeds(
        shared_copy,
        (name,),
        "Op welk wetsartikel is de ministeriële regeling voor de huisvesting van "
        "Nederlandse evacués gebaseerd?",
    )
    quotes = [c.quote for c in answer.citations]
    assert any("artikel 31, eerste lid, van de Huisvestingswet 2014" in q for q in quotes)
    assert len(set(quotes)) == len(quotes)  # no quote twice


@pytest.mark.skipif(not (REAL / "docs").is_dir(), reason="no real corpus here")
def test_a_false_premise_gets_the_correction_from_the_real_action_agenda(shared_copy):
    """The real STRAIIK-D names "5 NLD gebieden": asked why the D-SII names seven, the
    assistant quotes no answer and names the passage that says five."""
    name = "defensie-2025-straiik-d-strategische-actieagenda-industrie-innovatie-kennis.md"
    why = _ask_beside_the_seeds(
        shared_copy, (name,), "Kunt u toelichten waarom de D-SII zich op zeven NLD gebieden richt?"
    )
    assert why.abstained and why.notes == [messages.REASON_CONTRADICTED]
    assert why.answer.startswith("De documenten bevestigen dit niet: de vraag noemt ‘zeven NLD")
    [cited] = why.cited  # the passage the correction names
    assert "5 NLD gebieden" in cited.quote and cited.document.endswith(name)
