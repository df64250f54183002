"""Fit the answerability judge: `python -m eval.answerability` from a checkout.

For every dev question of the real set (eval/real/, split "dev") and every question of the
current set (eval/questions.jsonl), the assistant retrieves its top 5 as it does for a
user; each evidence quote gets the judge's features and a label: 1 when it is the gold
evidence (from the gold document, containing the gold phrase), else 0. Two logistic
regressions, each weight kept to the sign a reader expects (SIGNS): one over each
question's summary (QUESTION_FEATURES), labelled 1 when its evidence holds the gold quote,
whose threshold is the highest at which at most MAX_FALSE_ABSTENTION of those questions is
refused, judged on out-of-fold probabilities (a threshold set on the fitted questions' own
probabilities refuses far more new answerable questions than it promises); and one over
the quotes of the questions whose gold evidence was retrieved, which picks the quotes that
answer. The test split is never read here.

A third regression over the same quote features orders the quotes retrieval returns to
the depth `rerank_depth`, so that a gold quote at rank 6–20 can reach the top 5 shown; it
is fitted on those deeper lists, the other two on their first 5 (the gate reads the top 5 in
retrieval order in use too).

Writes assistant/answer/answerability.json (the models) and eval/real/answerability-dev.csv
(the rows they were fitted on); `--rows` refits on that file without retrieving again.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.answer.answerability import (
    FEATURES,
    MODEL_FILE,
    QUESTION_FEATURES,
    about_the_documents,
    question_row,
)
from assistant.config import load_settings
from assistant.models import Evidence
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
# Refused answerable questions the gate may cost on dev: a wrong answer presented as sourced
# weighs heavier than a missed one.
MAX_FALSE_ABSTENTION = 0.10
# The similarity floor lies just below the least similar Dutch dev question whose evidence
# answers it: the least similar ones come from the smallest corpus (the two seed nota's),
# where fewer passages lie close to any question, so a floor that gives up a share of them
# refuses answerable questions in a small corpus of new documents first.
SIMILARITY_FLOOR_SHARE = 0.0
# A question whose evidence holds less than a third of its subject words (each weighed by
# how rare it is in the corpus) in any passage, heading or title, and is not close to it
# either, is about something else; the closeness bound gives up OFF_TOPIC_SHARE of the
# answered dev questions.
OFF_TOPIC_COVERAGE = 1 / 3
OFF_TOPIC_SHARE = 0.02
TOP_K = 5


def ready_assistant(settings):
    """The assistant over the settings' index, built or brought up to date first (E5
    vectors included)."""
    from assistant.index import Index
    from assistant.service import Assistant

    index = Index(settings)
    index.sync()
    index.fill()
    index.close()
    return Assistant(settings)


def is_gold(question: Question, evidence: Evidence) -> bool:
    """Whether one evidence quote is the question's gold evidence."""
    returned = Returned([(evidence.chunk.doc_path, evidence.quote)], False, 0.0)
    return question.answerable and hit_rank(question, returned) == 1


def rows_for(settings, questions: list[Question], setting: str, depth: int = TOP_K
             ) -> list[dict]:  # fmt: skip
    """Features and labels of each question's evidence to `depth`, in retrieval order (the
    first TOP_K are what a top-5 retrieval returns)."""
    assistant = ready_assistant(settings)
    judge = assistant.extractive.judge
    rows = []
    for q in questions:
        query = assistant.query(q.question)
        evidence = assistant.retriever(query, None, TOP_K, depth=depth)
        features = judge.features(query, evidence)
        for rank, (e, f) in enumerate(zip(evidence, features, strict=True), start=1):
            label = int(is_gold(q, e))
            rows.append(
                {"id": q.id, "setting": setting, "kind": q.kind, "rank": rank,
                 "answerable": int(q.answerable), "label": label, **f}
            )  # fmt: skip
    assistant.close()
    return rows


# The direction each feature may push: a reader expects a closer, better covered passage
# to answer more often, and a conflict or a word the corpus lacks less often. With a few
# hundred dev questions a free fit learns signs that only hold on them; constrained ones
# carry over.
SIGNS = {
    "similarity": 1, "best_similarity": 1, "top_similarity": 1, "score_relative": 1,
    "rank": -1, "coverage": 1, "coverage_idf": 1, "best_coverage_idf": 1,
    "context_coverage": 1, "best_context_coverage": 1, "type_present": 1,
    "type_attached": 1, "any_type_attached": 1, "unknown_terms": -1, "year_conflict": -1,
    "best_year_conflict": -1, "figure_conflict": -1, "best_figure_conflict": -1,
    "english": 0, "rarest_covered": 1, "any_rarest_covered": 1,
    "predicate_covered": 1, "any_predicate_covered": 1,
}  # fmt: skip
STRENGTHS = (0.1, 0.3, 1.0, 3.0)  # inverse L2 strengths tried, chosen by cross-validation
FOLDS, REPEATS = 5, 5


