"""Stage 3, index: the SQLite store with its BM25 tables and the Chroma vector legs, kept in
step.

`Index(settings)` opens them; `sync` (sync.py) brings them in line with the files, `fill`
(fill.py) adds the vectors of the legs filled after the ingest, `check` (check.py) compares
and repairs. One writer at a time, across processes too: a sync, a removal, a repair or a
fill batch holds `writes` (lock.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path

import numpy as np

import assistant.index.legs as registry
from assistant.config import Settings
from assistant.index.check import CheckReport, check
from assistant.index.embedders import Embedder
from assistant.index.fill import fill
from assistant.index.lock import WriteLock
from assistant.index.store import Store
from assistant.index.sync import sync
from assistant.index.vectors import VectorLeg, chroma_client
from assistant.models import Chunk, IngestReport
from assistant.text.analysis import STOPWORDS, Analyzer

Progress = Callable[[str, int, int], None]


class Index:
    """The store, its lexical index and the dense legs switched on, for one settings.

    `embedders` replaces the registry's models by leg name (a test's fake embedder); the
    vectors' collections record the model's name, so they never mix with real ones.
    """

    def __init__(self, settings: Settings, embedders: Mapping[str, Embedder] | None = None):
        # every leg's fusion weight in these settings; refuses settings without any leg
        self.weights = registry.weights(settings)
        self.settings = settings
        self.store = Store(
            settings.store_path,
            Analyzer(
                stemming=settings.lexical_stemming,
                compounds=settings.lexical_compounds,
                split_closed=settings.lexical_split_closed_compounds,
            ),
        )
        self._given = dict(embedders or {})
        self._client = None
        self._legs: list[VectorLeg] | None = None
        self._lock = threading.RLock()
        # one writer at a time, in this process and any other: a sync, a removal, a fill batch
        self.writes = WriteLock(settings.index_dir / "writer.lock", settings.write_wait_seconds)
        self.filling = threading.Lock()  # one fill at a time

    @property
    def client(self):
        with self._lock:  # a warm-up thread and the first query may race
            if self._client is None:
                self._client = chroma_client(self.settings)
            return self._client

    @cached_property
    def embedders(self) -> dict[str, Embedder]:
        """The models of the dense legs switched on, by leg name (weights load lazily)."""
        return {
            leg.name: self._given.get(leg.name) or leg.embedder(self.settings)
            for leg in registry.dense_legs(self.settings)
        }

    @property
    def legs(self) -> list[VectorLeg]:
        """The dense legs switched on in the settings, in fusion order."""
        with self._lock:
            if self._legs is None:
                # One collection per leg whatever the model: the model's name is in the
                # collection's metadata, so another model is caught, never mixed in.
                prefix = self.settings.collection_prefix
                self._legs = [
                    VectorLeg(leg, self.embedders[leg.name], self.client,
                              f"{prefix}-{leg.collection}")
                    for leg in registry.dense_legs(self.settings)
                ]  # fmt: skip
            return self._legs

    @property
    def fast_legs(self) -> list[VectorLeg]:
        """The legs embedded while a document is written."""
        return [leg for leg in self.legs if not leg.deferred]

    @property
    def deferred_legs(self) -> list[VectorLeg]:
        """The legs filled after the ingest (`fill`)."""
        return [leg for leg in self.legs if leg.deferred]

    @property
    def vocabulary_embedder(self) -> Embedder | None:
        """The multilingual model that embeds the expansion vocabulary (None when off)."""
        return self.embedders.get(registry.USE)

    def close(self) -> None:
        self.store.close()

    def sync(
        self,
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        page_progress: Progress | None = None,
    ) -> IngestReport:
        """Bring the index in line with the files under `paths` (default: the corpus).

        `progress(file, number, files)` per file; `page_progress(file, page, pages)` per PDF
        page. The deferred legs are left to `fill`.
        """
        with self.writes:
            report = sync(self, paths, rebuild=rebuild, progress=progress,
                          page_progress=page_progress)  # fmt: skip
            if report.removed or report.updated:
                self.prune_vocabulary()
            return report

    def fill(self, progress: Progress | None = None, stop: threading.Event | None = None) -> int:
        """Embed the chunks the deferred legs do not hold yet; returns how many (fill.py)."""
        with self.filling:
            return fill(self, progress, stop)

    def check(self, repair: bool = False) -> CheckReport:
        """Compare the store with every Chroma collection; with repair, make them agree."""
        if not repair:
            return check(self, repair)
        with self.writes:
            return check(self, repair)

    def pending_vectors(self) -> int:
        """Chunks the deferred legs have not embedded yet (what `fill` would do)."""
        chunks = self.store.chunk_count()
        return sum(max(0, chunks - leg.collection.count()) for leg in self.deferred_legs)

    def remove(self, key: str) -> None:
        """Take one document out of the store and every vector leg."""
        with self.writes:
            ids = self.store.remove_document(key)
            for leg in self.legs:
                leg.delete(ids)
            self.prune_vocabulary()

    def prune_vocabulary(self) -> int:
        """Drop the expansion words no chunk holds any more; returns how many.

        A removed (or rewritten) document's words would otherwise stay in the vocabulary and
        keep expanding questions: after an upload and the removal of that same file the
        index would answer differently than before.
        """
        words: set[str] = set()
        for row in self.store.query("SELECT text FROM chunks"):
            words |= vocabulary_words(row["text"])
        stale = [
            r["word"] for r in self.store.query("SELECT word FROM vocab") if r["word"] not in words
        ]
        if stale:
            with self.store.transaction() as db:
                db.executemany("DELETE FROM vocab WHERE word = ?", [(w,) for w in stale])
        return len(stale)

    def add_vocabulary(self, chunks: list[Chunk]) -> None:
        """Embed the chunks' new words with USE, for cross-lingual and synonym expansion."""
        use = self.vocabulary_embedder
        if use is None:
            return
        words = {w for c in chunks for w in vocabulary_words(c.text)}
        missing = self.store.missing_vocab(words)
        if missing:
            self.store.add_vocab(missing, use.embed_documents(missing))

    def refresh_centroids(self, leg: VectorLeg, paths: set[str]) -> None:
        """Recompute the leg's document vectors (for the prior) from the stored vectors."""
        for path in sorted(paths):
            vectors = leg.vectors([c.id for c in self.store.chunks_of(path)])
            if vectors:
                centroid = np.vstack(list(vectors.values())).mean(axis=0)
                self.store.set_document_vector(path, leg.name, centroid)

    def chunk_vectors(self, leg: str, ids: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of chunks in one dense leg (those it holds)."""
        found = [vector_leg for vector_leg in self.legs if vector_leg.name == leg]
        return found[0].vectors(ids) if found and ids else {}


def vocabulary_words(text: str) -> set[str]:
    """Content words of a text for the expansion vocabulary: lower case, 4+ letters."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in STOPWORDS}
