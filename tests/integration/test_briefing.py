"""Briefings with the real models over the shared seeded index (read only), through the
service and the command line's own entry point."""

import docx

from assistant import messages
from assistant.present.cli import main
from assistant.text.boilerplate import is_boilerplate

TOPIC = "financiering van de defensie-industrie"


def test_a_briefing_groups_verbatim_points_by_document_without_boilerplate(shared_assistant):
    briefing = shared_assistant.brief(TOPIC)
    assert briefing.sections and not briefing.reason
    dates = [s.date or "" for s in briefing.sections]
    assert dates == sorted(dates, reverse=True)
    assert [c.n for c in briefing.points] == list(range(1, len(briefing.points) + 1))
    for section in briefing.sections:
        for point in section.points + section.figures:
            assert point.document == section.document
            assert point.quote in shared_assistant.page_text(point.document, point.page)
    quotes = " ".join(c.quote for c in briefing.points)
    assert not any(is_boilerplate(c.quote) for c in briefing.points)
    assert "geen bijzondere" not in quotes and "gelakt" not in quotes
    assert briefing.left_out >= 1
    # the study's figures stand apart from its key points
    study = [s for s in briefing.sections if s.document == "monitor-nldtib-2026.pdf"]
    assert not study or all(any(ch.isdigit() for ch in c.quote) for c in study[0].figures)


def test_a_topic_the_documents_do_not_hold_gets_no_briefing(shared_assistant):
    briefing = shared_assistant.brief("de intocht van Sinterklaas in Zwolle")
    assert briefing.points == [] and briefing.sections == [] and briefing.reason


def test_cli_brief_writes_markdown_and_word(shared, tmp_path, capsys):
    out = tmp_path / "briefing.docx"
    common = ["--index-dir", str(shared.index_dir), "--corpus-dir", str(shared.corpus_dir)]
    assert main(["brief", TOPIC, "--out", str(out), *common]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith(f"## {messages.BRIEFING_TITLE.format(topic=TOPIC)}")
    assert "### " in markdown and f"**{messages.SOURCES}**" in markdown
    document = docx.Document(str(out))
    assert document.core_properties.author == messages.EXPORT_AUTHOR
    styles = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "List Bullet", "List Number"} <= styles
