"""Fit the answerability judge: `python -m eval.answerability` from a checkout.

For every dev question of the real set (eval/real/, split "dev") and every question of the
current set (eval/questions.jsonl), the assistant retrieves its top 5 as it does for a
user; each evidence quote gets the judge's features and a label: 1 when it is the gold
evidence (from the gold document, containing the gold phrase), else 0. Two logistic
regressions: one over each question's summary (QUESTION_FEATURES), labelled answerable or
not, whose threshold is the highest at which at most MAX_FALSE_ABSTENTION of the answerable
dev questions is refused; and one over the quotes of the questions whose gold evidence was
retrieved, which picks the quotes that answer. The test split is never read here.

Writes assistant/answer/answerability.json (the model) and eval/real/answerability-dev.csv
(the rows it was fitted on).
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace

import numpy as np

from assistant.answer.answerability import FEATURES, MODEL_FILE, QUESTION_FEATURES, question_row
from assistant.config import load_settings
from eval.harness import (
    HERE,
    Question,
    Returned,
    _prepare,
    _real_settings,
    hit_rank,
    load_questions,
    load_real_questions,
    real_corpus,
)

ROWS_FILE = HERE / "real" / "answerability-dev.csv"
MAX_FALSE_ABSTENTION = 0.05
SIMILARITY_FLOOR_SHARE = 0.02
TOP_K = 5


def rows_for(settings, questions: list[Question], setting: str) -> list[dict]:
    """Features and labels of each question's top TOP_K evidence."""
    from assistant.index import Index
    from assistant.service import Assistant

    index = Index(settings)
    index.sync()
    index.fill()
    index.close()
    assistant = Assistant(settings)
    judge = assistant.extractive.judge
    rows = []
    for q in questions:
        query = assistant.query(q.question)
        evidence = assistant.retriever(query, None, TOP_K)
        features = judge.features(query, evidence)
        for rank, (e, f) in enumerate(zip(evidence, features, strict=True), start=1):
            returned = Returned([(e.chunk.doc_path, e.quote)], False, 0.0)
            label = int(q.answerable and hit_rank(q, returned) == 1)
            rows.append(
                {"id": q.id, "setting": setting, "kind": q.kind, "rank": rank,
                 "answerable": int(q.answerable), "label": label, **f}
            )  # fmt: skip
    assistant.close()
    return rows


def fit(rows: list[dict], features: tuple[str, ...], label: str) -> tuple[dict, np.ndarray]:
    """A balanced logistic regression on standardised features; the fitted parameters and
    the rows' probabilities."""
    from sklearn.linear_model import LogisticRegression

    x = np.array([[row[name] for name in features] for row in rows], dtype=np.float64)
    y = np.array([row[label] for row in rows])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000)
    model.fit((x - mean) / scale, y)
    fitted = {
        "features": list(features),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": model.coef_[0].round(6).tolist(),
        "intercept": round(float(model.intercept_[0]), 6),
    }
    return fitted, model.predict_proba((x - mean) / scale)[:, 1]


def question_rows(rows: list[dict]) -> list[dict]:
    """One row per question: its QUESTION_FEATURES and whether the documents answer it."""
    by_question: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        by_question.setdefault((row["setting"], row["id"]), []).append(row)
    out = []
    for (setting, qid), quotes in by_question.items():
        first = quotes[0]
        out.append({"id": qid, "setting": setting, "kind": first["kind"],
                    "answerable": first["answerable"], **question_row(quotes)})  # fmt: skip
    return out


def report(questions: list[dict], probabilities: np.ndarray, threshold: float, floor: float
           ) -> dict:  # fmt: skip
    answered = [
        p >= threshold and (q["english"] or q["best_similarity"] >= floor)
        for p, q in zip(probabilities, questions, strict=True)
    ]
    answerable = [a for a, q in zip(answered, questions, strict=True) if q["answerable"]]
    by_kind: dict[str, list[bool]] = {}
    for a, q in zip(answered, questions, strict=True):
        if not q["answerable"]:
            by_kind.setdefault(q["kind"], []).append(not a)
    abstained = [x for v in by_kind.values() for x in v]
    return {
        "questions": len(questions),
        "false_abstention": round(1 - sum(answerable) / len(answerable), 3),
        "abstained_unanswerable": round(sum(abstained) / max(1, len(abstained)), 3),
        "abstained_by_kind": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_kind.items())},
    }


def main() -> int:
    settings = load_settings()
    real = real_corpus()
    if real is None:
        print("../shared/real-corpus ontbreekt: zet NLDTIB_REAL_CORPUS", file=sys.stderr)
        return 1
    dev = [q for q in load_real_questions() if q.split == "dev"]
    rows = rows_for(_real_settings(settings, real), dev, "real")
    current = replace(_prepare(settings, "corpus", distractors=False))
    rows += rows_for(current, load_questions(), "current")
    ROWS_FILE.parent.mkdir(parents=True, exist_ok=True)
    with ROWS_FILE.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    questions = question_rows(rows)
    gate, gate_p = fit(questions, QUESTION_FEATURES, "answerable")
    # The similarity floor gives up SIMILARITY_FLOOR_SHARE of the answerable dev questions;
    # the gate's threshold is the highest at which, with the floor, at most
    # MAX_FALSE_ABSTENTION of them is refused.
    answerable = [(p, q) for p, q in zip(gate_p, questions, strict=True) if q["answerable"]]
    similarities = sorted(q["best_similarity"] for _, q in answerable if not q["english"])
    floor = similarities[int(SIMILARITY_FLOOR_SHARE * len(similarities))] - 1e-6
    above = sorted(p for p, q in answerable if q["english"] or q["best_similarity"] >= floor)
    allowed = int(MAX_FALSE_ABSTENTION * len(answerable)) - (len(answerable) - len(above))
    gate["threshold"] = round(above[max(0, allowed)] - 1e-6, 6)
    hit = {(r["setting"], r["id"]) for r in rows if r["label"]}
    quote, _ = fit([r for r in rows if (r["setting"], r["id"]) in hit], FEATURES, "label")
    quote["threshold"] = 0.5
    fitted = {
        "fitted_on": f"{len(questions)} dev questions (the real set's dev split and the"
        f" current set), {len(rows)} quotes",
        "question": gate,
        "quote": quote,
        "similarity_floor": round(floor, 6),
        "dev": report(questions, gate_p, gate["threshold"], floor),
    }
    MODEL_FILE.write_text(json.dumps(fitted, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(fitted, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
