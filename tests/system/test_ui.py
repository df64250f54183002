"""The gradio workspace, launched for real: driven by gradio_client and by Debian's chromium
through Playwright (never `playwright install`)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import (
    REPO,
    STUDY_HEADER,
    STUDY_PAGES,
    free_port,
    seed_corpus,
    wait_for_port,
    write_pdf,
)

from assistant import messages

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
QUESTION = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """`python -m assistant serve` in a subprocess over the seeds plus a study PDF."""
    root = tmp_path_factory.mktemp("ui")
    corpus = seed_corpus(root)
    write_pdf(corpus / "monitor-nldtib-2026.pdf", STUDY_PAGES, header=STUDY_HEADER)
    common = ["--index-dir", str(root / "idx"), "--corpus-dir", str(corpus)]
    subprocess.run([sys.executable, "-m", "assistant", "ingest", *common], cwd=REPO, check=True)
    port = free_port()
    log = (root / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port), *common],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    wait_for_port(port, proc, 120, root / "serve.log")
    time.sleep(1)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    log.close()


def test_gradio_client_asks_through_the_api(app_url, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    result = client.predict(QUESTION, api_name="/ask")
    assert "Berenschot" in result and "[1]" in result and "DGBI-TOP / 105818908" in result


def open_browser():
    if not CHROMIUM.exists():
        pytest.skip("chromium not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    )  # fmt: skip
    return pw, browser


WIDE = {"width": 1400, "height": 1000}
FOLLOW_UP = "Hoeveel bedrijven telde de NLDTIB?"
NOTA_TITLE = "Periodiek onderzoek naar de Nederlandse defensie"
# gradio's own English texts that must not show in the Dutch workspace
ENGLISH = ["Drop File Here", "Click to Upload", "Use via API", "Error", "Loading", " steps",
           "Built with", "Clear", "Submit", "Download All"]  # fmt: skip


ATTRIBUTES = """() => Array.from(document.querySelectorAll('[title],[aria-label]'))
    .flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label')]).filter(Boolean)"""


def wide_page(browser):
    page = browser.new_page(viewport=WIDE)
    return page


def ask(page, question: str):
    """Send a question with Enter; returns the new answer's chat message."""
    answers = page.locator("#conversation [data-testid='bot']")
    before = answers.count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    answers.nth(before).wait_for(timeout=60_000)
    page.locator(f"#beurt-{before + 1}").first.wait_for(timeout=30_000)
    return answers.nth(before)


