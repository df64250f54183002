"""One writer per index, across processes: a second process waits for the first, and one
that waits too long is told so in Dutch with nothing lost. The other process is a real one
holding the real lock file."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace

import pytest
from conftest import REPO
from fakes import fake_parts

from assistant.index.lock import IndexBusyError, WriteLock
from assistant.service import Assistant

HOLD = """
import sys
from pathlib import Path
from assistant.index.lock import WriteLock
with WriteLock(Path(sys.argv[1]), 0):
    print("held", flush=True)
    sys.stdin.read()  # until the test closes it
"""
UPLOAD = "Munitie\n\nDe productie van munitie in Nederland verdubbelt in 2027 volgens Defensie.\n"


def hold_lock(path):
    """A second process that holds the lock at `path` until its stdin closes."""
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_write_waits_for_another_process_and_gives_up_in_dutch_with_nothing_lost(
    seeded, tmp_path
):
    assistant = Assistant(replace(seeded, write_wait_seconds=0.5), **fake_parts())
    assistant.ingest()
    before = assistant.index.store.chunk_count()
    source = tmp_path / "munitie.txt"
    source.write_text(UPLOAD)
    child = hold_lock(assistant.index.writes.path)
    try:
        with pytest.raises(IndexBusyError) as caught:
            assistant.add_files([("munitie.txt", source)])
        text = str(caught.value)
        assert "ander proces" in text and "niets verloren" in text and "corpusmap" in text
        assert (seeded.corpus_dir / "munitie.txt").read_text() == UPLOAD  # kept for later
        assert assistant.index.store.chunk_count() == before
        assert assistant.index.store.document("munitie.txt") is None
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    report = assistant.ingest()  # the other process is done: the file goes in now
    assert report.added == 1
    assert assistant.index.store.document("munitie.txt") is not None
    assistant.close()


def test_the_lock_is_reentrant_in_a_thread_and_exclusive_between_threads(tmp_path):
    lock = WriteLock(tmp_path / "writer.lock", 5)
    entered = threading.Event()

    def other():
        with lock:
            entered.set()

    with lock, lock:  # re-entrant: a sync that repairs first takes it twice
        thread = threading.Thread(target=other)
        thread.start()
        assert not entered.wait(0.3)
    assert entered.wait(5)
    thread.join()


def test_a_negative_wait_is_refused_in_dutch(tmp_path):
    with pytest.raises(ValueError, match="write_wait_seconds"):
        WriteLock(tmp_path / "writer.lock", -1)
