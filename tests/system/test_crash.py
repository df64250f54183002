"""Crash safety: an ingest killed with SIGKILL at several points, then run again, leaves a
consistent index (no duplicates, no chunks of removed files, Chroma and BM25 in agreement)."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, seed_corpus

from assistant.config import Settings
from assistant.index import Index
from assistant.index.sync import SYNC_FLAG
from eval.distractors import write_distractors


@pytest.mark.slow
def test_ingest_killed_at_random_points_recovers(tmp_path):
    corpus = seed_corpus(tmp_path)
    write_distractors(corpus / "extra", documents=200, seed=7)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "idx")
    # --no-fill: the writes are what a kill can break; the E5 fill (~7 min here) only adds
    # vectors to chunks already written, and `check` counts what it left as pending
    command = [sys.executable, "-m", "assistant", "ingest", "--json", "--no-fill",
               "--index-dir", str(settings.index_dir), "--corpus-dir", str(corpus)]  # fmt: skip
    rng = random.Random(2026)
    kills = 0
    for attempt in range(4):
        proc = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(2, 8))  # start-up takes ~2 s; the ingest itself ~30 s
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        if attempt == 1:
            # a file removed between crashes must leave the index too
            (corpus / "extra" / "distractor-0003.txt").unlink()
    assert kills >= 2, "the ingest finished before it could be killed: make the corpus larger"

    final = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert final.returncode == 0, final.stderr
    report = json.loads(final.stdout)
    assert report["documents"] == 2 + 199 and report["failed"] == []

    index = Index(settings)
    try:
        check = index.check()
        assert check.consistent, check.to_dict()
        ids = [c.id for d in index.store.documents() for c in index.store.chunks_of(d.path)]
        assert len(ids) == len(set(ids)) == check.chunks
        assert index.store.document("extra/distractor-0003.txt") is None
        assert not index.store.get_setting(SYNC_FLAG)
    finally:
        index.close()
