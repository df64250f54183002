"""Kamervragen measured (issue 16): `python -m assistant eval --sets kamervragen`.

- splitting: every real Aanhangsel PDF and question file split by `split_questions`, against
  the number of questions per file written by hand (real/kamervragen-split.json): questions
  found / expected and files split exactly (the numbers 1..n in order);
- own answer: each question of each answered set (kamervragen/vragen-*.txt, as the Kamer
  publishes them) asked against the seeds and the real documents; a hit is a citation of the
  set's own Aanhangsel whose chunk answers that question number. Reported at rank 1 (target
  ≥ 90 %) and for the 40 hand-written paraphrases of real/kamervragen-paraphrases.jsonl in
  the top 3 (target ≥ 80 %), per split;
- left out: with each set's own document out of the index, its questions asked again: how
  many are abstained rather than answered from unrelated documents. The documents are taken
  out of (and put back into) a copy of the index, one at a time.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

from assistant.config import Settings
from assistant.ingest.document import read_text
from assistant.ingest.kamervragen import split_questions
from eval.harness import HERE, _real_settings, real_corpus

SPLIT_COUNTS = HERE / "real" / "kamervragen-split.json"
PARAPHRASES = HERE / "real" / "kamervragen-paraphrases.jsonl"


def _number(path: Path) -> str:
    return re.search(r"kamervragen-\d{4}-(\d{4})", path.name).group(1)


def splitting(real: Path) -> dict:
    """Questions found / expected and files split exactly, PDFs and question files apart."""
    expected = {k: v for k, v in json.loads(SPLIT_COUNTS.read_text()).items() if k[0] != "_"}
    result: dict[str, dict] = {}
    kinds = {"pdf": sorted((real / "docs").glob("kamervragen-*.pdf")),
             "txt": sorted((real / "kamervragen").glob("vragen-*.txt"))}  # fmt: skip
    for kind, paths in kinds.items():
        found = exact = total = 0
        wrong: list[str] = []
        for path in paths:
            text = read_text(path) if kind == "pdf" else path.read_text(encoding="utf-8")
            numbers = [q.number for q in split_questions(text).questions]
            want = [str(n) for n in range(1, expected[_number(path)] + 1)]
            total += len(want)
            found += len(set(numbers) & set(want))
            if numbers == want:
                exact += 1
            else:
                wrong.append(path.name)
        result[kind] = {"files": len(paths), "exact": exact, "questions_expected": total,
                        "questions_found": found, "not_exact": wrong}  # fmt: skip
    return result


def _own_rank(sources, doc: str, number: str) -> int | None:
    """1-based rank of the first source (citation or chunk) of the set's own answer to
    question `number`."""
    for rank, c in enumerate(sources, start=1):
        path = getattr(c, "document", None) or getattr(c, "doc_path", "")
        if Path(path).name == doc and number in c.answers.split(", "):
            return rank
    return None


def asked_questions(real: Path) -> list[dict]:
    """Each question of each answered set, with its own document and number."""
    rows = []
    for path in sorted((real / "kamervragen").glob("vragen-*.txt")):
        doc = path.name.removeprefix("vragen-").replace(".txt", ".pdf")
        for q in split_questions(path.read_text(encoding="utf-8")).questions:
            rows.append({"id": f"{_number(path)}-{q.number}", "doc": doc, "number": q.number,
                         "question": q.query})  # fmt: skip
    return rows


def _ask_all(assistant, rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        answer = assistant.ask(row["question"], top_k=5)
        rank = _own_rank(answer.citations, row["doc"], row["number"])
        evidence = assistant.retriever(assistant.query(row["question"]), None, 5)
        retrieved = _own_rank([e.chunk for e in evidence], row["doc"], row["number"])
        first = answer.citations[0] if answer.citations else None
        cited_first = answer.answer.find(f"[{rank}]") if rank and not answer.abstained else -1
        out.append({**row, "rank": rank, "retrieval_rank": retrieved,
                    "abstained": answer.abstained,
                    "first_doc": Path(first.document).name if first else None,
                    "own_cited_first": cited_first >= 0 and all(
                        answer.answer.find(f"[{c.n}]") < 0
                        or answer.answer.find(f"[{c.n}]") >= cited_first
                        for c in answer.citations)})  # fmt: skip
    return out


def _share(results: list[dict], test) -> float:
    return round(sum(1 for r in results if test(r)) / max(1, len(results)), 3)


def _rates(results: list[dict], k: int) -> dict:
    """Own answer at rank 1 / in the top k / top 5 as the user sees the sources, at rank 1
    as retrieval ranked them (before the answer step put earlier answers first), the own
    document first, abstentions, and the misses (not at rank 1, or not in the top k)."""
    return {
        "n": len(results),
        "rank1": _share(results, lambda r: r["rank"] == 1),
        f"top{k}": _share(results, lambda r: r["rank"] and r["rank"] <= k),
        "top5": _share(results, lambda r: r["rank"]),
        "retrieval_rank1": _share(results, lambda r: r["retrieval_rank"] == 1),
        "own_doc_first": _share(results, lambda r: r["first_doc"] == r["doc"]),
        "abstained": _share(results, lambda r: r["abstained"]),
        "answered_own_first": _share(results, lambda r: r["own_cited_first"]),
        "misses": [r["id"] for r in results if not r["rank"] or r["rank"] > k],
    }


def left_out(settings: Settings, rows: list[dict], root: Path) -> dict:
    """Each answered set's questions with its own document out of a copy of the index."""
    from assistant.service import Assistant

    copy = root / "left-out"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(settings.index_dir, copy)
    assistant = Assistant(replace(settings, index_dir=copy))
    results = []
    try:
        for doc in sorted({r["doc"] for r in rows}):
            record = assistant.document(doc)
            if record is None:
                continue
            assistant.index.remove(doc)
            for row in [r for r in rows if r["doc"] == doc]:
                query = assistant.query(row["question"])
                evidence, judgements = assistant.evidence(query, None, 5)
                decision = assistant.extractive.decide(query, evidence, judgements)
                # the documents the answer would quote: as many as the answerer uses
                shown = decision.usable[: assistant.extractive.max_sentences]
                used = {Path(evidence[i].chunk.doc_path).name for i in shown}
                results.append({"id": row["id"], "abstained": not decision.answer,
                                "judge_abstained": not any(j.answers for j in decision.judgements),
                                "answered_from": sorted(used)})  # fmt: skip
            assistant.ingest([settings.corpus_dir / doc])
    finally:
        assistant.close()
    n = len(results)
    return {
        "n": n,
        "abstained": _share(results, lambda r: r["abstained"]),
        "judge_abstained": _share(results, lambda r: r["judge_abstained"]),
        "answered": [r for r in results if not r["abstained"]],
    }


