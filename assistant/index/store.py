"""The SQLite store beside Chroma: documents, chunks, page texts, the BM25 tables
(`lexical.py`), document centroids and the expansion vocabulary.

It is the source of truth for what is indexed. The BM25 tables live in the same database,
so they change in the same transaction as the chunks and can never drift from them.
Chroma is reconciled against this store after a crash (`check.py`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.filters import Filters
from assistant.index.lexical import LexicalIndex, write_rows
from assistant.index.schema import ADDED_COLUMNS, SCHEMA
from assistant.models import Chunk, Document, DocumentMeta, DocumentRecord
from assistant.text.analysis import Analyzer

# A document's chunk rows as `lexical.write_rows` reads them.
_CHUNK_ROWS = (
    "SELECT rowid, section, context, text FROM chunks WHERE doc_path = ? ORDER BY position"
)
# Bumped when the layout or the analyser changes; an older index is rebuilt by the next sync.
SCHEMA_VERSION = "4"
# Leg names of earlier versions in the doc_vectors table, renamed in place on opening.
_OLD_LEG_NAMES = {"use": "usem3", "st": "minilm"}
_BATCH = 500  # ids per `IN (...)` query, below SQLite's limit on bound parameters


class Store:
    """SQLite database of documents and chunks with an FTS5 BM25 index."""

    def __init__(self, path: Path, analyzer: Analyzer | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.analyzer = analyzer or Analyzer()
        self._lock = threading.RLock()
        self._writes = 0
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        self._add_columns()
        if self.get_setting("schema_version") is None and not self.documents():
            self.set_setting("schema_version", SCHEMA_VERSION)

        marks = ",".join("?" * len(_OLD_LEG_NAMES))
        if self.query(f"SELECT 1 FROM doc_vectors WHERE leg IN ({marks}) LIMIT 1", _OLD_LEG_NAMES):
            with self.transaction() as db:
                for old, new in _OLD_LEG_NAMES.items():
                    db.execute(
                        "UPDATE OR REPLACE doc_vectors SET leg = ? WHERE leg = ?", (new, old)
                    )
        self.lexical = LexicalIndex(self)
        if self.get_setting("analyzer") != self.analyzer.signature:
            self.reanalyze()

    def _add_columns(self) -> None:
        """Columns added since an index was made (an answer's question and numbers): empty
        until the next full ingest reads the files again (EXTRACTION_VERSION)."""
        for table, column, kind in ADDED_COLUMNS:
            if column not in {r["name"] for r in self._db.execute(f"PRAGMA table_info({table})")}:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")

    def reanalyze(self) -> None:
        """Rebuild both BM25 tables from the stored chunks with the current analyser."""
        with self.transaction() as db:
            db.execute("DELETE FROM lexical")
            db.execute("DELETE FROM doc_lexical")
            docs = db.execute("SELECT rowid, path, title, author FROM documents").fetchall()
            for doc in docs:
                rows = db.execute(
                    _CHUNK_ROWS,
                    (doc["path"],),
                ).fetchall()
                title = DocumentMeta(title=doc["title"], author=doc["author"]).indexed_title
                write_rows(db, self.analyzer, doc["rowid"], title, rows)
            db.execute(
                "INSERT OR REPLACE INTO settings VALUES ('analyzer', ?)", (self.analyzer.signature,)
            )

    @property
    def outdated(self) -> bool:
        """True when the index was written by an older layout and must be rebuilt."""
        return self.get_setting("schema_version") != SCHEMA_VERSION

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            self._writes += 1

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # --- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    # --- documents --------------------------------------------------------------------------

    def documents(self, filters: Filters | None = None) -> list[DocumentRecord]:
        """The indexed documents (those the filters admit), by path."""
        where, params = (filters or Filters()).sql("d")
        rows = self.query(f"SELECT * FROM documents d WHERE 1 {where} ORDER BY path", params)
        return [_record(r) for r in rows]

    def document(self, path: str) -> DocumentRecord | None:
        rows = self.query("SELECT * FROM documents WHERE path = ?", (path,))
        return _record(rows[0]) if rows else None

    def document_by_sha(self, sha: str) -> DocumentRecord | None:
        rows = self.query("SELECT * FROM documents WHERE sha256 = ?", (sha,))
        return _record(rows[0]) if rows else None

    def replace_document(
        self,
        document: Document,
        chunks: list[Chunk],
        centroids: dict[str, np.ndarray] | None = None,
    ) -> list[str]:
        """Store a document, its chunks and per-leg centroid vectors in one transaction.

        Returns the ids of the chunks it replaced.
        """
        meta = document.meta
        with self.transaction() as db:
            old = [
                r[0]
                for r in db.execute("SELECT id FROM chunks WHERE doc_path = ?", (document.path,))
            ]
            self._delete_rows(db, document.path)
            db.execute(
                "INSERT INTO documents (path, sha256, title, doc_type, date, kenmerk, source_url,"
                " file_type, extracted_meta, pages, chunks, author)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    document.path, document.sha256, meta.title, meta.doc_type, meta.date,
                    meta.kenmerk, meta.source_url, document.file_type,
                    json.dumps(document.extracted_meta.to_dict()), len(document.pages), len(chunks),
                    meta.author,
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO pages (doc_path, idx, number, text, label) VALUES (?,?,?,?,?)",
                [
                    (document.path, i, p.number, p.text, p.label)
                    for i, p in enumerate(document.pages)
                ],
            )
            doc_rowid = db.execute(
                "SELECT rowid FROM documents WHERE path = ?", (document.path,)
            ).fetchone()[0]
            db.executemany(
                "INSERT INTO doc_vectors VALUES (?,?,?)",
                [
                    (document.path, leg, np.asarray(vec, np.float32).tobytes())
                    for leg, vec in (centroids or {}).items()
                ],
            )
            page_idx = {p.number: i for i, p in enumerate(document.pages)}
            db.executemany(
                "INSERT INTO chunks (id, doc_path, position, text, page, page_idx, section,"
                ' start, "end", context, answers, ocr, page_label)'
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        c.id, c.doc_path, c.position, c.text, c.page, page_idx.get(c.page, 0),
                        c.section, c.start, c.end, c.context, c.answers, int(c.ocr), c.page_label,
                    )
                    for c in chunks
                ],
            )  # fmt: skip
            rows = db.execute(
                _CHUNK_ROWS,
                (document.path,),
            ).fetchall()
            write_rows(db, self.analyzer, doc_rowid, meta.indexed_title, rows)
        return old

    @staticmethod
    def _delete_rows(db: sqlite3.Connection, path: str) -> None:
        db.execute(
            "DELETE FROM lexical WHERE rowid IN (SELECT rowid FROM chunks WHERE doc_path = ?)",
            (path,),
        )
        db.execute("DELETE FROM chunks WHERE doc_path = ?", (path,))
        db.execute(
            "DELETE FROM doc_lexical WHERE rowid IN (SELECT rowid FROM documents WHERE path = ?)",
            (path,),
        )
        db.execute("DELETE FROM doc_vectors WHERE doc_path = ?", (path,))
        db.execute("DELETE FROM pages WHERE doc_path = ?", (path,))
        db.execute("DELETE FROM documents WHERE path = ?", (path,))

    def remove_document(self, path: str) -> list[str]:
        """Remove a document; returns the ids of its chunks (to remove from Chroma too)."""
        with self.transaction() as db:
            ids = [r[0] for r in db.execute("SELECT id FROM chunks WHERE doc_path = ?", (path,))]
            self._delete_rows(db, path)
        return ids

    def update_meta(self, path: str, meta: DocumentMeta) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE documents SET title=?, doc_type=?, date=?, kenmerk=?, source_url=?,"
                " author=? WHERE path=?",
                (meta.title, meta.doc_type, meta.date, meta.kenmerk, meta.source_url,
                 meta.author, path),
            )  # fmt: skip
            db.execute(
                "UPDATE doc_lexical SET title = ? WHERE rowid IN"
                " (SELECT rowid FROM documents WHERE path = ?)",
                (" ".join(self.analyzer(meta.indexed_title)), path),
            )
            rows = db.execute(
                "SELECT rowid, section, context FROM chunks WHERE doc_path = ?", (path,)
            ).fetchall()
            db.executemany(
                "UPDATE lexical SET context = ? WHERE rowid = ?",
                [
                    (
                        " ".join(
                            self.analyzer(f"{r['section']} {r['context']} {meta.indexed_title}")
                        ),
                        r["rowid"],
                    )
                    for r in rows
                ],
            )

    # --- chunks -----------------------------------------------------------------------------

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self.query("SELECT id FROM chunks")}

    def lexical_rows(self) -> int:
        return self.query("SELECT count(*) FROM lexical")[0][0]

    def chunk_count(self) -> int:
        return self.query("SELECT count(*) FROM chunks")[0][0]

    def chunks_of(self, path: str) -> list[Chunk]:
        rows = self.query("SELECT * FROM chunks WHERE doc_path = ? ORDER BY position", (path,))
        return [_chunk(r) for r in rows]

    def _rows_in(self, sql: str, values: list[str]) -> list[sqlite3.Row]:
        """Rows of `sql`, whose `{marks}` is filled with one batch of `values` at a time."""
        rows: list[sqlite3.Row] = []
        for start in range(0, len(values), _BATCH):
            batch = values[start : start + _BATCH]
            rows += self.query(sql.format(marks=",".join("?" * len(batch))), batch)
        return rows

    def chunks_by_id(self, ids: list[str]) -> dict[str, tuple[Chunk, DocumentMeta]]:
        """Chunks with their document's metadata; ids not in the store are left out."""
        rows = self._rows_in(
            "SELECT c.*, d.title, d.doc_type, d.date, d.kenmerk, d.source_url, d.author"
            " FROM chunks c"
            " JOIN documents d ON d.path = c.doc_path WHERE c.id IN ({marks})",
            ids,
        )
        return {r["id"]: (_chunk(r), document_meta(r)) for r in rows}

    def page_text(self, path: str, page: int | None) -> str:
        rows = self.query(
            "SELECT text FROM pages WHERE doc_path = ? AND number IS ? ORDER BY idx", (path, page)
        )
        return rows[0]["text"] if rows else ""

    def document_text(self, path: str) -> str:
        return "\n\n".join(
            r["text"]
            for r in self.query("SELECT text FROM pages WHERE doc_path=? ORDER BY idx", (path,))
        )

    def chunk_documents(self, ids: list[str]) -> dict[str, str]:
        """Chunk id → document path, for the ids that exist."""
        rows = self._rows_in("SELECT id, doc_path FROM chunks WHERE id IN ({marks})", ids)
        return {r["id"]: r["doc_path"] for r in rows}

    def set_document_vector(self, path: str, leg: str, vector: np.ndarray) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO doc_vectors VALUES (?,?,?)",
                (path, leg, np.asarray(vector, np.float32).tobytes()),
            )

    def document_vectors(self, leg: str) -> tuple[list[str], np.ndarray]:
        """Every document's centroid vector for one leg, as (paths, matrix)."""
        rows = self.query("SELECT doc_path, vector FROM doc_vectors WHERE leg = ?", (leg,))
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.vstack([np.frombuffer(r["vector"], dtype=np.float32) for r in rows])
        return [r["doc_path"] for r in rows], matrix

    def missing_vocab(self, words: set[str]) -> list[str]:
        """The words that have no vector in the vocabulary table yet."""
        ordered = sorted(words)
        rows = self._rows_in("SELECT word FROM vocab WHERE word IN ({marks})", ordered)
        known = {r["word"] for r in rows}
        return [w for w in ordered if w not in known]

    def add_vocab(self, words: list[str], vectors: np.ndarray) -> None:
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO vocab VALUES (?, ?)",
                [
                    (w, np.asarray(v, np.float32).tobytes())
                    for w, v in zip(words, vectors, strict=True)
                ],
            )

    def vocab_vectors(self) -> tuple[list[str], np.ndarray]:
        rows = self.query("SELECT word, vector FROM vocab ORDER BY word")
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [r["word"] for r in rows], np.vstack(
            [np.frombuffer(r["vector"], dtype=np.float32) for r in rows]
        )

    def generation(self) -> int:
        """Changes whenever documents are written: lets readers refresh their caches."""
        return self.query("PRAGMA data_version")[0][0] + self._writes


def _chunk(row: sqlite3.Row) -> Chunk:
    return Chunk(
        id=row["id"],
        doc_path=row["doc_path"],
        position=row["position"],
        text=row["text"],
        page=row["page"],
        section=row["section"],
        start=row["start"],
        end=row["end"],
        context=row["context"],
        answers=row["answers"],
        ocr=bool(row["ocr"]),
        page_label=row["page_label"],
    )


def document_meta(row: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(
        title=row["title"],
        doc_type=row["doc_type"],
        date=row["date"],
        kenmerk=row["kenmerk"],
        source_url=row["source_url"],
        author=row["author"],
    )


def _record(row: sqlite3.Row) -> DocumentRecord:
    extracted = DocumentMeta(**json.loads(row["extracted_meta"]))
    # who asked and answered a set of Kamervragen, and when, is what the document states;
    # the catalog does not edit it
    stated = {k: getattr(extracted, k) for k in ("asked_by", "answered_by", "sent", "received")}
    return DocumentRecord(
        path=row["path"],
        sha256=row["sha256"],
        meta=replace(document_meta(row), **stated),
        extracted_meta=extracted,
        file_type=row["file_type"],
        pages=row["pages"],
        chunks=row["chunks"],
        indexed_at=row["indexed_at"],
    )
