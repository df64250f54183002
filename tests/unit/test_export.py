"""The exports a writer opens: Word with Word's own styles, numbering and properties, and
Markdown that renders as meant (parsed here with python-docx and markdown-it-py)."""

import re

import docx
import pytest
from markdown_it import MarkdownIt

from assistant import messages
from assistant.models import Answer, Briefing, BriefingSection, Citation
from assistant.present.export import (
    answer_markdown,
    briefing_markdown,
    renumbered,
    write_briefing_docx,
    write_docx,
)

LIST_QUOTE = (
    "Er zijn verschillende oplossingsrichtingen onderkend. Dit zijn:\n"
    "1. Langetermijnvraag & schaalgrootte;\n"
    "2. Mobiliseren private financiering."
)


def cite(n, quote, document="nota.txt", title="Nota financiering", date="2026-04-15", page=2):
    return Citation(n, document, title, "nota", date, "DGBI / 1", page, "", quote, 1.0 / n)


def answer() -> Answer:
    """An answer that cites [3] and then [1]; [2] was found but not cited."""
    citations = [
        cite(1, LIST_QUOTE),
        cite(2, "Er zijn bij de brief geen bijzondere juridische overwegingen.", page=3),
        cite(3, "Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd.", page=1),
    ]
    text = f"Volgens de documenten: “{citations[2].quote}” [3] “{citations[0].quote}” [1]"
    return Answer("Wie voerde het onderzoek uit?", text, False, citations)


def test_only_cited_sources_numbered_in_the_order_cited():
    text, sources = renumbered(answer())
    assert [c.quote[:10] for c in sources] == ["Het onderz", "Er zijn ve"]
    assert [c.n for c in sources] == [1, 2]
    assert text.index("[1]") < text.index("[2]") and "[3]" not in text
    _, later = renumbered(answer(), before=4)
    assert [c.n for c in later] == [5, 6]


def _blockquotes(html_tokens):
    """For each token, whether it stands inside a blockquote."""
    depth, inside = 0, []
    for token in html_tokens:
        if token.type == "blockquote_open":
            depth += 1
        elif token.type == "blockquote_close":
            depth -= 1
        inside.append((token, depth > 0))
    return inside


def test_markdown_keeps_a_list_inside_its_quote_and_lists_only_cited_sources():
    markdown = answer_markdown(answer())
    assert "juridische overwegingen" not in markdown
    tokens = MarkdownIt("commonmark").parse(markdown)
    placed = _blockquotes(tokens)
    lists = [inside for token, inside in placed if token.type == "ordered_list_open"]
    assert lists == [True]  # the numbered list of the quote, inside its blockquote
    items = [inside for t, inside in placed if t.content.startswith("Mobiliseren")]
    assert items == [True]  # the list item, in the quote; the answer keeps it in its paragraph
    html = MarkdownIt("commonmark").render(markdown)
    quote = html[html.rindex("<blockquote>") : html.rindex("</blockquote>")]
    assert "<ol>" in quote and "Mobiliseren private financiering" in quote
    assert re.findall(r"\[(\d)\] \(Nota financiering", markdown) == ["1", "2"]


def test_markdown_of_an_abstention_says_why_and_lists_no_sources():
    silent = Answer("Wat kost een drone?", messages.NOT_FOUND, True, answer().citations,
                    notes=["geen gevonden passage beantwoordt de vraag"])  # fmt: skip
    markdown = answer_markdown(silent)
    assert messages.NOT_FOUND in markdown and "_geen gevonden passage" in markdown
    assert messages.SOURCES not in markdown and "Berenschot" not in markdown


def _styles(path):
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def test_word_uses_its_own_styles_numbers_once_and_names_author_and_title(tmp_path):
    path = write_docx([("", answer())], tmp_path / "antwoord.docx", "Antwoord")
    document = docx.Document(str(path))
    assert document.core_properties.author == messages.EXPORT_AUTHOR == "NLDTIB-assistent"
    assert document.core_properties.title == "Antwoord"
    assert document.core_properties.last_modified_by == messages.EXPORT_AUTHOR
    styles = _styles(path)
    assert styles[0] == ("Heading 1", "Antwoord")
    assert ("Heading 2", messages.SOURCES) in styles
    sources = [text for style, text in styles if style == "List Number"]
    assert len(sources) == 2  # the cited ones; the found-but-not-cited passage is left out
    assert sources[0].startswith("(Nota financiering, DGBI / 1, 15 april 2026, p. 1)")
    assert not any(re.match(r"\s*\d+[.)]|\s*\[\d+\]", text) for text in sources)
    assert "Langetermijnvraag" in sources[1]  # the quote's own lines stay in its item
    text = "\n".join(t for _, t in styles)
    assert "juridische overwegingen" not in text
    list_number = document.styles["List Number"].element
    assert list_number.pPr.numPr is not None  # Word numbers the items itself