def set_field(page, box, text: str, line_shows: str) -> None:
    """Fill a filter field and wait for the filters line to show `line_shows`. On a busy
    machine a value filled while the accordion's fields are still mounting can be dropped
    by the browser before gradio sees it, and filling the same value again may then change
    nothing gradio hears of; so a retry empties the field and types the value key by key.
    A third miss fails with what the field and the line hold."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    shows = f"document.querySelector('#filters-line').innerText.includes({json.dumps(line_shows)})"
    for attempt in (1, 2, 3):
        if attempt == 1:
            box.fill(text)
        else:
            box.fill("")
            box.press("Tab")
            box.click()
            box.press_sequentially(text, delay=20)
        box.press("Tab")
        try:
            page.wait_for_function(shows, timeout=20_000 if attempt == 1 else 30_000)
            return
        except PlaywrightTimeout:
            if attempt == 3:
                line = page.locator("#filters-line").inner_text()
                raise AssertionError(
                    f"filters line never showed {line_shows!r}: field {box.input_value()!r}, "
                    f"line {line!r}"
                ) from None


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def yellow_pixels(png: bytes) -> int:
    import io

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    r, g, b = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    return int(((r > 225) & (g > 195) & (b < 175)).sum())


@pytest.mark.browser
def test_a_conversation_with_its_sources_beside_it(app_url):
    """Item 1: a chat thread (Enter sends, Shift+Enter a new line), cited cards beside it,
    each [n] a link to its card, found passages folded apart, no passage twice, no
    boilerplate, and the export's download beside its button."""
    from assistant.text.boilerplate import is_boilerplate

    pw, browser = open_browser()
    try:
        page = wide_page(browser)
        page.goto(app_url)
        first = ask(page, QUESTION)
        assert "Berenschot" in first.inner_text()
        links = first.locator("a[href^='#bron-1-']")
        assert links.count() >= 1
        cards = page.locator("#beurt-1 .source-card")
        texts = cards.all_inner_texts()
        assert any("kenmerk DGBI-TOP / 105818908" in c and "15 april 2026" in c for c in texts)
        # beside the thread, not under it
        chat, sources = (
            page.locator("#conversation").bounding_box(),
            page.locator("#sources").bounding_box(),
        )
        assert sources["x"] >= chat["x"] + chat["width"] - 1 and sources["y"] < chat["y"] + 200
        # one card per passage, and boilerplate never among the passages found
        marks = page.locator("#beurt-1 .source-card mark").all_text_contents()
        assert marks and len(marks) == len(set(marks))
        found = page.locator("#beurt-1 details.found-too")
        assert found.count() <= 1
        if found.count():
            assert found.get_attribute("open") is None  # folded away
            assert not any(is_boilerplate(m) for m in found.locator("mark").all_text_contents())
        # [1] leads to its card
        links.first.click()
        card = page.locator(".source-card.flash")
        card.wait_for(timeout=5_000)
        assert card.locator("span[id^='bron-1-']").count() >= 1
        # Shift+Enter is a new line, not a question
        box = page.locator("#question textarea")
        box.fill("regel een")
        box.press("Shift+Enter")
        box.type("regel twee")
        assert box.input_value() == "regel een\nregel twee"
        assert page.locator("#conversation [data-testid='bot']").count() == 1
        # a follow-up joins the thread; the first answer's sources fold away
        second = ask(page, FOLLOW_UP)
        assert "1.240" in second.inner_text()
        assert page.locator("#conversation [data-testid='user']").count() == 2
        assert page.locator("#conversation [data-testid='bot']").count() == 2
        assert page.locator("details#beurt-1").count() == 1
        assert page.locator("#beurt-2 .source-card").count() >= 1
        shot(page, "conversation.png")
        # the export's download appears beside the button that made it
        page.get_by_role("button", name="Exporteer als Word (.docx)").click()
        download = page.locator("#export-file")
        download.wait_for(state="visible", timeout=30_000)
        button = page.get_by_role("button", name="Exporteer als Word (.docx)").bounding_box()
        assert abs(download.bounding_box()["y"] - button["y"]) < 20
        with page.expect_download() as saved:
            download.click()
        assert saved.value.suggested_filename.endswith(".docx")
    finally:
        browser.close()
        pw.stop()


@pytest.mark.browser
def test_a_source_opens_with_its_quote_lit_up(app_url):
    """Item 2: a PDF source opens at its page with the quote in yellow, titled with the
    document's title; a text document opens with the quote marked and in view."""
    pw, browser = open_browser()
    try:
        page = wide_page(browser)
        page.goto(app_url)
        ask(page, QUESTION)
        pdf_card = page.locator("#beurt-1 .source-card", has_text="p. 1").first
        title = pdf_card.locator("h4").inner_text().split("] ", 1)[1]
        pdf_card.locator(".open-source").click()
        image = page.locator("#viewer-page img")
        image.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(500)
        heading = page.locator("#viewer-title").inner_text()
        assert title in heading and "p. 1" in heading and "None" not in heading
        assert yellow_pixels(image.screenshot()) > 1500
        shot(page, "viewer-pdf.png")
        text_card = page.locator("#beurt-1 .source-card", has_text=NOTA_TITLE).first
        quote = text_card.locator("mark").first.inner_text()
        text_card.locator(".open-source").click()
        mark = page.locator("#viewer-text mark").first
        mark.wait_for(state="visible", timeout=30_000)
        assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
        assert NOTA_TITLE in page.locator("#viewer-title").inner_text()
        box = page.locator("#viewer-text .document-text").bounding_box()
        at = mark.bounding_box()
        assert box["y"] <= at["y"] <= box["y"] + box["height"]  # scrolled into its box
        shot(page, "viewer-text.png")
    finally:
        browser.close()
        pw.stop()


