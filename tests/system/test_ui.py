"""The gradio workspace, launched for real: driven by gradio_client and by Debian's chromium
through Playwright (never `playwright install`)."""

from __future__ import annotations

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


@pytest.mark.browser
def test_browser_asks_sees_answer_and_source_card_then_uploads(app_url, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pw, browser = open_browser()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(app_url)
        page.get_by_label("Vraag", exact=True).fill(QUESTION)
        page.get_by_role("button", name="Vraag stellen").click()
        page.locator("#sources .source-card").first.wait_for(timeout=60_000)
        assert "Berenschot" in page.locator("#answer").inner_text()
        cards = page.locator("#sources .source-card").all_inner_texts()
        # the study PDF and the EZK nota both name the bureau; the nota's card cites fully
        assert any("kenmerk DGBI-TOP / 105818908" in c and "15 april 2026" in c for c in cards)
        assert page.locator("#sources mark").count() >= 1
        page.screenshot(path=str(ARTIFACTS / "ask.png"), full_page=True)
        # a PDF source opens at its page
        link = page.locator("#sources a", has_text="open document").first
        href = link.get_attribute("href")
        assert "#page=" in href
        pdf = page.request.get(app_url.rstrip("/") + href.split("#")[0])
        assert pdf.ok and pdf.body().startswith(b"%PDF")

        page.get_by_role("tab", name="Documenten").click()
        upload = tmp_path / "kamerbrief-munitie.txt"
        upload.write_text(
            "Kamerbrief over munitie\n\nHet kabinet investeert in extra productiecapaciteit voor "
            "munitie bij Nederlandse bedrijven.\n"
        )
        page.locator("input[type=file][multiple]").set_input_files(str(upload))
        page.get_by_role("button", name="Toevoegen en indexeren").click()
        page.get_by_text("1 toegevoegd").wait_for(timeout=60_000)
        page.get_by_text("kamerbrief-munitie.txt").first.wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "corpus.png"), full_page=True)
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
        assert messages.NOT_FOUND in drafts.inner_text()
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
