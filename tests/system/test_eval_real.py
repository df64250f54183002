"""A smoke test of the evaluation on the real documents (../shared/real-corpus), run when
they are there: two small real letters beside the seeds, their questions and the
unanswerable ones, and the off-topic Kamervragen against the seeds."""

import pytest

from assistant.config import Settings
from eval.harness import evaluate_offtopic, evaluate_real, real_corpus

pytestmark = pytest.mark.skipif(real_corpus() is None, reason="../shared/real-corpus ontbreekt")

SMALL = [
    "kamerbrief-2025-03-12-financieringsknelpunten-defensie-industrie.md",
    "defensie-2025-straiik-d-strategische-actieagenda-industrie-innovatie-kennis.md",
]


def test_the_real_set_runs_on_a_part_of_the_documents(tmp_path):
    settings = Settings(index_dir=tmp_path / "indexes")
    results = evaluate_real(settings, baselines=False, limit=40, documents=SMALL)
    assert [r["setting"] for r in results] == ["real, dev", "real, test"]
    for result in results:
        assert result["documents"] == 2 + len(SMALL)
        ours = result["systems"][0]
        assert ours["system"] == "assistant"
        assert 0 < result["answerable"] < result["questions"]
        # retrieval on these short letters finds most gold passages
        assert ours["recall@5"] >= 0.5, ours
        assert ours["abstain_recall"] is not None


def test_off_topic_kamervragen_are_asked_against_the_seeds(tmp_path):
    result = evaluate_offtopic(Settings(index_dir=tmp_path / "indexes"), limit=20)
    assert result["questions"] == 20 and result["answerable"] == 0
    assert result["systems"][0]["abstain_recall"] >= 0.5
