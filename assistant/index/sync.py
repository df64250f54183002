"""Bring the index in line with the files: `sync(index, paths)`.

Per file: unchanged content (same SHA-256) is skipped, changed content replaces its chunks,
deleted files leave the index, and catalog edits update metadata without re-embedding.
Writes go Chroma first, then the SQLite store in one transaction (the source of truth), then
stale vectors are deleted; after a crash `check(repair=True)`, run automatically by the next
sync, brings Chroma back in line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant import messages
from assistant.index.store import SCHEMA_VERSION
from assistant.index.vectors import IndexMismatchError
from assistant.ingest import ocr
from assistant.ingest.catalog import apply_catalog, load_catalog
from assistant.ingest.chunking import chunk_document
from assistant.ingest.document import EXTRACTION_VERSION, load_document
from assistant.ingest.files import (
    IngestError,
    check_file,
    collect_files,
    document_file,
    document_key,
    file_sha256,
    is_within,
)
from assistant.models import Chunk, Document, IngestFailure, IngestReport

if TYPE_CHECKING:
    from assistant.index.index import Index, Progress

log = logging.getLogger(__name__)

SYNC_FLAG = "sync_in_progress"  # set while a sync writes; left set when a batch failed
EXTRACTION = "extraction_version"  # the EXTRACTION_VERSION all indexed files were read with
WRITE_BATCH_CHUNKS = 512  # chunks embedded and written to Chroma per call


@dataclass
class _Pending:
    """A document read and chunked, waiting for its batch to be embedded and written."""

    document: Document
    chunks: list[Chunk]
    outcome: str  # "added" or "updated"


def sync(
    index: Index,
    paths: list[Path] | None,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    page_progress: Progress | None = None,
) -> IngestReport:
    """The caller holds `index.writes`."""
    corpus = index.settings.corpus_dir
    report = IngestReport()
    _prepare(index, rebuild)
    index.store.set_setting(SYNC_FLAG, "1")
    files, scanned_dirs = collect_files(paths or [corpus])
    catalog = _catalogs([corpus, *scanned_dirs], corpus, report)
    # a machine that gains Tesseract reads its scans: every file is read again once
    version = EXTRACTION_VERSION + ("+ocr" if ocr.available() else "")
    reread = index.store.get_setting(EXTRACTION) != version
    report.removed = _remove_missing(index, scanned_dirs, corpus)

    batch: list[_Pending] = []
    clean = True  # False when a batch failed half-way: the next sync repairs first
    for number, file in enumerate(files, start=1):
        key = document_key(file, corpus)
        if progress:
            progress(key, number, len(files))
        pages = (
            (lambda page, total, key=key: page_progress(key, page, total))
            if page_progress
            else None
        )
        try:
            outcome = _sync_file(index, file, key, catalog, pages, batch, reread)
        except IngestError as exc:
            report.failed.append(IngestFailure(key, str(exc)))
            continue
        except Exception as exc:  # one bad file never stops the others
            log.exception(messages.LOG_FILE_FAILED, key)
            report.failed.append(IngestFailure(key, messages.unexpected_failure(exc)))
            continue
        if isinstance(outcome, _Pending):
            report.warnings += [IngestFailure(key, note) for note in outcome.document.notes]
            batch.append(outcome)
            if sum(len(p.chunks) for p in batch) >= WRITE_BATCH_CHUNKS:
                clean &= _write(index, batch, report)
                batch = []
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
    clean &= _write(index, batch, report)

    index.store.set_setting(SYNC_FLAG, None if clean else "1")
    if clean and paths is None:  # every file read anew (a file that failed is read next time)
        index.store.set_setting(EXTRACTION, version)
    report.documents = len(index.store.documents())
    report.chunks = index.store.chunk_count()
    return report


def _catalogs(folders: list[Path], corpus: Path, report: IngestReport) -> dict[str, dict]:
    """The catalog.toml of the corpus and of every folder ingested, keyed by document key:
    a folder ingested from elsewhere keeps its curator's titles and types. A folder's own
    catalog wins over the corpus's for its files."""
    merged: dict[str, dict] = {}
    seen: set[Path] = set()
    for folder in folders:
        path = folder / "catalog.toml"
        if path.resolve() in seen or not path.is_file():
            continue
        seen.add(path.resolve())
        try:
            entries = load_catalog(path)
        except IngestError as exc:
            report.failed.append(IngestFailure(str(path), str(exc)))
            continue
        for name, entry in entries.items():
            merged[document_key(folder / name, corpus)] = entry
    return merged