def _logistic(x: np.ndarray, y: np.ndarray, signs: list[int], strength: float
              ) -> tuple[np.ndarray, float]:  # fmt: skip
    """Class-balanced, L2-penalised logistic regression with each weight kept to its sign."""
    from scipy.optimize import minimize

    n, d = x.shape
    positives = max(1, int(y.sum()))
    balance = np.where(y == 1, n / (2 * positives), n / (2 * max(1, n - positives)))

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:d], params[d]
        z = x @ w + b
        value = float(np.sum(balance * (np.logaddexp(0, z) - y * z)) + w @ w / (2 * strength))
        g = balance * (1 / (1 + np.exp(-z)) - y)
        return value, np.append(x.T @ g + w / strength, g.sum())

    bounds = [(0, None) if s > 0 else (None, 0) if s < 0 else (None, None) for s in signs]
    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                      bounds=[*bounds, (None, None)])  # fmt: skip
    return result.x[:d], float(result.x[d])


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def _out_of_fold(x: np.ndarray, y: np.ndarray, signs: list[int], strength: float
                 ) -> np.ndarray:  # fmt: skip
    """Each row's probability from models fitted without it (repeated stratified folds,
    averaged): what the model will say of a question it was not fitted on."""
    from sklearn.model_selection import StratifiedKFold

    p = np.zeros(len(y))
    for seed in range(REPEATS):
        for train, held in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(x, y):
            mean, scale = _standardise(x[train])
            w, b = _logistic((x[train] - mean) / scale, y[train], signs, strength)
            p[held] += 1 / (1 + np.exp(-((x[held] - mean) / scale @ w + b))) / REPEATS
    return p


def fit(rows: list[dict], features: tuple[str, ...], label: str,
        signs: list[int] | None = None) -> tuple[dict, np.ndarray]:  # fmt: skip
    """A sign-constrained logistic regression on standardised features, its strength chosen
    by cross-validated log-loss: the fitted parameters and each row's out-of-fold
    probability (thresholds are chosen on those, not on the rows' own fitted ones).
    `signs`: each feature's direction, for features SIGNS does not list."""
    x = np.array([[row[name] for name in features] for row in rows], dtype=np.float64)
    y = np.array([row[label] for row in rows], dtype=np.float64)
    signs = signs or [SIGNS[name] for name in features]
    best: tuple[float, float, np.ndarray] | None = None
    for strength in STRENGTHS:
        p = np.clip(_out_of_fold(x, y, signs, strength), 1e-6, 1 - 1e-6)
        loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        if best is None or loss < best[0]:
            best = (loss, strength, p)
    assert best is not None
    mean, scale = _standardise(x)
    w, b = _logistic((x - mean) / scale, y, signs, best[1])
    fitted = {
        "features": list(features),
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": w.round(6).tolist(),
        "intercept": round(b, 6),
        "strength": best[1],
    }
    return fitted, best[2]


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


