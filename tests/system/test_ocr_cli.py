"""Scanned PDFs through the command line: on a machine without Tesseract the scans are
reported in Dutch and the rest is indexed; once Tesseract is there the next ingest reads
them, and an answer from a scan is cited as OCR."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from assistant import messages
from assistant.ingest import ocr
from eval.scans import (
    NOTA_AUTHOR_LINE,
    NOTA_LINES,
    NOTA_TURNED_LINES,
    ScanPage,
    write_mixed,
    write_scan,
)

TEXT_PAGE = [
    "Kamerbrief over de defensie-industrie",
    "",
    "De minister stuurt de Kamer de studie over de financiering van de",
    "defensie-industrie en de stand van zaken van de actielijnen.",
]


def run_cli(*args: str, settings, path: str | None = None):
    env = {**os.environ, **({"PATH": path} if path is not None else {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args, "--index-dir", str(settings.index_dir),
         "--corpus-dir", str(settings.corpus_dir)],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=900,
    )  # fmt: skip


@pytest.mark.skipif(
    not ocr.available(),
    reason="Tesseract with Dutch is not installed: apt-get install tesseract-ocr tesseract-ocr-nld",
)
def test_scans_are_reported_without_tesseract_and_read_once_it_is_there(seeded, tmp_path: Path):
    corpus = seeded.corpus_dir
    write_mixed(corpus / "gemengd.pdf", TEXT_PAGE, ScanPage(NOTA_TURNED_LINES))
    write_scan(corpus / "nota-gescand.pdf", [ScanPage(NOTA_LINES, redact_line=NOTA_AUTHOR_LINE)])

    # a PATH without tesseract on it: the machine of someone who did not install it
    empty = tmp_path / "bin"
    empty.mkdir()
    bare = run_cli("ingest", settings=seeded, path=str(empty))
    assert bare.returncode == 2, bare.stderr  # the file of scans only is not indexed
    assert messages.ingest_failure("nota-gescand.pdf", messages.PDF_NO_TEXT) in bare.stderr
    warning = messages.ingest_warning("gemengd.pdf", messages.pages_need_ocr([2]))
    assert warning in bare.stderr
    assert "installeer tesseract-ocr-nld" in warning

    ready = run_cli("ingest", "--json", settings=seeded)
    assert ready.returncode == 0, ready.stderr
    report = json.loads(ready.stdout)
    assert report["failed"] == [] and report["warnings"] == []
    assert report["documents"] == 4  # the seeds, the mixed file read whole, the scan

    asked = run_cli(
        "ask", "--json", "Hoeveel granaten munitie worden in 2026 geproduceerd?", settings=seeded
    )
    assert asked.returncode == 0, asked.stderr
    citations = json.loads(asked.stdout)["citations"]
    scanned = [c for c in citations if c["document"] == "nota-gescand.pdf"]
    assert scanned and scanned[0]["ocr"] is True, citations
    assert "300.000 granaten" in scanned[0]["quote"]

    readable = run_cli("ask", "Hoeveel granaten munitie worden in 2026 geproduceerd?",
                       settings=seeded)  # fmt: skip
    assert ", OCR)" in readable.stdout