def test_word_numbers_sources_on_through_several_answers(tmp_path):
    second = Answer("Wanneer?", "Volgens de documenten: “Eind Q1.” [1]", False,
                    [cite(1, "Eind Q1.", page=4)])  # fmt: skip
    path = write_docx([("Vraag 1", answer()), ("Vraag 2", second)], tmp_path / "d.docx", "T")
    styles = _styles(path)
    answers = [t for s, t in styles if t.startswith("Volgens")]
    assert "[1]" in answers[0] and "[2]" in answers[0] and "[3]" in answers[1]
    assert len([t for s, t in styles if s == "List Number"]) == 3
    assert [s for s, t in styles if t == "Vraag 2"] == ["Heading 2"]
    assert [t for s, t in styles if s == "Heading 3"] == [messages.SOURCES] * 2


def briefing() -> Briefing:
    newer = [
        cite(1, "De strategie is naar de Kamer gestuurd.", "brief.txt", "Kamerbrief", "2026-06-01")
    ]
    figures = [cite(2, "Defensie stelt 1,1 miljard euro beschikbaar.", "brief.txt", "Kamerbrief",
                    "2026-06-01")]  # fmt: skip
    older = [cite(3, "Berenschot voerde het onderzoek uit.", "nota.txt", "Nota", None)]
    sections = [
        BriefingSection(
            "brief.txt", "Kamerbrief", "kamerbrief", "2026-06-01", None, newer, figures
        ),
        BriefingSection("nota.txt", "Nota", "nota", None, "DGBI / 1", older, []),
    ]
    notes = ["Verschillende cijfers over budget: 1,1 miljard euro [2] tegenover €1,15 miljard [9]."]
    return Briefing("strategie", newer + figures + older, notes, sections, left_out=3)


def test_briefing_word_has_a_heading_per_document_and_lists_in_word_styles(tmp_path):
    path = write_briefing_docx(briefing(), tmp_path / "briefing.docx")
    document = docx.Document(str(path))
    assert document.core_properties.author == messages.EXPORT_AUTHOR
    assert document.core_properties.title == "Briefing: strategie"
    styles = _styles(path)
    assert [t for s, t in styles if s == "Heading 2"] == [
        f"{messages.LOOK_OUT}: {messages.BRIEFING_DIFFERENCES.lower()}",
        "Kamerbrief (1 juni 2026)",
        "Nota (DGBI / 1, zonder datum)",
        messages.SOURCES,
    ]
    assert [t for s, t in styles if s == "Heading 3"] == [
        messages.BRIEFING_POINTS, messages.BRIEFING_FIGURES, messages.BRIEFING_POINTS
    ]  # fmt: skip
    bullets = [t for s, t in styles if s == "List Bullet"]
    assert bullets[0].startswith("Verschillende cijfers") and bullets[2].endswith(
        f"[2] ({messages.BRIEFING_SEE_NOTE})"
    )
    sources = [t for s, t in styles if s == "List Number"]
    assert len(sources) == 3 and not any(t.startswith("[") for t in sources)
    assert any(messages.briefing_left_out(3) == t for _, t in styles)
    figure = next(p for p in document.paragraphs if p.text.startswith("“Defensie stelt"))
    assert [r.text for r in figure.runs if r.bold] == ["1,1 miljard euro"]


def test_briefing_markdown_groups_by_document_and_flags_first():
    markdown = briefing_markdown(briefing())
    html = MarkdownIt("commonmark").render(markdown)
    assert html.index("Verschillende cijfers") < html.index("<h3>Kamerbrief (1 juni 2026)</h3>")
    assert html.index("<h3>Kamerbrief") < html.index("<h3>Nota (DGBI / 1, zonder datum)</h3>")
    assert html.index("<strong>Kernpunten</strong>") < html.index("<strong>Cijfers</strong>")
    figure = "“Defensie stelt <strong>1,1 miljard euro</strong> beschikbaar.” [2]"
    assert f"<li>{figure} ({messages.BRIEFING_SEE_NOTE})</li>" in html  # the note names [2]
    assert f"[1] ({messages.BRIEFING_SEE_NOTE})" not in markdown


@pytest.mark.parametrize("writer", ["markdown", "docx"])
def test_a_briefing_on_a_topic_the_documents_miss_says_so(writer, tmp_path):
    empty = Briefing("sinterklaas", [], [], reason="geen passage gevonden")
    if writer == "markdown":
        text = briefing_markdown(empty)
    else:
        text = "\n".join(t for _, t in _styles(write_briefing_docx(empty, tmp_path / "b.docx")))
    assert messages.NOT_FOUND in text and "geen passage gevonden" in text
    assert messages.SOURCES not in text
