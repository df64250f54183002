"""The model-judge measurement (eval/model_judge.py): reading a reply's first-token
log-probabilities, and the comparison on synthetic rows. The model itself is the caller's
(1.1 GB, not a test extra); here a stand-in returns a fixed reply in llama.cpp's format."""

import math

import numpy as np

from eval.model_judge import compare, log_odds


class Reply:
    """What llama.cpp's chat endpoint returns for one token with its top log-probabilities."""

    def __init__(self, top: dict[str, float]) -> None:
        self.top = top
        self.requests: list[dict] = []

    def handle_chat_completions(self, request: dict) -> dict:
        self.requests.append(request)
        tops = [{"token": t, "logprob": lp} for t, lp in self.top.items()]
        return {"choices": [{"logprobs": {"content": [{"top_logprobs": tops}]}}]}


def test_yes_and_no_in_either_language_and_case_are_added_up():
    llm = Reply({"Yes": math.log(0.5), " ja": math.log(0.1), "No": math.log(0.2), "Maybe": -1})
    assert math.isclose(log_odds(llm, "Wie?", "Berenschot."), math.log(0.6 / 0.2))
    # the passage goes in cut to the quote budget, the question whole
    long = "x" * 900
    log_odds(llm, "Wie voerde het onderzoek uit?", long)
    user = llm.requests[-1]["messages"][1]["content"]
    assert "Wie voerde het onderzoek uit?" in user and "x" * 500 in user and "x" * 501 not in user


def test_a_reply_with_neither_word_is_undecided():
    assert log_odds(Reply({"Perhaps": -0.1}), "Wie?", "Niemand.") == 0.0


def test_compare_reports_a_model_that_separates_beside_a_gate_that_does_not():
    rng = np.random.default_rng(1)
    rows = []
    for i in range(120):
        answers = i % 2 == 0
        rows.append({
            "id": str(i), "kind": "fact" if answers else "absent", "answerable": answers,
            "evidence_answers": answers, "gate": float(rng.normal()),
            "model": [(2.0 if answers else -2.0) + float(rng.normal(scale=0.5))],
        })  # fmt: skip
    report = compare(rows)
    assert report["auc"]["model, top quote"] > 0.95
    assert 0.3 < report["auc"]["gate"] < 0.7
    assert report["gate + model"]["out_of_fold_auc"] > report["gate alone"]["out_of_fold_auc"]
    assert report["gate + model"]["abstained_unanswerable"] > 0.9
