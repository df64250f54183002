"""The benchmark runs end to end on a small generated corpus (the figures themselves are
reported by `python -m assistant bench`, not asserted here)."""

import pytest

from eval.bench import QUESTION_PASSES, format_bench, run_bench


@pytest.mark.slow
def test_bench_measures_the_assistant_and_the_llama_index_reference(seeded):
    result = run_bench(seeded, (80,), reference=True, pdf=False)
    ours, reference = result["rows"]
    assert ours["system"] == "assistant" and reference["system"].startswith("llama-index")
    assert ours["failed"] == 0 and ours["chunks"] >= 80  # the seeds plus generated nota's
    assert ours["documents"] == reference["documents"]  # the same files for both
    for row in (ours, reference):
        assert row["ingest_chunks_per_s"] > 0 and row["peak_memory_mb"] > 0
        assert 0 < row["total_p50_ms"] <= row["total_p95_ms"] and row["index_mb"] > 0
        assert len(row["total_p50_ms_per_pass"]) == QUESTION_PASSES
        assert min(row["total_p50_ms_per_pass"]) <= row["total_p95_ms"]
    assert ours["retrieve_p50_ms"] <= ours["total_p50_ms"]
    table = format_bench(result)
    assert table.startswith("Machine: ") and "| assistant |" in table
    assert "passes over the questions" in table
