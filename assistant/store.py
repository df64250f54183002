"""The SQLite store beside Chroma: documents, chunks, page texts and the BM25 lexical index.

It is the source of truth for what is indexed. The lexical index is an SQLite FTS5 table in
the same database, so it changes in the same transaction as the chunks and can never drift
from them; FTS5 keeps BM25 statistics incrementally, so adding one file touches only that
file's rows (bm25s, which the issue suggested, can only rebuild its whole index: bm25s
issues #5 and #98). Chroma is reconciled against this store after a crash.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from assistant.analysis import Analyzer
from assistant.models import Chunk, Document, DocumentMeta, Filters

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    title TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    date TEXT,
    kenmerk TEXT,
    source_url TEXT,
    file_type TEXT NOT NULL,
    extracted_meta TEXT NOT NULL,
    pages INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    indexed_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS pages (
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    number INTEGER,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_path, idx)
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    page INTEGER,
    page_idx INTEGER NOT NULL,
    section TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_path);
CREATE VIRTUAL TABLE IF NOT EXISTS lexical USING fts5(body, context, tokenize = 'ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS doc_lexical USING fts5(title, body, tokenize = 'ascii');
CREATE VIRTUAL TABLE IF NOT EXISTS lexical_terms USING fts5vocab(lexical, 'row');
CREATE TABLE IF NOT EXISTS vocab (word TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS doc_vectors (
    doc_path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    leg TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (doc_path, leg)
);
"""

# Terms in more than this share of the chunks are left out of a chunk search (see
# Store.without_common), in an index of at least this many chunks. Measured on the eval
# set with distractors (6,744 chunks) at a lower floor: R@5 unchanged, MRR -0.027; so only
# large indexes, where it turns 70 ms into 20 ms per search, pay that.
COMMON_TERM_SHARE = 0.1
COMMON_TERM_MIN_CHUNKS = 20_000

# Bumped when the layout or the analyser changes; an older index is rebuilt by the next sync.
SCHEMA_VERSION = "4"

# BM25 column weights: the chunk's own words count fully, its heading and title less.
_BODY_WEIGHT, _CONTEXT_WEIGHT = 1.0, 0.35
WEIGHT_GROUP_WIDTH = 2  # weighted BM25: each weight's query ranks this many times k


def date_int(iso: str | None) -> int:
    """yyyy-mm-dd as an integer yyyymmdd (0 when unknown): Chroma filters compare numbers."""
    return int(iso.replace("-", "")[:8]) if iso else 0


