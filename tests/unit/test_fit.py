"""Fitting the answerability judge (eval/answerability.py) on synthetic rows."""

import numpy as np

from eval.answerability import fit, similarity_floor


def test_the_fit_keeps_each_weight_to_its_sign_and_reports_out_of_fold():
    rng = np.random.default_rng(0)
    similarity = rng.normal(size=200)
    answers = (similarity + 0.5 * rng.normal(size=200) > 0).astype(float)
    # a coverage that happens to fall as answers get likelier (as a paraphrase's does):
    # free, its weight would come out negative; a reader expects it never to count against
    coverage = -similarity + 0.1 * rng.normal(size=200)
    rows = [
        {"best_similarity": s, "best_coverage_idf": c, "answers": a}
        for s, c, a in zip(similarity, coverage, answers, strict=True)
    ]
    fitted, probabilities = fit(rows, ("best_similarity", "best_coverage_idf"), "answers")
    assert fitted["weights"][0] > 0 and fitted["weights"][1] >= 0
    assert fitted["strength"] in (0.1, 0.3, 1.0, 3.0)
    # one probability per row, each from models fitted without it: informative, not perfect
    assert probabilities.shape == (200,)
    positives, negatives = probabilities[answers == 1], probabilities[answers == 0]
    assert 0.75 < np.mean(positives[:, None] > negatives[None, :]) < 1.0


def test_the_similarity_floor_refuses_no_dev_question_whose_evidence_answers():
    # the least similar answered questions come from the smallest corpus: a floor that gave
    # up a share of them would refuse answerable questions in a small corpus first
    similarities = [0.814, 0.817, 0.823] + [0.85 + i / 1000 for i in range(60)]
    floor = similarity_floor(similarities)
    assert floor < min(similarities)
    assert floor > min(similarities) - 0.001
    assert similarity_floor([]) == 0.0
