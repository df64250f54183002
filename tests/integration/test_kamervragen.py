"""Kamervragen drafted with the real models over the shared index (read only), through the
command line's own entry point."""

import json

import docx
from conftest import REPO

from assistant import messages
from assistant.present.cli import main

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
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("Berenschot" in p for p in paragraphs)
    assert any(messages.NOT_FOUND in p for p in paragraphs)


def test_a_briefing_lists_quotes_newest_first(shared_assistant):
    briefing = shared_assistant.brief("financiering van de defensie-industrie")
    assert briefing.points and all(p.quote for p in briefing.points)
    for point in briefing.points:
        assert point.quote in shared_assistant.page_text(point.document, point.page)
    dates = [p.date or "" for p in briefing.points]
    assert dates == sorted(dates, reverse=True)  # newest documents first
