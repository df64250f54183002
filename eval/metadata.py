"""Metadata read from the real documents and the seeds against values written by hand
(eval/real/metadata.json): per field, the fields read right out of the fields the documents
state, the same per kind of document, and the fields filled although the document does not
state them (guesses). Reads the files only; no index is built.

A title is compared as words (case, dashes and punctuation aside); the other fields exactly.
A title the document does not state falls back to the file name, which is no guess.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from assistant.config import Settings
from assistant.ingest.document import load_document
from eval.harness import REAL_QUESTIONS, real_corpus

EXPECTED = REAL_QUESTIONS / "metadata.json"
FIELDS = ("title", "doc_type", "date", "kenmerk", "author")


def _norm(field: str, value: str | None) -> str | None:
    if value is None or field != "title":
        return value
    return " ".join(re.sub(r"[^\w]+", " ", value.casefold()).split())


def _source(row: dict, real: Path, settings: Settings) -> Path:
    return (real / "docs" if row["source"] == "docs" else settings.corpus_dir) / row["file"]


def evaluate_metadata(settings: Settings, expected: Path = EXPECTED) -> dict | None:
    """Fields right / fields stated, per field and per kind; None without the real corpus."""
    real = real_corpus()
    if real is None:
        return None
    rows = json.loads(expected.read_text(encoding="utf-8"))
    per_field = {f: {"stated": 0, "right": 0, "guessed": 0} for f in FIELDS}
    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: {"stated": 0, "right": 0})
    wrong: list[dict] = []
    started = time.perf_counter()
    for row in rows:
        path = _source(row, real, settings)
        meta = load_document(path).extracted_meta
        for field in FIELDS:
            want, got = row[field], getattr(meta, field, None)
            if field == "title" and got == re.sub(r"[_-]+", " ", path.stem).strip():
                got = None  # the file name: the document states no title
            if want is None:
                per_field[field]["guessed"] += got is not None
                if got is not None:
                    wrong.append({"file": row["file"], "field": field, "want": None, "got": got})
                continue
            right = _norm(field, got) == _norm(field, want)
            per_field[field]["stated"] += 1
            per_field[field]["right"] += right
            per_kind[row["kind"]]["stated"] += 1
            per_kind[row["kind"]]["right"] += right
            if not right:
                wrong.append({"file": row["file"], "field": field, "want": want, "got": got})
    return {
        "setting": "metadata",
        "documents": len(rows),
        "seconds": round(time.perf_counter() - started, 2),
        "fields": per_field,
        "kinds": dict(per_kind),
        "wrong": wrong,
    }


def format_metadata(result: dict) -> str:
    """Markdown tables: right / stated per field (with guesses) and per kind; what was wrong."""
    lines = [
        f"\n## metadata: {result['documents']} documents read in {result['seconds']} s\n",
        "| field | right / stated | filled, not stated |",
        "|---|---|---|",
    ]
    for field, n in result["fields"].items():
        lines.append(f"| {field} | {n['right']} / {n['stated']} | {n['guessed']} |")
    lines += ["", "| kind | right / stated |", "|---|---|"]
    for kind, n in sorted(result["kinds"].items()):
        lines.append(f"| {kind} | {n['right']} / {n['stated']} |")
    for w in result["wrong"]:
        lines.append(f"\nwrong: {w['file']} {w['field']}: {w['got']!r} (expected {w['want']!r})")
    return "\n".join(lines)