def report(questions: list[dict], probabilities: np.ndarray, threshold: float,
           bounds: tuple[float, float, float]) -> dict:  # fmt: skip
    """What the gate does on the dev questions: refused answerable ones, abstained
    unanswerable ones (by kind)."""
    answered = [
        p >= threshold and about_the_documents(q, *bounds)
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


def fit_rank(rows: list[dict]) -> tuple[dict, dict]:
    """The rank model, fitted on the quotes of the questions whose gold quote was retrieved
    to the depth, and what reordering by its out-of-fold probabilities does to recall at
    TOP_K over those questions."""
    hit = {(r["setting"], r["id"]) for r in rows if r["label"]}
    fitted_rows = [r for r in rows if (r["setting"], r["id"]) in hit]
    rank, p = fit(fitted_rows, FEATURES, "label")
    rank["threshold"] = 0.5  # unused: the rank model only orders
    by_question: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for row, prob in zip(fitted_rows, p, strict=True):
        key = (row["setting"], row["id"])
        by_question.setdefault(key, []).append((row["rank"], prob, row["label"]))
    retrieved = reordered = 0
    for quotes in by_question.values():
        retrieved += any(label for position, _, label in quotes if position < TOP_K)
        best = sorted(quotes, key=lambda q: (-q[1], q[0]))[:TOP_K]
        reordered += any(label for _, _, label in best)
    report = {
        "questions_with_gold_in_depth": len(by_question),
        f"gold_in_top_{TOP_K}_retrieved": retrieved,
        f"gold_in_top_{TOP_K}_reordered_out_of_fold": reordered,
    }
    return rank, report


def read_rows(path: Path = ROWS_FILE) -> list[dict]:
    """The rows a previous run wrote, to refit without retrieving again."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "context_coverage_idf" not in rows[0]:
        raise SystemExit(f"{path} is ouder dan de kenmerken van nu: fit opnieuw zonder --rows")
    text = ("id", "setting", "kind")
    return [{k: (v if k in text else float(v)) for k, v in row.items()} for row in rows]


def similarity_floor(similarities: list[float], share: float = SIMILARITY_FLOOR_SHARE) -> float:
    """The best question-passage similarity below which a Dutch question counts as about
    nothing in the documents: just below `share` of the given ones (those of the dev
    questions whose evidence answers them)."""
    ordered = sorted(similarities)
    return ordered[int(share * len(ordered))] - 1e-6 if ordered else 0.0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    settings = load_settings()
    depth = max(TOP_K, settings.rerank_depth)
    if "--rows" in args:  # refit on the rows of the last run (after a change to the fit)
        deep = read_rows()
    else:
        real = real_corpus()
        if real is None:
            print("../shared/real-corpus ontbreekt: zet NLDTIB_REAL_CORPUS", file=sys.stderr)
            return 1
        dev = [q for q in load_real_questions() if q.split == "dev"]
        deep = rows_for(_real_settings(settings, real), dev, "real", depth)
        current = replace(_prepare(settings, "corpus", distractors=False))
        deep += rows_for(current, load_questions(), "current", depth)
        ROWS_FILE.parent.mkdir(parents=True, exist_ok=True)
        with ROWS_FILE.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(deep[0]))
            writer.writeheader()
            writer.writerows(
                {k: round(v, 6) if isinstance(v, float) else v for k, v in row.items()}
                for row in deep
            )
    rows = [r for r in deep if r["rank"] < TOP_K]  # what the gate and the quote model read
    rank, rank_report = fit_rank(deep) if depth > TOP_K else (None, {})

    questions = question_rows(rows)
    hit = {(r["setting"], r["id"]) for r in rows if r["label"]}
    for q in questions:
        # The gate judges whether the evidence answers the question: an answerable
        # question whose answer was not retrieved is, for it, one the evidence does not
        # answer (answering it would quote passages that do not hold the answer).
        q["evidence_answers"] = float((q["setting"], q["id"]) in hit)
    gate, gate_p = fit(questions, QUESTION_FEATURES, "evidence_answers")
    answered = [(p, q) for p, q in zip(gate_p, questions, strict=True) if q["evidence_answers"]]
    # The similarity floor and the off-topic bound each give up a small share of those dev
    # questions; the gate's threshold is the highest at which, with them, at most
    # MAX_FALSE_ABSTENTION of them is refused.
    dutch = [q for _, q in answered if not q["english"]]
    floor = similarity_floor([q["best_similarity"] for q in dutch])
    unrelated = sorted(q["best_similarity"] for q in dutch
                       if q["best_context_coverage_idf"] < OFF_TOPIC_COVERAGE)  # fmt: skip
    off_topic = min(unrelated[int(OFF_TOPIC_SHARE * len(dutch))], 1.0) if unrelated else 0.0
    bounds = (floor, OFF_TOPIC_COVERAGE, off_topic)
    above = sorted(p for p, q in answered if about_the_documents(q, *bounds))
    allowed = int(MAX_FALSE_ABSTENTION * len(answered)) - (len(answered) - len(above))
    gate["threshold"] = round(above[max(0, allowed)] - 1e-6, 6)
    quote, _ = fit([r for r in rows if (r["setting"], r["id"]) in hit], FEATURES, "label")
    quote["threshold"] = 0.5
    fitted = {
        "fitted_on": f"{len(questions)} dev questions (the real set's dev split and the"
        f" current set), {len(rows)} quotes",
        "question": gate,
        "quote": quote,
        **({"rank": rank, "rank_out_of_fold": rank_report} if rank else {}),
        "similarity_floor": round(floor, 6),
        "off_topic": {"coverage": round(OFF_TOPIC_COVERAGE, 6), "similarity": round(off_topic, 6)},
        # on out-of-fold probabilities: what to expect of questions the fit has not seen
        "dev_out_of_fold": report(questions, gate_p, gate["threshold"], bounds),
    }
    MODEL_FILE.write_text(json.dumps(fitted, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(fitted, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