@pytest.mark.browser
def test_filters_stand_above_the_answer_in_dutch(app_url):
    """Item 3 and 5: the active filters in one line, dates in Dutch forms, documents by
    title, a filter that matches nothing says so; a wrong date is a Dutch sentence."""
    pw, browser = open_browser()
    try:
        page = wide_page(browser)
        page.goto(app_url)
        line = page.locator("#filters-line")
        assert "Filters: geen" in line.inner_text()
        page.locator("button", has_text="Filters").first.click()
        date_from = page.locator("#date-from textarea, #date-from input").first
        set_field(page, date_from, "1 april 2026", "vanaf 1 april 2026")
        assert "voldoe" in line.inner_text()
        set_field(page, date_from, "2026/04/", "niet herkend")
        page.locator("#question textarea").fill(QUESTION)
        page.locator("#question textarea").press("Enter")
        toast = page.locator("[data-testid='toast-body']").first
        toast.wait_for(timeout=30_000)
        assert "Datum niet herkend: '2026/04/'" in toast.inner_text()
        title = page.locator(".toast-title").first.evaluate(
            "e => getComputedStyle(e, '::before').content"
        )
        assert title == '"Fout"'
        body = page.locator("body").inner_text()
        assert "invalid literal" not in body and "Error" not in body
        shot(page, "filters-error.png")
        set_field(page, date_from, "", "Filters: geen")
        # documents by title, the value is the path
        page.locator("#only-documents input").first.click()
        options = page.locator("[role='option']").all_inner_texts()
        assert any(NOTA_TITLE in o for o in options)
        assert not any(o.strip().endswith(".txt") for o in options)
        page.keyboard.press("Escape")
        page.get_by_label("Kamervragen").check()
        page.wait_for_function(
            "document.querySelector('#filters-line').innerText.includes('geen enkel document')"
        )
        answer = ask(page, QUESTION)
        assert messages.NO_MATCHING_DOCUMENTS in answer.inner_text()
        shot(page, "filters.png")
    finally:
        browser.close()
        pw.stop()


UPLOAD = (
    "Adviesbureau onderzoek defensie\n\nHet consultancybureau Berenschotgroep en het "
    "adviesbureau Technopolis voerden een marktverkenning uit naar de defensie-industrie, de "
    "munitieproductie en de financieringsknelpunten van de NLDTIB in 2026.\n"
)


