"""One writer per index, across threads and processes.

A sync, a removal, a repair or a fill batch holds `Index.writes`. A second process on the
same index (the workspace beside a CLI ingest) waits for the first: otherwise it would take
the other's half-written index for one a crash left behind and "repair" it meanwhile. The
lock is the operating system's, on a file beside the store, so a killed writer never leaves
it held.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from filelock import FileLock, Timeout

from assistant import messages

log = logging.getLogger(__name__)


class IndexBusyError(RuntimeError):
    """Another process kept writing to the index longer than the wait allows."""


class WriteLock:
    """Re-entrant within a thread, exclusive between threads and between processes; waits
    at most `wait_seconds` for another process before IndexBusyError."""

    def __init__(self, path: Path, wait_seconds: float) -> None:
        if wait_seconds < 0:
            raise ValueError(messages.setting_at_least("write_wait_seconds", 0))
        self.path = path
        self.wait_seconds = wait_seconds
        self._thread = threading.RLock()
        # one thread at a time reaches the file lock (under `_thread`), so its count need
        # not be per thread
        self._file = FileLock(str(path), thread_local=False)
        self._depth = 0

    def __enter__(self) -> WriteLock:
        self._thread.acquire()
        if self._depth == 0:
            try:
                self._acquire_file()
            except BaseException:
                self._thread.release()
                raise
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._file.release()
        self._thread.release()

    def _acquire_file(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._file.acquire(timeout=0)
            return
        except Timeout:
            log.warning(messages.LOG_WAITING_FOR_WRITER)
        try:
            self._file.acquire(timeout=self.wait_seconds)
        except Timeout:
            raise IndexBusyError(messages.index_busy(self.wait_seconds)) from None
