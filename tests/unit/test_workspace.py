"""The workspace's small present modules, without a browser: source cards (each passage once,
no boilerplate), the filters line, the [n] links, the page viewer, Dutch errors and the Dutch
page (tests/system/test_ui.py drives them in chromium)."""

from __future__ import annotations

import dataclasses
import os

import numpy as np
import pytest
from conftest import STUDY_HEADER, STUDY_PAGES, write_pdf

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant import messages  # noqa: E402
from assistant.models import Answer  # noqa: E402
from assistant.present.ui.cards import answer_sources, build_cards  # noqa: E402
from assistant.present.ui.conversation import filters_line, linked  # noqa: E402
from assistant.present.ui.dutch import DutchPage, page_script  # noqa: E402
from assistant.present.ui.handlers import dutch_errors  # noqa: E402
from assistant.present.ui.viewer import marked_text, render_pdf_page  # noqa: E402
from assistant.service import IndexBusyError, IndexMismatchError  # noqa: E402

QUESTION = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"


@pytest.fixture(scope="module")
def answered(fake_assistant_module):
    return fake_assistant_module, fake_assistant_module.ask(QUESTION)


@pytest.fixture(scope="module")
def fake_assistant_module(tmp_path_factory):
    from conftest import seed_corpus
    from fakes import fake_parts

    from assistant.config import Settings
    from assistant.service import Assistant

    root = tmp_path_factory.mktemp("workspace")
    service = Assistant(
        Settings(corpus_dir=seed_corpus(root), index_dir=root / "idx"), **fake_parts()
    )
    service.ingest()
    yield service
    service.close()


def test_a_passage_is_shown_once_and_boilerplate_never_among_the_found(answered):
    assistant, answer = answered
    first = answer.citations[0]
    n = len(answer.citations)
    again = dataclasses.replace(first, n=n + 1)  # the same passage found a second time
    closing = dataclasses.replace(first, n=n + 2, quote="Hoogachtend,")
    cited_too = dataclasses.replace(first, n=n + 3)  # the answer cites the same passage twice
    text = f"{answer.answer} [{first.n}] [{n + 3}]"
    answer = Answer(answer.question, text, False, [*answer.citations, again, closing, cited_too])
    cards = build_cards(assistant, answer)
    shown = [c.n for card in cards for c in card.citations]
    assert n + 1 not in shown and n + 2 not in shown
    merged = next(card for card in cards if first in card.citations)
    assert [c.n for c in merged.citations] == [first.n, n + 3] and merged.cited
    html = answer_sources(assistant, answer, 1)
    assert f'id="bron-1-{first.n}"' in html and f'id="bron-1-{n + 3}"' in html
    assert "Hoogachtend" not in html


def test_found_but_not_cited_are_folded_apart(answered):
    assistant, answer = answered
    html = answer_sources(assistant, answer, 1)
    cited_cards = html.split('<details class="found-too">')[0]
    assert "[1]" in cited_cards and "<mark>" in cited_cards
    if len(build_cards(assistant, answer)) > 1:
        assert f"<summary>{messages.UI_FOUND_TOO}" in html


def test_each_marker_links_to_its_card():
    assert linked("Zo is het. [1] En zo [12]", 3) == (
        'Zo is het. <a href="#bron-3-1">[1]</a> En zo <a href="#bron-3-12">[12]</a>'
    )


def test_the_filters_line_in_dutch(fake_assistant_module):
    a = fake_assistant_module
    assert messages.UI_NO_FILTERS in filters_line(a, [], "", "", [])
    line = filters_line(a, ["nota"], "1-4-2026", "", [])
    assert "type Nota" in line and "vanaf 1 april 2026" in line and "voldoet" in line
    wrong = filters_line(a, [], "2026/04/", "", [])
    assert "Datum niet herkend: '2026/04/'" in wrong and "invalid literal" not in wrong
    assert messages.UI_NOTHING_MATCHES in filters_line(a, ["kamervragen"], "", "", [])
    path = a.documents()[0].path
    assert a.documents()[0].title in filters_line(a, [], "", "", [path])


def test_python_errors_never_reach_the_user():
    @dutch_errors
    def broken():
        int("2026/04/")

    @dutch_errors
    def refused():
        raise ValueError(messages.bad_date("2026/04/"))

    with pytest.raises(gr.Error) as python:
        broken()
    assert python.value.message == messages.UI_UNEXPECTED
    assert python.value.title == messages.UI_ERROR_TITLE
    with pytest.raises(gr.Error) as ours:
        refused()
    assert ours.value.message == messages.bad_date("2026/04/")


def test_the_index_errors_reach_the_user_in_dutch():
    @dutch_errors
    def outdated():
        raise IndexMismatchError(messages.INDEX_OUTDATED)

    @dutch_errors
    def busy():
        raise IndexBusyError(messages.index_busy(600))

    for handler, text in ((outdated, messages.INDEX_OUTDATED), (busy, messages.index_busy(600))):
        with pytest.raises(gr.Error) as shown:
            handler()
        assert shown.value.message == text


def test_the_pdf_page_has_the_quote_lit_across_a_hyphenated_line_end(tmp_path):
    pdf = write_pdf(tmp_path / "monitor.pdf", STUDY_PAGES, header=STUDY_HEADER)
    quote = "De NLDTIB telde in 2025 ongeveer 1.240 bedrijven met een gezamenlijke omzet"
    image, lit = render_pdf_page(pdf, 1, [quote])
    assert lit >= 2  # two lines
    pixels = np.asarray(image)
    yellow = (pixels[..., 0] > 230) & (pixels[..., 1] > 200) & (pixels[..., 2] < 170)
    assert yellow.sum() > 2000
    _, none = render_pdf_page(pdf, 1, ["Dit staat nergens op de pagina"])
    assert none == 0


def test_a_text_document_has_the_quote_marked():
    html = marked_text("Kop\n\nEerste zin.  Tweede   zin hier.\nRest <b>", ["Tweede zin hier."])
    assert "<mark>Tweede   zin hier.</mark>" in html and "&lt;b&gt;" in html


def test_the_page_says_it_is_dutch_before_gradio_starts():
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse, JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    page = '<html lang="en"><head><title>x</title></head><body></body></html>'
    app = Starlette(routes=[
        Route("/", lambda r: HTMLResponse(page)),
        Route("/config", lambda r: JSONResponse({"a": 1})),
    ])  # fmt: skip
    client = TestClient(DutchPage(app))
    html = client.get("/")
    assert html.text.startswith('<html lang="nl"><head>' + page_script())
    assert '"Fullscreen": "Volledig scherm"' in page_script()
    assert int(html.headers["content-length"]) == len(html.content)
    assert client.get("/config").json() == {"a": 1}


def test_letterhead_lines_around_a_quote_are_left_out_of_its_passage(fake_assistant_module):
    from assistant.present.ui.cards import Card, _passage

    assistant = fake_assistant_module
    path = "002_20a449703ecf9cc4.txt"
    page = assistant.page_text(path, None)
    start = page.index("Tweejaarlijks laat")
    quote = page[start : start + 80]
    answer = assistant.ask(QUESTION)
    citation = dataclasses.replace(answer.citations[0], document=path, page=None, quote=quote)
    at = page.find(quote)
    html = _passage(page, Card(citation, True, max(0, at - 400), at + len(quote), [citation]))
    assert f"<mark>{quote}</mark>" in html
    assert "Parafenroute" in page[max(0, at - 400) : at] and "Parafenroute" not in html
    assert "Kopie aan" not in html