@pytest.mark.browser
def test_documents_tab_stays_true_and_removal_restores_the_answers(app_url, tmp_path,
                                                                   monkeypatch):  # fmt: skip
    """Item 4: lists read again on a page load, removal asks first, plain Dutch, and an
    upload followed by removing that file leaves the answers (and sources) as they were."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from gradio_client import Client

    from eval.harness import load_questions

    questions = [QUESTION, FOLLOW_UP] + [q.question for q in load_questions()][:8]
    client = Client(app_url, verbose=False)
    before = [client.predict(q, api_name="/ask") for q in questions]
    pw, browser = open_browser()
    try:
        page = wide_page(browser)
        page.goto(app_url)
        page.get_by_role("tab", name="Documenten").click()
        upload = tmp_path / "adviesbureaus.txt"
        upload.write_text(UPLOAD)
        page.locator("input[type=file][multiple]").set_input_files(str(upload))
        page.get_by_role("button", name="Toevoegen en indexeren").click()
        status = page.locator("#upload-status")
        status.get_by_text("1 toegevoegd").wait_for(timeout=60_000)
        assert not any(w in status.inner_text().lower() for w in ("e5", "fragment", "vector"))
        page.reload()
        page.get_by_role("tab", name="Documenten").click()
        page.locator("#documents-table").get_by_text("adviesbureaus.txt").first.wait_for(
            timeout=10_000
        )
        chosen = page.locator("#chosen-document input").first
        chosen.click()
        chosen.fill("adviesbureaus")
        page.locator("[role='option']", has_text="adviesbureaus.txt").first.click()
        page.get_by_role("button", name="Document verwijderen").click()
        confirm = page.get_by_role("button", name="Ja, verwijderen")
        confirm.wait_for(timeout=10_000)
        assert "verwijderen?" in page.locator("#confirm-removal").first.inner_text()
        page.get_by_role("button", name="Annuleren").click()
        confirm.wait_for(state="hidden", timeout=10_000)
        assert page.locator("#documents-table").get_by_text("adviesbureaus.txt").count() >= 1
        page.get_by_role("button", name="Document verwijderen").click()
        confirm.click()
        page.locator("#document-status").get_by_text("is verwijderd").wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        assert page.locator("#documents-table").get_by_text("adviesbureaus.txt").count() == 0
        body = page.locator("body").inner_text()
        assert not any(word in body for word in ENGLISH), body
        assert "Overig" in body or "Nota" in body
        shot(page, "documents.png")
    finally:
        browser.close()
        pw.stop()
    after = [client.predict(q, api_name="/ask") for q in questions]
    assert after == before


@pytest.mark.browser
def test_gradio_speaks_dutch(app_url):
    """Item 5: gradio's own texts in Dutch, whatever the browser's language."""
    pw, browser = open_browser()
    try:
        page = browser.new_page(viewport=WIDE, locale="en-US")
        page.goto(app_url)
        page.locator("#question textarea").wait_for(timeout=30_000)
        assert page.locator("html").get_attribute("lang") == "nl"
        page.get_by_role("tab", name="Documenten").click()
        page.get_by_text("Sleep een bestand hier").first.wait_for(timeout=10_000)
        body = page.locator("body").inner_text()
        assert not any(word in body for word in ENGLISH), body
        assert "Gebruik via API" in body
        labels = page.evaluate(ATTRIBUTES)
        assert "Volledig scherm" in labels and "Tabel kopiëren" in labels
        assert not {"Fullscreen", "Copy table data", "File upload", "Add row"} & set(labels)
        grid = page.locator("#documents-table [role='gridcell']")
        cells = {t.strip() for t in grid.all_inner_texts()}
        assert not cells & {"other", "nota", "studie", "kamerbrief"} and "Nota" in cells
        shot(page, "dutch.png")
    finally:
        browser.close()
        pw.stop()


@pytest.mark.browser
def test_browser_drafts_answers_to_kamervragen(app_url):
    pw, browser = open_browser()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.goto(app_url)
        page.get_by_role("tab", name="Kamervragen").click()
        text = (REPO / "tests" / "fixtures" / "kamervragen-financiering.txt").read_text()
        page.get_by_label("Kamervragen (tekst)").fill(text)
        page.get_by_role("button", name="Splits vragen").click()
        page.get_by_text(
            "Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?"
        ).first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Maak conceptantwoorden").click()
        drafts = page.locator("#drafts")
        drafts.get_by_text("Antwoord 2b").wait_for(timeout=120_000)
        assert "eind Q1" in drafts.inner_text()
        assert messages.DRAFT_PLACEHOLDER in drafts.inner_text()
        assert drafts.inner_text().startswith(messages.DRAFT_ANSWER_TITLE)
        page.screenshot(path=str(ARTIFACTS / "kamervragen.png"), full_page=True)
    finally:
        browser.close()
        pw.stop()


def test_twenty_concurrent_api_users(app_url):
    """20 gradio_client users asking 10 questions each: no errors; the p95 is printed."""
    import statistics
    from concurrent.futures import ThreadPoolExecutor

    from gradio_client import Client

    from eval.harness import load_questions

    questions = [q.question for q in load_questions()][:10]

    def user(number: int) -> list[float]:
        client = Client(app_url, verbose=False)
        timings = []
        for question in questions[number % 3 :] + questions[: number % 3]:
            started = time.perf_counter()
            result = client.predict(question, api_name="/ask")
            timings.append(time.perf_counter() - started)
            assert isinstance(result, str) and result.strip()
        return timings

    with ThreadPoolExecutor(max_workers=20) as pool:
        timings = sorted(t for user_timings in pool.map(user, range(20)) for t in user_timings)
    assert len(timings) == 200
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(f"\n20 users x 10 questions: p50 {statistics.median(timings):.2f} s, p95 {p95:.2f} s")
