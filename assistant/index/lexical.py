"""BM25 over the store's SQLite FTS5 tables: the chunks, and each document as a whole.

The scoring helpers (`fts_match`, `weighted_bm25`) are pure functions; `LexicalIndex`
writes a document's rows inside the store's transaction and runs the searches. FTS5 keeps
BM25 statistics incrementally, so adding one file touches only that file's rows (bm25s can
only rebuild its whole index: bm25s issues #5 and #98).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.filters import Filters
from assistant.text.analysis import Analyzer

if TYPE_CHECKING:
    from assistant.index.store import Store

# Terms in more than this share of the chunks are left out of a chunk search (see
# `LexicalIndex.without_common`), in an index of at least this many chunks: only large
# indexes, where such terms dominate the cost of a search, give up their small BM25 share.
COMMON_TERM_SHARE = 0.1
COMMON_TERM_MIN_CHUNKS = 20_000

# BM25 column weights: the chunk's own words count fully, its heading and title less.
BODY_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.35
WEIGHT_GROUP_WIDTH = 2  # weighted BM25: each weight's query ranks this many times k

Search = Callable[[str, int], list[sqlite3.Row]]


def fts_match(terms: list[str]) -> str:
    """An FTS5 query matching any of the terms (each quoted: terms are data, not syntax)."""
    return " OR ".join(f'"{t}"' for t in sorted({t for t in terms if t}))


def weighted_bm25(terms: list[str], k: int, search: Search) -> list[tuple[str, float]]:
    """BM25 in which a term listed n times weighs n times: (key, score) best first, k of them.

    `search(match, limit)` runs one FTS5 query and returns rows of (key, bm25 score). BM25
    is a sum over the query terms, so the terms of each weight go into one query and the
    scores are added up; a key outside one query's top WEIGHT_GROUP_WIDTH * k counts 0
    there. Listing a term n times in one FTS5 query would weigh it n times too, but FTS5
    then scores it n times over, which costs far more.
    """
    by_weight: dict[int, list[str]] = {}
    for term, weight in Counter(t for t in terms if t).items():
        by_weight.setdefault(weight, []).append(term)
    limit = k if len(by_weight) == 1 else WEIGHT_GROUP_WIDTH * k
    scores: dict[str, float] = {}
    for weight, group in by_weight.items():
        for key, score in search(fts_match(group), limit):
            scores[key] = scores.get(key, 0.0) - weight * float(score)  # FTS5: lower is better
    return sorted(scores.items(), key=lambda pair: -pair[1])[:k]


def write_rows(
    db: sqlite3.Connection, analyzer: Analyzer, doc_rowid: int, title: str, rows
) -> None:
    """BM25 rows of one document: each chunk, and the document as a whole.

    Each text is analysed once: the analyser works word by word, so the terms of
    "section text" are the section's terms followed by the text's.
    """
    title_terms = analyzer(title)
    section_terms: dict[str, list[str]] = {}
    seen: set[str] = set()
    chunk_rows, doc_terms = [], []
    for r in rows:
        section = section_terms.setdefault(r["section"], analyzer(r["section"]))
        # an answer's question(s), the same for each window of the answer: analysed once
        context = section_terms.setdefault(r["context"], analyzer(r["context"]))
        text = analyzer(r["text"])
        chunk_rows.append((r["rowid"], " ".join(text), " ".join(section + context + title_terms)))
        # the document as a whole holds each question once
        asked = context if r["context"] and r["context"] not in seen else []
        seen.add(r["context"])
        doc_terms += section + asked + text
    db.executemany("INSERT INTO lexical (rowid, body, context) VALUES (?,?,?)", chunk_rows)
    db.execute(
        "INSERT INTO doc_lexical (rowid, title, body) VALUES (?,?,?)",
        (doc_rowid, " ".join(title_terms), " ".join(doc_terms)),
    )


class LexicalIndex:
    """The BM25 searches over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._frequencies: tuple[int, dict[str, int]] | None = None

    @property
    def analyzer(self) -> Analyzer:
        return self.store.analyzer

    def search(self, terms: list[str], k: int, filters: Filters) -> list[tuple[str, float]]:
        """BM25 over the chunks: (chunk id, score) best first, score higher is better."""
        where, params = filters.sql("d")
        query = self.store.query

        def search(match: str, limit: int) -> list[sqlite3.Row]:
            if not where:  # rank inside FTS5 first, join only the k best: faster at scale
                return query(
                    f"SELECT c.id, s.score FROM (SELECT rowid, bm25(lexical, {BODY_WEIGHT},"
                    f" {CONTEXT_WEIGHT}) AS score FROM lexical WHERE lexical MATCH ? ORDER BY"
                    " score LIMIT ?) s JOIN chunks c ON c.rowid = s.rowid ORDER BY s.score",
                    [match, limit],
                )
            return query(
                f"SELECT c.id, bm25(lexical, {BODY_WEIGHT}, {CONTEXT_WEIGHT}) AS score"
                " FROM lexical JOIN chunks c ON c.rowid = lexical.rowid"
                " JOIN documents d ON d.path = c.doc_path"
                f" WHERE lexical MATCH ? {where} ORDER BY score LIMIT ?",
                [match, *params, limit],
            )

        return weighted_bm25(self.without_common(terms), k, search)

    def without_common(self, terms: list[str]) -> list[str]:
        """The terms without those in more than COMMON_TERM_SHARE of the chunks, when the
        index is large and a rarer term remains: such a term adds little to BM25 but makes
        FTS5 score tens of thousands of rows."""
        frequencies = self.term_frequencies()
        total = max(frequencies.get("", 0), 1)
        if total < COMMON_TERM_MIN_CHUNKS:
            return terms
        rare = [t for t in terms if frequencies.get(t, 0) <= COMMON_TERM_SHARE * total]
        return rare if any(frequencies.get(t) for t in rare) else terms

    def term_frequencies(self) -> dict[str, int]:
        """Analysed term → number of chunks containing it ("" → number of chunks); cached
        until the next write."""
        generation = self.store.generation()
        if self._frequencies is None or self._frequencies[0] != generation:
            rows = self.store.query("SELECT term, doc FROM lexical_terms")
            table = {r["term"]: r["doc"] for r in rows}
            table[""] = self.store.chunk_count()
            self._frequencies = (generation, table)
        return self._frequencies[1]

    def document_frequency(self, term: str) -> int:
        """In how many chunks an analysed term occurs ("" gives the number of chunks)."""
        return self.term_frequencies().get(term, 0)

    def search_in(self, terms: list[str], k: int, paths: list[str]) -> list[tuple[str, float]]:
        """BM25 over the chunks of a few documents, k per document, best first.

        A document's chunks are written in one transaction, so their rowids form one range;
        FTS5 seeks a rowid range instead of ranking every match in the index.
        """
        query = self.store.query
        found: list[tuple[str, float]] = []
        for path in paths if any(terms) else []:
            low, high = query(
                "SELECT min(rowid), max(rowid) FROM chunks WHERE doc_path = ?", (path,)
            )[0]
            if low is None:
                continue

            def search(match: str, limit: int, low=low, high=high, path=path) -> list:
                return query(
                    f"SELECT c.id, s.score FROM (SELECT rowid, bm25(lexical, {BODY_WEIGHT},"
                    f" {CONTEXT_WEIGHT}) AS score FROM lexical WHERE lexical MATCH ?"
                    " AND rowid BETWEEN ? AND ? ORDER BY score LIMIT ?) s"
                    " JOIN chunks c ON c.rowid = s.rowid WHERE c.doc_path = ?",
                    [match, low, high, limit, path],
                )

            found += weighted_bm25(terms, k, search)
        return sorted(found, key=lambda pair: -pair[1])

    def search_documents(
        self, terms: list[str], k: int, filters: Filters
    ) -> list[tuple[str, float]]:
        """BM25 over whole documents (title weighs double): (document path, score)."""
        where, params = filters.sql("d")

        def search(match: str, limit: int) -> list[sqlite3.Row]:
            return self.store.query(
                "SELECT d.path, bm25(doc_lexical, 2.0, 1.0) AS score FROM doc_lexical"
                " JOIN documents d ON d.rowid = doc_lexical.rowid"
                f" WHERE doc_lexical MATCH ? {where} ORDER BY score LIMIT ?",
                [match, *params, limit],
            )

        return weighted_bm25(terms, k, search)

    def has_term(self, term: str) -> bool:
        """Whether an analysed term occurs in any chunk."""
        return bool(
            self.store.query("SELECT 1 FROM lexical WHERE lexical MATCH ? LIMIT 1", (f'"{term}"',))
        )