def _prepare(index: Index, rebuild: bool) -> None:
    """Rebuild an index of an older layout or model; repair one a crash left behind."""
    store = index.store
    if store.outdated:
        log.warning(messages.LOG_REBUILD_OUTDATED)
        rebuild = True
    for leg in index.legs:
        try:
            leg.collection  # noqa: B018 (opening it checks the model)
        except IndexMismatchError as exc:
            log.warning(messages.LOG_REBUILD_MODEL, exc)
            rebuild = True
    if rebuild:
        for leg in index.legs:
            leg.drop()
        for doc in store.documents():
            store.remove_document(doc.path)
        store.set_setting("schema_version", SCHEMA_VERSION)
    elif store.get_setting(SYNC_FLAG):
        log.warning(messages.LOG_REPAIR_UNFINISHED)
        index.check(repair=True)
    elif _out_of_step(index):
        log.warning(messages.LOG_REPAIR_OUT_OF_STEP)
        index.check(repair=True)


def _sync_file(index: Index, file: Path, key: str, catalog: dict, page_progress,
               batch: list[_Pending], reread: bool = False) -> str | _Pending:  # fmt: skip
    """ "unchanged" or "updated" (metadata only), or the new content, pending its write.
    With `reread`, a file whose content did not change is read again all the same (the
    code that reads files changed since it was indexed)."""
    check_file(file)
    sha = file_sha256(file)
    store = index.store
    existing = store.document(key)
    if existing and existing.sha256 == sha and not reread:
        meta = apply_catalog(existing.extracted_meta, catalog.get(key))
        if meta != existing.meta:
            store.update_meta(key, meta)
            chunks = store.chunks_of(key)
            for leg in index.legs:
                leg.update_metadata(chunks, meta)
            return "updated"
        return "unchanged"
    twin = store.document_by_sha(sha)
    twin_path = (
        twin.path
        if twin
        else next((p.document.path for p in batch if p.document.sha256 == sha), None)
    )
    if twin_path and twin_path != key:
        raise IngestError(messages.duplicate_of(twin_path))

    document = load_document(file, key, catalog, max_pdf_pages=index.settings.max_pdf_pages,
                             progress=page_progress, sha256=sha)  # fmt: skip
    chunks = chunk_document(document)
    if not chunks:
        raise IngestError(messages.NO_CHUNKS)
    return _Pending(document, chunks, "updated" if existing else "added")


def _write(index: Index, batch: list[_Pending], report: IngestReport) -> bool:
    """Embed and write a batch of documents: Chroma first (one call per leg, which costs
    far less than one per document), then the store one document per transaction, then
    the stale vectors. A failure fails the documents of this batch only; returns whether
    the batch was written whole."""
    if not batch:
        return True
    chunks = [c for p in batch for c in p.chunks]
    metas = [p.document.meta for p in batch for _ in p.chunks]
    written: set[str] = set()
    try:
        index.add_vocabulary(chunks)
        vectors = {leg.name: leg.add(chunks, metas) for leg in index.fast_legs}
        start = 0
        for pending in batch:
            end = start + len(pending.chunks)
            centroids = {name: v[start:end].mean(axis=0) for name, v in vectors.items()}
            start = end
            ids = [c.id for c in pending.chunks]
            # a document read again keeps the filled vectors of its unchanged chunks; a new
            # one has none yet, so only documents already indexed are looked up
            for leg in index.deferred_legs if pending.outcome == "updated" else []:
                held = leg.vectors(ids)
                if len(held) == len(ids):
                    centroids[leg.name] = np.vstack(list(held.values())).mean(axis=0)
            old_ids = index.store.replace_document(pending.document, pending.chunks, centroids)
            stale = sorted(set(old_ids) - {c.id for c in pending.chunks})
            for leg in index.legs:
                leg.delete(stale)
            setattr(report, pending.outcome, getattr(report, pending.outcome) + 1)
            written.add(pending.document.path)
        return True
    except Exception as exc:  # the next sync repairs what a half-written batch left
        log.exception(messages.LOG_BATCH_FAILED, len(batch))
        for pending in batch:
            if pending.document.path not in written:
                report.failed.append(
                    IngestFailure(pending.document.path, messages.write_failed(exc))
                )
        return False


def _out_of_step(index: Index) -> bool:
    """A fast leg with another count than the store, or a deferred leg with more."""
    chunks = index.store.chunk_count()
    return any(
        leg.collection.count() > chunks if leg.deferred else leg.collection.count() != chunks
        for leg in index.legs
    )


def _remove_missing(index: Index, scanned_dirs: list[Path], corpus: Path) -> int:
    removed = 0
    for doc in index.store.documents():
        file = document_file(doc.path, corpus)
        under_scan = any(is_within(file, d) for d in scanned_dirs)
        if under_scan and not file.exists():
            index.remove(doc.path)
            removed += 1
    return removed
