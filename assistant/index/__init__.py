"""Stage 3: the SQLite store with its BM25 tables and the Chroma vector legs, in step."""

from assistant.index.index import Index
from assistant.index.lock import IndexBusyError
from assistant.index.vectors import IndexMismatchError

__all__ = ["Index", "IndexBusyError", "IndexMismatchError"]
