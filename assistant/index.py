"""Stage 3, index: keep the SQLite store, its BM25 table and the Chroma vectors in step.

Entry point: `Index(settings).sync(paths)`. Per file: unchanged content (same SHA-256) is
skipped, changed content replaces its chunks, deleted files leave the index, and catalog
edits update metadata without re-embedding. Writes go Chroma first, then the SQLite store
in one transaction (the source of truth), then stale vectors are deleted; after a crash
`check(repair=True)`, run automatically by the next sync, brings Chroma back in line.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.analysis import STOPWORDS, Analyzer
from assistant.chunk import chunk_document
from assistant.config import Settings
from assistant.embed import E5Embedder, SentenceTransformerEmbedder, USEEmbedder
from assistant.ingest import (
    SUPPORTED_SUFFIXES,
    IngestError,
    apply_catalog,
    file_sha256,
    load_catalog,
    load_document,
)
from assistant.models import Chunk, Document, DocumentMeta, Filters, IngestFailure, IngestReport
from assistant.store import SCHEMA_VERSION, Store, date_int

log = logging.getLogger(__name__)

FileProgress = Callable[[str, int, int], None]
_SYNC_FLAG = "sync_in_progress"
# collection name suffix per dense leg
COLLECTIONS = {"use": "use-m3", "st": "st", "e5": "e5-small"}
# Legs whose model is too slow to embed inside an ingest (multilingual-e5-small: ~12 chunks/s
# on 2 cores, USE ~230): a document is searchable through BM25 and the fast legs as soon as
# it is written, and `Index.fill` adds these vectors afterwards, in batches.
DEFERRED_LEGS = frozenset({"e5"})
FILL_BATCH_CHUNKS = 64


class IndexMismatchError(RuntimeError):
    """The index was built with another embedding model than the settings name."""


def dense_embedders(settings: Settings) -> dict:
    """The dense models switched on in the settings, by leg name (weights load lazily)."""
    models = {
        "use": USEEmbedder,
        "st": lambda: SentenceTransformerEmbedder(settings.embed_model),
        "e5": E5Embedder,
    }
    return {name: models[name]() for name in settings.dense_legs}


def primary_embedder(settings: Settings):
    """The first dense model of the settings (what llama-index pipelines are given)."""
    embedders = dense_embedders(settings)
    if not embedders:
        raise ValueError("no dense leg is switched on in the settings")
    return next(iter(embedders.values()))


def chroma_client(settings: Settings):
    """A Chroma client for the settings: a server when a host is set, else a local folder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class VectorLeg:
    """One embedding model and its Chroma collection, written and read through llama-index."""

    def __init__(self, name: str, embedder, client, collection_name: str) -> None:
        self.name = name
        self.embedder = embedder
        self.deferred = name in DEFERRED_LEGS  # filled after the ingest by `Index.fill`
        self.collection_name = collection_name
        self._client = client
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            # embedding_function=None: chroma must never fall back to its default model
            collection = self._client.get_or_create_collection(
                self.collection_name,
                metadata={"embed_model": self.embedder.name},
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
            built_with = (collection.metadata or {}).get("embed_model")
            if built_with != self.embedder.name:
                raise IndexMismatchError(
                    f"collection {self.collection_name} holds vectors of {built_with!r}, not "
                    f"{self.embedder.name!r}; run `python -m assistant ingest --rebuild`"
                )
            self._collection = collection
        return self._collection

    @property
    def vector_store(self):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    def drop(self) -> None:
        with contextlib.suppress(Exception):  # not there: nothing to drop
            self._client.delete_collection(self.collection_name)
        self._collection = None

    def add(self, chunks: list[Chunk], metas: list[DocumentMeta]) -> np.ndarray:
        """Embed and store the chunks; returns their vectors (for the document centroid)."""
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.embed(chunks, metas)
        self.write(chunks, metas, vectors)
        return vectors

    def embed(self, chunks: list[Chunk], metas: list[DocumentMeta]) -> np.ndarray:
        """The chunks' vectors: each chunk embedded with its document title and heading."""
        texts = [c.context_text(m.title) for c, m in zip(chunks, metas, strict=True)]
        return self.embedder.embed_documents(texts)

    def write(self, chunks: list[Chunk], metas: list[DocumentMeta], vectors: np.ndarray) -> None:
        """Store chunks with their vectors (an id already there gets the new vector)."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=c.id,
                text=c.text,
                embedding=v.tolist(),
                metadata=vector_metadata(c, m),
                excluded_embed_metadata_keys=["doc_path"],
            )
            for c, m, v in zip(chunks, metas, vectors, strict=True)
        ]
        self.delete([c.id for c in chunks])  # chroma's add keeps an existing id's old vector
        self.vector_store.add(nodes)

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 5000):
            batch = ids[start : start + 5000]
            if batch:
                self.collection.delete(ids=batch)

    def update_metadata(self, chunks: list[Chunk], meta: DocumentMeta) -> None:
        if chunks:
            self.collection.update(
                ids=[c.id for c in chunks], metadatas=[vector_metadata(c, meta) for c in chunks]
            )

    def ids(self) -> set[str]:
        found: set[str] = set()
        offset, page = 0, 20000
        while True:
            batch = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            found.update(batch)
            if len(batch) < page:
                return found
            offset += page

    def search(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, for a query vector of this leg's model.

        Reads go to the Chroma collection directly (writes go through llama-index): the
        query path then never imports llama-index, which costs ~1.5 s per one-shot `ask`.
        Chroma's metadata filter scans every row (~150-650 ms at 100,000 chunks), so a
        filtered search first asks for 5k neighbours without it and keeps those that pass;
        only when fewer than k pass does Chroma filter.
        """
        where = chroma_where(filters)
        if where is None:
            return [(cid, sim) for cid, sim, _ in self._query(vector, k, None)]
        wide = self._query(vector, 5 * k, None, metadatas=True)
        kept = [(cid, sim) for cid, sim, meta in wide if passes(meta, filters)]
        if len(kept) >= k:
            return kept[:k]
        return [(cid, sim) for cid, sim, _ in self._query(vector, k, where)]

    def _query(self, vector: np.ndarray, k: int, where: dict | None, metadatas: bool = False):
        """(id, similarity, metadata) best first; fetching metadata costs ~5x the search."""
        result = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=k,
            where=where,
            include=["distances", "metadatas"] if metadatas else ["distances"],
        )
        metas = result.get("metadatas") or [[{}] * len(result["ids"][0])]
        # chroma's cosine distance is 1 - similarity
        return [
            (cid, 1.0 - float(distance), meta or {})
            for cid, distance, meta in zip(
                result["ids"][0], result["distances"][0], metas[0], strict=True
            )
        ]