class Store:
    """SQLite database of documents and chunks with an FTS5 BM25 index."""

    def __init__(self, path: Path, analyzer: Analyzer | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.analyzer = analyzer or Analyzer()
        self._lock = threading.RLock()
        self._writes = 0
        self._frequencies: tuple[int, dict[str, int]] | None = None
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)
        if self.get_setting("schema_version") is None and not self.documents():
            self.set_setting("schema_version", SCHEMA_VERSION)

        if self.get_setting("analyzer") != self.analyzer.signature:
            self.reanalyze()

    def reanalyze(self) -> None:
        """Rebuild both BM25 tables from the stored chunks with the current analyser."""
        with self.transaction() as db:
            db.execute("DELETE FROM lexical")
            db.execute("DELETE FROM doc_lexical")
            docs = db.execute("SELECT rowid, path, title FROM documents").fetchall()
            for doc in docs:
                rows = db.execute(
                    "SELECT rowid, section, text FROM chunks WHERE doc_path = ? ORDER BY position",
                    (doc["path"],),
                ).fetchall()
                self._index_lexical(db, doc["rowid"], doc["title"], rows)
            db.execute(
                "INSERT OR REPLACE INTO settings VALUES ('analyzer', ?)", (self.analyzer.signature,)
            )

    def _index_lexical(self, db: sqlite3.Connection, doc_rowid: int, title: str, rows) -> None:
        """BM25 rows of one document: each chunk, and the document as a whole.

        Each text is analysed once: the analyser works word by word, so the terms of
        "section text" are the section's terms followed by the text's.
        """
        analyze = self.analyzer
        title_terms = analyze(title)
        section_terms: dict[str, list[str]] = {}
        chunk_rows, doc_terms = [], []
        for r in rows:
            section = section_terms.setdefault(r["section"], analyze(r["section"]))
            text = analyze(r["text"])
            chunk_rows.append((r["rowid"], " ".join(text), " ".join(section + title_terms)))
            doc_terms += section + text
        db.executemany("INSERT INTO lexical (rowid, body, context) VALUES (?,?,?)", chunk_rows)
        db.execute(
            "INSERT INTO doc_lexical (rowid, title, body) VALUES (?,?,?)",
            (doc_rowid, " ".join(title_terms), " ".join(doc_terms)),
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

    def _query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # --- settings ---------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    # --- documents --------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        return [dict(r) for r in self._query("SELECT * FROM documents ORDER BY path")]

    def document(self, path: str) -> dict | None:
        rows = self._query("SELECT * FROM documents WHERE path = ?", (path,))
        return dict(rows[0]) if rows else None

    def document_by_sha(self, sha: str) -> dict | None:
        rows = self._query("SELECT * FROM documents WHERE sha256 = ?", (sha,))
        return dict(rows[0]) if rows else None

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
                " file_type, extracted_meta, pages, chunks) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    document.path, document.sha256, meta.title, meta.doc_type, meta.date,
                    meta.kenmerk, meta.source_url, document.file_type,
                    json.dumps(document.extracted_meta.to_dict()), len(document.pages), len(chunks),
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO pages VALUES (?,?,?,?)",
                [(document.path, i, p.number, p.text) for i, p in enumerate(document.pages)],
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
                ' start, "end") VALUES (?,?,?,?,?,?,?,?,?)',
                [
                    (
                        c.id, c.doc_path, c.position, c.text, c.page, page_idx.get(c.page, 0),
                        c.section, c.start, c.end,
                    )
                    for c in chunks
                ],
            )  # fmt: skip
            rows = db.execute(
                "SELECT rowid, section, text FROM chunks WHERE doc_path = ? ORDER BY position",
                (document.path,),
            ).fetchall()
            self._index_lexical(db, doc_rowid, meta.title, rows)
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
                "UPDATE documents SET title=?, doc_type=?, date=?, kenmerk=?, source_url=?"
                " WHERE path=?",
                (meta.title, meta.doc_type, meta.date, meta.kenmerk, meta.source_url, path),
            )
            db.execute(
                "UPDATE doc_lexical SET title = ? WHERE rowid IN"
                " (SELECT rowid FROM documents WHERE path = ?)",
                (" ".join(self.analyzer(meta.title)), path),
            )
            rows = db.execute(
                "SELECT rowid, section FROM chunks WHERE doc_path = ?", (path,)
            ).fetchall()
            db.executemany(
                "UPDATE lexical SET context = ? WHERE rowid = ?",
                [
                    (" ".join(self.analyzer(f"{r['section']} {meta.title}")), r["rowid"])
                    for r in rows
                ],
            )

    # --- chunks -----------------------------------------------------------------------------

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self._query("SELECT id FROM chunks")}

    def lexical_rows(self) -> int:
        return self._query("SELECT count(*) FROM lexical")[0][0]

    def chunk_count(self) -> int:
        return self._query("SELECT count(*) FROM chunks")[0][0]

    def chunks_of(self, path: str) -> list[Chunk]:
        rows = self._query("SELECT * FROM chunks WHERE doc_path = ? ORDER BY position", (path,))
        return [_chunk(r) for r in rows]

    def chunks_by_id(self, ids: list[str]) -> dict[str, tuple[Chunk, DocumentMeta]]:
        """Chunks with their document's metadata; ids not in the store are left out."""
        found: dict[str, tuple[Chunk, DocumentMeta]] = {}
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._query(
                "SELECT c.*, d.title, d.doc_type, d.date, d.kenmerk, d.source_url FROM chunks c"
                f" JOIN documents d ON d.path = c.doc_path WHERE c.id IN ({marks})",
                batch,
            )
            for r in rows:
                found[r["id"]] = (_chunk(r), _meta(r))
        return found

    def page_text(self, path: str, page: int | None) -> str:
        rows = self._query(
            "SELECT text FROM pages WHERE doc_path = ? AND number IS ? ORDER BY idx", (path, page)
        )
        return rows[0]["text"] if rows else ""

    def document_text(self, path: str) -> str:
        return "\n\n".join(
            r["text"]
            for r in self._query("SELECT text FROM pages WHERE doc_path=? ORDER BY idx", (path,))
        )

    # --- lexical search ---------------------------------------------------------------------

    def lexical_search(self, terms: list[str], k: int, filters: Filters) -> list[tuple[str, float]]:
        """BM25 over the chunks: (chunk id, score) best first, score higher is better.

        A term listed n times weighs n times (see `weighted_bm25`)."""
        where, params = filter_sql(filters)

        def search(match: str, limit: int) -> list[sqlite3.Row]:
            if not where:  # rank inside FTS5 first, join only the k best: 2x faster at 100k
                return self._query(
                    f"SELECT c.id, s.score FROM (SELECT rowid, bm25(lexical, {_BODY_WEIGHT},"
                    f" {_CONTEXT_WEIGHT}) AS score FROM lexical WHERE lexical MATCH ? ORDER BY"
                    " score LIMIT ?) s JOIN chunks c ON c.rowid = s.rowid ORDER BY s.score",
                    [match, limit],
                )
            return self._query(
                f"SELECT c.id, bm25(lexical, {_BODY_WEIGHT}, {_CONTEXT_WEIGHT}) AS score"
                " FROM lexical JOIN chunks c ON c.rowid = lexical.rowid"
                " JOIN documents d ON d.path = c.doc_path"
                f" WHERE lexical MATCH ? {where} ORDER BY score LIMIT ?",
                [match, *params, limit],
            )

        return weighted_bm25(self.without_common(terms), k, search)

    def without_common(self, terms: list[str]) -> list[str]:
        """The terms without those in more than COMMON_TERM_SHARE of the chunks, when the
        index is large and a rarer term remains. Such a term adds little to BM25 (idf ≈ 1.5
        at 18 %) but makes FTS5 score tens of thousands of rows: 70 → 20 ms at 100k chunks.
        """
        frequencies = self.term_frequencies()
        total = max(frequencies.get("", 0), 1)
        if total < COMMON_TERM_MIN_CHUNKS:
            return terms
        rare = [t for t in terms if frequencies.get(t, 0) <= COMMON_TERM_SHARE * total]
        return rare if any(frequencies.get(t) for t in rare) else terms

    def term_frequencies(self) -> dict[str, int]:
        """Analysed term → number of chunks containing it ("" → number of chunks); cached
        until the next write."""
        generation = self.generation()
        if self._frequencies is None or self._frequencies[0] != generation:
            rows = self._query("SELECT term, doc FROM lexical_terms")
            table = {r["term"]: r["doc"] for r in rows}
            table[""] = self.chunk_count()
            self._frequencies = (generation, table)
        return self._frequencies[1]

    def lexical_search_in(
        self, terms: list[str], k: int, paths: list[str]
    ) -> list[tuple[str, float]]:
        """BM25 over the chunks of a few documents, k per document, best first.

        A document's chunks are written in one transaction, so their rowids form one range;
        FTS5 seeks a rowid range instead of ranking every match in the index.
        """
        found: list[tuple[str, float]] = []
        for path in paths if any(terms) else []:
            low, high = self._query(
                "SELECT min(rowid), max(rowid) FROM chunks WHERE doc_path = ?", (path,)
            )[0]
            if low is None:
                continue

            def search(match: str, limit: int, low=low, high=high, path=path) -> list:
                return self._query(
                    f"SELECT c.id, s.score FROM (SELECT rowid, bm25(lexical, {_BODY_WEIGHT},"
                    f" {_CONTEXT_WEIGHT}) AS score FROM lexical WHERE lexical MATCH ?"
                    " AND rowid BETWEEN ? AND ? ORDER BY score LIMIT ?) s"
                    " JOIN chunks c ON c.rowid = s.rowid WHERE c.doc_path = ?",
                    [match, low, high, limit, path],
                )

            found += weighted_bm25(terms, k, search)
        return sorted(found, key=lambda pair: -pair[1])

    def document_search(
        self, terms: list[str], k: int, filters: Filters
    ) -> list[tuple[str, float]]:
        """BM25 over whole documents (title weighs double): (document path, score)."""
        where, params = filter_sql(filters)

        def search(match: str, limit: int) -> list[sqlite3.Row]:
            return self._query(
                "SELECT d.path, bm25(doc_lexical, 2.0, 1.0) AS score FROM doc_lexical"
                " JOIN documents d ON d.rowid = doc_lexical.rowid"
                f" WHERE doc_lexical MATCH ? {where} ORDER BY score LIMIT ?",
                [match, *params, limit],
            )

        return weighted_bm25(terms, k, search)

    def chunk_documents(self, ids: list[str]) -> dict[str, str]:
        """Chunk id → document path, for the ids that exist."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._query(f"SELECT id, doc_path FROM chunks WHERE id IN ({marks})", batch)
            found.update((r["id"], r["doc_path"]) for r in rows)
        return found

    def set_document_vector(self, path: str, leg: str, vector: np.ndarray) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO doc_vectors VALUES (?,?,?)",
                (path, leg, np.asarray(vector, np.float32).tobytes()),
            )

    def document_vectors(self, leg: str) -> tuple[list[str], np.ndarray]:
        """Every document's centroid vector for one leg, as (paths, matrix)."""
        rows = self._query("SELECT doc_path, vector FROM doc_vectors WHERE leg = ?", (leg,))
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.vstack([np.frombuffer(r["vector"], dtype=np.float32) for r in rows])
        return [r["doc_path"] for r in rows], matrix

    def missing_vocab(self, words: set[str]) -> list[str]:
        """The words that have no vector in the vocabulary table yet."""
        known: set[str] = set()
        ordered = sorted(words)
        for start in range(0, len(ordered), 500):
            batch = ordered[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._query(f"SELECT word FROM vocab WHERE word IN ({marks})", batch)
            known.update(r["word"] for r in rows)
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
        rows = self._query("SELECT word, vector FROM vocab ORDER BY word")
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [r["word"] for r in rows], np.vstack(
            [np.frombuffer(r["vector"], dtype=np.float32) for r in rows]
        )

    def has_term(self, term: str) -> bool:
        """Whether an analysed term occurs in any chunk."""
        return bool(
            self._query("SELECT 1 FROM lexical WHERE lexical MATCH ? LIMIT 1", (f'"{term}"',))
        )

    def generation(self) -> int:
        """Changes whenever documents are written: lets readers refresh their caches."""
        return self._query("PRAGMA data_version")[0][0] + self._writes


def _match(terms: list[str]) -> str:
    """An FTS5 query matching any of the terms (each quoted: terms are data, not syntax)."""
    return " OR ".join(f'"{t}"' for t in sorted({t for t in terms if t}))


def weighted_bm25(
    terms: list[str], k: int, search: Callable[[str, int], list[sqlite3.Row]]
) -> list[tuple[str, float]]:
    """BM25 in which a term listed n times weighs n times: (key, score) best first, k of them.

    `search(match, limit)` runs one FTS5 query and returns rows of (key, bm25 score). BM25
    is a sum over the query terms, so the terms of each weight go into one query and the
    scores are added up; a key outside one query's top WEIGHT_GROUP_WIDTH * k counts 0
    there. Listing a term three times in one FTS5 query would weigh it three times too, but
    FTS5 then scores it three times over: 7 ms a question more at 10,000 chunks.
    """
    by_weight: dict[int, list[str]] = {}
    for term, weight in Counter(t for t in terms if t).items():
        by_weight.setdefault(weight, []).append(term)
    limit = k if len(by_weight) == 1 else WEIGHT_GROUP_WIDTH * k
    scores: dict[str, float] = {}
    for weight, group in by_weight.items():
        for key, score in search(_match(group), limit):
            scores[key] = scores.get(key, 0.0) - weight * float(score)  # FTS5: lower is better
    return sorted(scores.items(), key=lambda pair: -pair[1])[:k]


def filter_sql(filters: Filters) -> tuple[str, list]:
    """SQL conditions on documents `d` for the filters, prefixed with AND."""
    clauses, params = [], []
    if filters.doc_types:
        clauses.append(f"d.doc_type IN ({','.join('?' * len(filters.doc_types))})")
        params += list(filters.doc_types)
    if filters.documents:
        clauses.append(f"d.path IN ({','.join('?' * len(filters.documents))})")
        params += list(filters.documents)
    if filters.date_from:
        clauses.append("d.date >= ?")
        params.append(filters.date_from)
    if filters.date_to:
        clauses.append("d.date <= ?")
        params.append(filters.date_to)
    return "".join(f" AND {c}" for c in clauses), params


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
    )


def _meta(row: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(
        title=row["title"],
        doc_type=row["doc_type"],
        date=row["date"],
        kenmerk=row["kenmerk"],
        source_url=row["source_url"],
    )