def evaluate_kamervragen(settings: Settings, *, leave_out: bool = True) -> dict | None:
    """Splitting, own answers (questions and paraphrases) and the left-out abstention."""
    from assistant.index import Index
    from assistant.service import Assistant

    real = real_corpus()
    if real is None:
        return None
    eval_settings = _real_settings(settings, real)
    index = Index(eval_settings)
    index.sync()
    index.fill()
    index.close()
    rows = asked_questions(real)
    paraphrases = [json.loads(line) for line in PARAPHRASES.read_text().splitlines() if line]
    assistant = Assistant(eval_settings)
    try:
        asked = _ask_all(assistant, rows)
        rephrased = _ask_all(assistant, paraphrases)
    finally:
        assistant.close()
    result = {
        "setting": "Kamervragen (issue 16)",
        "splitting": splitting(real),
        "own_answer": _rates(asked, 1),
        "paraphrases": {
            split: _rates(
                [r for r, p in zip(rephrased, paraphrases, strict=True) if p["split"] == split], 3
            )  # fmt: skip
            for split in ("dev", "test")
        },
    }
    if leave_out:
        result["left_out"] = left_out(eval_settings, rows, settings.index_dir)
    return result


def format_kamervragen(result: dict) -> str:
    """The figures as Markdown."""
    lines = [f"\n## {result['setting']}\n", "| splitting | files exact | questions found |",
             "|---|---|---|"]  # fmt: skip
    for kind, s in result["splitting"].items():
        lines.append(f"| {kind} | {s['exact']} / {s['files']} | "
                     f"{s['questions_found']} / {s['questions_expected']} |")  # fmt: skip
    own = result["own_answer"]
    lines += ["", "| asked | n | own answer rank 1 | top 3 | top 5 | retrieval rank 1 |"
              " own document first | abstained |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    rows = [("own questions", own)] + [(f"paraphrases, {k}", v)
                                        for k, v in result["paraphrases"].items()]  # fmt: skip
    for label, r in rows:
        cells = [label, r["n"], r["rank1"], r.get("top3", "–"), r["top5"],
                 r["retrieval_rank1"], r["own_doc_first"], r["abstained"]]  # fmt: skip
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    lines.append(f"\nown questions not at rank 1: {', '.join(own['misses']) or '–'}")
    if "left_out" in result:
        out = result["left_out"]
        lines.append(f"\nown document left out: {out['n']} questions, abstained {out['abstained']}"
                     f" (by the judge alone {out['judge_abstained']})")  # fmt: skip
    return "\n".join(lines)