def passes(meta: dict, filters: Filters) -> bool:
    """Whether a vector's metadata satisfies the filters (what `chroma_where` asks Chroma)."""
    date = meta.get("date", 0)
    return (
        (not filters.doc_types or meta.get("doc_type") in filters.doc_types)
        and (not filters.documents or meta.get("doc_path") in filters.documents)
        and (not filters.date_from or date >= date_int(filters.date_from))
        and (not filters.date_to or date <= date_int(filters.date_to))
    )


def vector_metadata(chunk: Chunk, meta: DocumentMeta) -> dict:
    return {
        "doc_path": chunk.doc_path,
        "doc_type": meta.doc_type,
        "date": date_int(meta.date),
        "page": chunk.page if chunk.page is not None else -1,
        "position": chunk.position,
    }


def chroma_where(filters: Filters) -> dict | None:
    """The filters as a Chroma `where` clause over the vector metadata (None when none)."""
    parts: list[dict] = []
    if filters.doc_types:
        parts.append({"doc_type": {"$in": list(filters.doc_types)}})
    if filters.documents:
        parts.append({"doc_path": {"$in": list(filters.documents)}})
    if filters.date_from:
        parts.append({"date": {"$gte": date_int(filters.date_from)}})
    if filters.date_to:
        parts.append({"date": {"$lte": date_int(filters.date_to)}})
    if len(parts) > 1:
        return {"$and": parts}
    return parts[0] if parts else None


