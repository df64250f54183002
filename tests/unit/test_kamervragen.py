import json
from pathlib import Path

import docx
import pytest

from assistant.kamervragen import draft_markdown, split_questions
from assistant.service import Assistant

FIXTURES = Path(__file__).parent / "fixtures"


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


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    from conftest import seed_corpus

    from assistant.config import Settings

    root = tmp_path_factory.mktemp("kamervragen")
    helper = Assistant(Settings(corpus_dir=seed_corpus(root), index_dir=root / "idx"))
    helper.ingest()
    return helper


def test_drafts_cite_per_question_and_abstain_where_the_corpus_is_silent(assistant, tmp_path):
    vragen, answers = assistant.draft((FIXTURES / "kamervragen-financiering.txt").read_text())
    by_number = dict(zip([q.number for q in vragen.questions], answers, strict=True))
    assert "eind Q1" in by_number["2b"].answer and not by_number["2b"].abstained
    assert "actielijnen" in by_number["2a"].answer
    assert by_number["3"].abstained  # banks refusing loans: not in the documents
    text = draft_markdown(vragen, answers)
    assert "**Vraag 2b**" in text and "**Antwoord 2b**" in text and "[^1]:" in text

    from assistant.export import write_docx

    sections = [(f"Vraag {v.number}", a) for v, a in zip(vragen.questions, answers, strict=True)]
    path = write_docx(sections, tmp_path / "concept.docx", "Conceptantwoorden", intro=vragen.header)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Vraag 2b" in paragraphs and any("eind Q1" in p for p in paragraphs)
    assert any("Hierover staat niets in de geïndexeerde documenten." in p for p in paragraphs)
    assert any(
        "Nota Kamerbrief 'Studies over de financiering defensie-industrie'" in p for p in paragraphs
    )


def test_cli_draft_from_markdown_and_brief(assistant, tmp_path):
    import subprocess
    import sys

    from conftest import REPO

    common = [
        "--index-dir",
        str(assistant.settings.index_dir),
        "--corpus-dir",
        str(assistant.settings.corpus_dir),
    ]
    out = tmp_path / "nldtib.docx"
    source = str(FIXTURES / "kamervragen-nldtib.md")
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "draft", source, "--json", "--out", str(out), *common],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    drafts = json.loads(result.stdout)
    assert [q["number"] for q in drafts["questions"]] == ["1", "2", "3"]
    assert "Berenschot" in drafts["questions"][0]["answer"]
    assert drafts["questions"][2]["abstained"]  # turnover figure: not in the documents
    assert out.exists()

    briefing = assistant.brief("financiering van de defensie-industrie")
    assert briefing.points and all(p.quote for p in briefing.points)
    dates = [p.date or "" for p in briefing.points]
    assert dates == sorted(dates, reverse=True)  # newest documents first


def test_briefing_notes_a_figure_that_a_newer_document_updates():
    from assistant.kamervragen import briefing_notes
    from assistant.models import Citation

    def cite(n, doc, date, quote):
        return Citation(n, doc, doc, "studie", date, None, 1, "", quote, 1.0)

    older = cite(
        2,
        "monitor-2024.pdf",
        "2024-04-01",
        "De NLDTIB telde in 2023 ongeveer 1.100 bedrijven met defensieomzet.",
    )
    newer = cite(
        1,
        "monitor-2026.pdf",
        "2026-04-01",
        "De NLDTIB telde in 2025 ongeveer 1.240 bedrijven met defensieomzet.",
    )
    notes = briefing_notes([newer, older])
    assert len(notes) == 1 and notes[0].startswith("[1] en [2] noemen verschillende cijfers; [1]")
    assert briefing_notes([newer]) == []