WRITE_BATCH_CHUNKS = 512  # chunks embedded and written to Chroma per call


@dataclass
class _Pending:
    """A document read and chunked, waiting for its batch to be embedded and written."""

    document: Document
    chunks: list[Chunk]
    outcome: str  # "added" or "updated"


@dataclass
class CheckReport:
    """Differences between the store and each Chroma collection."""

    chunks: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # in the store, not in chroma
    orphaned: dict[str, int] = field(default_factory=dict)  # in chroma, not in the store
    # in the store, not yet embedded by a deferred leg: `fill` (run by ingest) adds them
    pending: dict[str, int] = field(default_factory=dict)
    lexical_rows: int = 0  # BM25 rows; must equal the number of chunks
    repaired: bool = False

    @property
    def consistent(self) -> bool:
        return (
            not any(self.missing.values())
            and not any(self.orphaned.values())
            and self.lexical_rows == self.chunks
        )

    def to_dict(self) -> dict:
        return {
            "consistent": self.consistent,
            "chunks": self.chunks,
            "missing": self.missing,
            "orphaned": self.orphaned,
            "pending": self.pending,
            "lexical_rows": self.lexical_rows,
            "repaired": self.repaired,
        }


class Index:
    """The store, its lexical index and the vector legs, for one settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(
            settings.store_path,
            Analyzer(
                stemming=settings.lexical_stemming,
                compounds=settings.lexical_compounds,
                split_closed=settings.lexical_split_closed_compounds,
            ),
        )
        self._client = None
        self._legs: list[VectorLeg] | None = None
        self._lock = threading.RLock()
        self._writes = threading.RLock()  # one writer at a time: a sync, a removal, a fill batch
        self._filling = threading.Lock()  # one fill at a time

    @property
    def client(self):
        with self._lock:  # a warm-up thread and the first query may race
            if self._client is None:
                self._client = chroma_client(self.settings)
            return self._client

    @cached_property
    def embedders(self) -> dict:
        """The dense models switched on in the settings, by leg name (loaded lazily)."""
        return dense_embedders(self.settings)

    @property
    def legs(self) -> list[VectorLeg]:
        """The dense legs switched on in the settings: USE, MiniLM (optional), E5."""
        with self._lock:
            if self._legs is None:
                # One collection per leg whatever the model: the model's name is in the
                # collection's metadata, so another model is caught, never mixed in.
                prefix = self.settings.collection_prefix
                self._legs = [
                    VectorLeg(name, embedder, self.client, f"{prefix}-{COLLECTIONS[name]}")
                    for name, embedder in self.embedders.items()
                ]
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
    def use_embedder(self) -> USEEmbedder | None:
        """The multilingual model, which also embeds the expansion vocabulary."""
        return self.embedders.get("use")

    def close(self) -> None:
        self.store.close()

    # --- sync -------------------------------------------------------------------------------

    def sync(
        self,
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: FileProgress | None = None,
        page_progress: FileProgress | None = None,
    ) -> IngestReport:
        """Bring the index in line with the files under `paths` (default: the corpus).

        `progress(file, number, files)` per file; `page_progress(file, page, pages)` per PDF
        page, so a 2,000-page PDF shows where it is. The deferred legs are left to `fill`.
        """
        with self._writes:
            return self._sync(paths, rebuild, progress, page_progress)

    def _sync(self, paths, rebuild, progress, page_progress) -> IngestReport:
        corpus = self.settings.corpus_dir
        paths = paths or [corpus]
        report = IngestReport()
        if self.store.outdated:
            log.warning("the index was built by an older version; rebuilding it")
            rebuild = True
        for leg in self.legs:
            try:
                leg.collection  # noqa: B018 (opening it checks the model)
            except IndexMismatchError as exc:
                log.warning("%s; rebuilding the index", exc)
                rebuild = True
        if rebuild:
            for leg in self.legs:
                leg.drop()
            for doc in self.store.documents():
                self.store.remove_document(doc["path"])
            self.store.set_setting("schema_version", SCHEMA_VERSION)
        elif self.store.get_setting(_SYNC_FLAG):
            log.warning("the previous ingest did not finish; repairing the index first")
            self.check(repair=True)
        elif self._out_of_step():
            log.warning("a vector collection is out of step (a leg switched on?); repairing")
            self.check(repair=True)
        self.store.set_setting(_SYNC_FLAG, "1")

        try:
            catalog = load_catalog(self.settings.catalog_path)
        except IngestError as exc:
            report.failed.append(IngestFailure(str(self.settings.catalog_path), str(exc)))
            catalog = {}
        files, scanned_dirs = _collect_files(paths)
        report.removed = self._remove_missing(scanned_dirs, corpus)

        batch: list[_Pending] = []
        clean = True  # False when a batch failed half-way: the next sync repairs first
        for number, file in enumerate(files, start=1):
            key = document_key(file, corpus)
            if progress:
                progress(key, number, len(files))
            try:
                outcome = self._sync_file(file, key, catalog, page_progress, batch)
            except IngestError as exc:
                report.failed.append(IngestFailure(key, str(exc)))
                continue
            except Exception as exc:  # one bad file never stops the others
                log.exception("unexpected failure on %s", key)
                report.failed.append(IngestFailure(key, f"onverwachte fout: {exc!r}"))
                continue
            if isinstance(outcome, _Pending):
                batch.append(outcome)
                if sum(len(p.chunks) for p in batch) >= WRITE_BATCH_CHUNKS:
                    clean &= self._write(batch, report)
                    batch = []
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
        clean &= self._write(batch, report)

        self.store.set_setting(_SYNC_FLAG, None if clean else "1")
        report.documents = len(self.store.documents())
        report.chunks = self.store.chunk_count()
        return report

    def _sync_file(
        self,
        file: Path,
        key: str,
        catalog: dict,
        page_progress: FileProgress | None,
        batch: list[_Pending],
    ) -> str | _Pending:
        """ "unchanged" or "updated" (metadata only), or the new content, pending its write."""
        if file.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise IngestError(f"bestandstype {file.suffix or '(geen)'} niet ondersteund")
        if not file.is_file():
            raise IngestError("bestand bestaat niet")
        sha = file_sha256(file)
        existing = self.store.document(key)
        if existing and existing["sha256"] == sha:
            extracted = DocumentMeta(**json.loads(existing["extracted_meta"]))
            meta = apply_catalog(extracted, catalog.get(key))
            if meta != _stored_meta(existing):
                self.store.update_meta(key, meta)
                chunks = self.store.chunks_of(key)
                for leg in self.legs:
                    leg.update_metadata(chunks, meta)
                return "updated"
            return "unchanged"
        twin = self.store.document_by_sha(sha)
        twin_path = (
            twin["path"]
            if twin
            else next((p.document.path for p in batch if p.document.sha256 == sha), None)
        )
        if twin_path and twin_path != key:
            raise IngestError(f"zelfde inhoud als {twin_path}: niet dubbel geïndexeerd")

        document = load_document(
            file,
            key,
            catalog,
            max_pdf_pages=self.settings.max_pdf_pages,
            progress=(lambda page, pages: page_progress(key, page, pages))
            if page_progress
            else None,
        )
        chunks = chunk_document(document)
        if not chunks:
            raise IngestError("levert geen tekstfragmenten op (te weinig lopende tekst)")
        return _Pending(document, chunks, "updated" if existing else "added")

    def _write(self, batch: list[_Pending], report: IngestReport) -> bool:
        """Embed and write a batch of documents: Chroma first (one call per leg, which costs
        far less than one per document), then the store one document per transaction, then
        the stale vectors. A failure fails the documents of this batch only; returns
        whether the batch was written whole."""
        if not batch:
            return True
        chunks = [c for p in batch for c in p.chunks]
        metas = [p.document.meta for p in batch for _ in p.chunks]
        written: set[str] = set()
        try:
            self._add_vocabulary(chunks)
            vectors = {leg.name: leg.add(chunks, metas) for leg in self.fast_legs}
            start = 0
            for pending in batch:
                end = start + len(pending.chunks)
                centroids = {name: v[start:end].mean(axis=0) for name, v in vectors.items()}
                start = end
                old_ids = self.store.replace_document(pending.document, pending.chunks, centroids)
                stale = sorted(set(old_ids) - {c.id for c in pending.chunks})
                for leg in self.legs:
                    leg.delete(stale)
                setattr(report, pending.outcome, getattr(report, pending.outcome) + 1)
                written.add(pending.document.path)
            return True
        except Exception as exc:  # the next sync repairs what a half-written batch left
            log.exception("writing a batch of %d documents failed", len(batch))
            for pending in batch:
                if pending.document.path not in written:
                    report.failed.append(
                        IngestFailure(pending.document.path, f"schrijven mislukt: {exc!r}")
                    )
            return False

    def _out_of_step(self) -> bool:
        """A fast leg with another count than the store, or a deferred leg with more."""
        chunks = self.store.chunk_count()
        return any(
            leg.collection.count() > chunks if leg.deferred else leg.collection.count() != chunks
            for leg in self.legs
        )

    def pending_vectors(self) -> int:
        """Chunks the deferred legs have not embedded yet (what `fill` would do)."""
        chunks = self.store.chunk_count()
        return sum(max(0, chunks - leg.collection.count()) for leg in self.deferred_legs)

    def fill(
        self, progress: FileProgress | None = None, stop: threading.Event | None = None
    ) -> int:
        """Embed the chunks the deferred legs (E5) do not hold yet; returns how many.

        Batches of FILL_BATCH_CHUNKS, document by document; the embedding runs outside the
        write lock and each batch is written under it, so questions and uploads go on
        meanwhile. A chunk removed in the meantime is not written. `stop` ends the fill
        between batches: the next fill goes on where this one stopped.
        `progress(leg, done, total)` after each batch.
        """
        with self._filling:
            return sum(self._fill_leg(leg, progress, stop) for leg in self.deferred_legs)

    def _fill_leg(self, leg: VectorLeg, progress, stop) -> int:
        filled = 0
        with self._writes:
            missing = sorted(self.store.chunk_ids() - leg.ids())
            doc_of = self.store.chunk_documents(missing)
        missing.sort(key=lambda cid: (doc_of.get(cid, ""), cid))
        left = Counter(doc_of.get(cid) for cid in missing)
        for start in range(0, len(missing), FILL_BATCH_CHUNKS):
            if stop is not None and stop.is_set():
                return filled
            ids = missing[start : start + FILL_BATCH_CHUNKS]
            found = self.store.chunks_by_id(ids)
            pairs = [found[i] for i in ids if i in found]
            vectors = leg.embed([c for c, _ in pairs], [m for _, m in pairs]) if pairs else []
            with self._writes:
                current = self.store.chunks_by_id([c.id for c, _ in pairs])
                keep = [i for i, (c, _) in enumerate(pairs) if c.id in current]
                if keep:
                    leg.write(
                        [pairs[i][0] for i in keep],
                        [current[pairs[i][0].id][1] for i in keep],
                        np.asarray(vectors)[keep],
                    )
                for cid in ids:
                    left[doc_of.get(cid)] -= 1
                done = {doc_of.get(cid) for cid in ids if left[doc_of.get(cid)] == 0}
                self._refresh_centroids(leg, {d for d in done if d})
            filled += len(keep)
            if progress:
                progress(leg.name, min(start + len(ids), len(missing)), len(missing))
        return filled

    def _add_vocabulary(self, chunks: list[Chunk]) -> None:
        """Embed the document's new words with USE, for cross-lingual and synonym expansion."""
        use = self.use_embedder
        if use is None:
            return
        words = {w for c in chunks for w in vocabulary_words(c.text)}
        missing = self.store.missing_vocab(words)
        if missing:
            self.store.add_vocab(missing, use.embed_documents(missing))

    def _remove_missing(self, scanned_dirs: list[Path], corpus: Path) -> int:
        removed = 0
        for doc in self.store.documents():
            file = document_file(doc["path"], corpus)
            under_scan = any(is_within(file, d) for d in scanned_dirs)
            if under_scan and not file.exists():
                self.remove(doc["path"])
                removed += 1
        return removed

    def remove(self, key: str) -> None:
        """Take one document out of the store and every vector leg."""
        with self._writes:
            ids = self.store.remove_document(key)
            for leg in self.legs:
                leg.delete(ids)

    def _refresh_centroids(self, leg: VectorLeg, paths: set[str]) -> None:
        """Recompute the leg's document vectors (for the prior) from the stored vectors."""
        for path in sorted(paths):
            ids = [c.id for c in self.store.chunks_of(path)]
            if ids:
                self.store.set_document_vector(path, leg.name, _centroid(leg, ids))

    # --- consistency ------------------------------------------------------------------------

    def check(self, repair: bool = False) -> CheckReport:
        """Compare the store with every Chroma collection; with repair, make them agree."""
        store_ids = self.store.chunk_ids()
        report = CheckReport(chunks=len(store_ids), lexical_rows=self.store.lexical_rows())
        if repair and report.lexical_rows != report.chunks:
            self.store.reanalyze()
        for leg in self.legs:
            chroma_ids = leg.ids()
            missing = sorted(store_ids - chroma_ids)
            orphaned = sorted(chroma_ids - store_ids)
            report.orphaned[leg.name] = len(orphaned)
            (report.pending if leg.deferred else report.missing)[leg.name] = len(missing)
            if not repair:
                continue
            leg.delete(orphaned)
            if leg.deferred:
                continue  # `fill` adds what a deferred leg lacks
            found = self.store.chunks_by_id(missing)
            pairs = [found[i] for i in missing if i in found]
            for start in range(0, len(pairs), 256):
                batch = pairs[start : start + 256]
                leg.add([c for c, _ in batch], [m for _, m in batch])
            self._refresh_centroids(leg, {c.doc_path for c, _ in pairs})
        if repair:
            report.repaired = True
            self.store.set_setting(_SYNC_FLAG, None)
        return report


def _centroid(leg: VectorLeg, ids: list[str]) -> np.ndarray:
    got = leg.collection.get(ids=ids, include=["embeddings"])
    return np.asarray(got["embeddings"], dtype=np.float32).mean(axis=0)


def vocabulary_words(text: str) -> set[str]:
    """Content words of a text for the expansion vocabulary: lower case, 4+ letters."""
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.lower()) if w not in STOPWORDS}


def _stored_meta(row: dict) -> DocumentMeta:
    return DocumentMeta(
        title=row["title"],
        doc_type=row["doc_type"],
        date=row["date"],
        kenmerk=row["kenmerk"],
        source_url=row["source_url"],
    )


def is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def document_key(file: Path, corpus: Path) -> str:
    """A document's identity: its path relative to the corpus, or absolute outside it."""
    try:
        return file.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return file.resolve().as_posix()


def document_file(key: str, corpus: Path) -> Path:
    path = Path(key)
    return path if path.is_absolute() else corpus / path


def _collect_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    files: list[Path] = []
    dirs: list[Path] = []
    for path in paths:
        if path.is_dir():
            dirs.append(path)
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, dirs
