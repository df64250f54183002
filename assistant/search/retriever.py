"""Stage 4, search: hybrid retrieval that returns ranked evidence quotes.

Entry point: `HybridRetriever(index, settings)(query, filters, top_k, depth)`. Each leg (BM25 in
SQLite FTS5; the dense legs in Chroma) returns candidates under the same filters; their
scores are min-max normalised and summed with the query's weights, a document prior lifts
the chunks of documents that fit the question as a whole, and within each chunk the one to
three sentences that best match the question become the quote (of a chunk that overlaps a
better one, only the sentences not quoted yet).
"""

from __future__ import annotations

import numpy as np

import assistant.index.legs as registry
from assistant.config import Settings
from assistant.filters import Filters
from assistant.index import Index
from assistant.models import Evidence, Query
from assistant.search.fusion import Ranked, fuse, leg_ranks, scaled_by_best
from assistant.search.quotes import fresh_quote

# Dense candidates fetched per leg, as a multiple of candidates_per_leg: the tail of the
# wider list serves the in-document pass (a second, filtered Chroma query costs more).
DENSE_WIDEN = 5
PRIOR_DOCUMENTS_SCORED = 50  # documents each leg scores for the prior


class HybridRetriever:
    """Fuses BM25 and the dense legs; ranks evidence quotes, not just chunks.

    A document prior (BM25 over whole documents and each leg's document centroid) lifts the
    chunks of documents that match the question as a whole: a passage often answers without
    repeating the subject ("Er zijn geen juridische overwegingen") that its document names.
    """

    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self._centroids: dict[str, tuple[int, list[str], np.ndarray]] = {}

    def candidates(
        self, query: Query, filters: Filters, n: int, dense_n: int | None = None
    ) -> dict[str, Ranked]:
        """Each leg's candidates under the filters: (chunk id, raw score), best first."""
        results = {registry.BM25: self.index.store.lexical.search(query.terms, n, filters)}
        for leg in self.index.legs:
            if leg.name in query.vectors:
                results[leg.name] = leg.search(query.vectors[leg.name], dense_n or n, filters)
        return results

    def document_prior(self, query: Query, filters: Filters) -> dict[str, float]:
        """A 0..1 score per document the filters admit: how well it fits the question."""
        store = self.index.store
        admitted = None if filters.empty else {d.path for d in store.documents(filters)}
        lexical = store.lexical.search_documents(query.terms, PRIOR_DOCUMENTS_SCORED, filters)
        prior = {
            path: query.weight(registry.BM25) * value
            for path, value in scaled_by_best(lexical).items()
        }
        for leg in self.index.legs:
            weight = query.weight(leg.name)
            if weight <= 0:
                continue
            paths, matrix = self._leg_centroids(leg.name)
            if not paths:
                continue
            norms = np.linalg.norm(matrix, axis=1) + 1e-12
            sims = np.clip((matrix @ query.vectors[leg.name]) / norms, 0.0, 1.0)
            ranked = (i for i in np.argsort(-sims) if admitted is None or paths[i] in admitted)
            for _, i in zip(range(PRIOR_DOCUMENTS_SCORED), ranked, strict=False):
                prior[paths[i]] = prior.get(paths[i], 0.0) + weight * float(sims[i])
        total = sum(query.weights.values())
        return {path: value / total for path, value in prior.items()}

    def _leg_centroids(self, leg: str) -> tuple[list[str], np.ndarray]:
        generation = self.index.store.generation()
        cached = self._centroids.get(leg)
        if cached is None or cached[0] != generation:
            paths, matrix = self.index.store.document_vectors(leg)
            cached = (generation, paths, matrix)
            self._centroids[leg] = cached
        return cached[1], cached[2]

    def __call__(
        self,
        query: Query,
        filters: Filters | None = None,
        top_k: int | None = None,
        depth: int | None = None,
    ) -> list[Evidence]:
        """The best `top_k` quotes, or the best `depth` for a later reordering: the pool of
        candidates is sized by `top_k` either way, so a deeper list only adds the next ones."""
        filters = filters or Filters()
        top_k = top_k or self.settings.top_k
        depth = max(depth or top_k, top_k)
        n = max(self.settings.candidates_per_leg, top_k * 4)
        store = self.index.store
        per_leg = self.candidates(query, filters, n, dense_n=n * DENSE_WIDEN)
        tails = {leg: scores[n:] for leg, scores in per_leg.items() if leg != registry.BM25}
        per_leg = {leg: scores[:n] for leg, scores in per_leg.items()}

        prior: dict[str, float] = {}
        if self.settings.weight_document > 0:
            prior = self.document_prior(query, filters)
            best_docs = sorted(prior, key=lambda p: -prior[p])[: self.settings.prior_documents]
            if best_docs and not filters.documents:
                # The best chunks inside the documents that fit the question as a whole
                # become candidates too, even when the whole index ranks them lower.
                extra = {registry.BM25: store.lexical.search_in(query.terms, top_k, best_docs)}
                docs = store.chunk_documents([c for t in tails.values() for c, _ in t])
                for leg, tail in tails.items():
                    extra[leg] = [(c, s) for c, s in tail if docs.get(c) in best_docs]
                for leg, more in extra.items():
                    seen = {cid for cid, _ in per_leg[leg]}
                    per_leg[leg] += [(cid, s) for cid, s in more[:top_k] if cid not in seen]

        fused = fuse(per_leg, query.weights)
        ranks = leg_ranks(per_leg)
        found = {
            cid: (chunk, meta)
            for cid, (chunk, meta) in store.chunks_by_id(list(fused)).items()
            if filters.admits(chunk.doc_path, meta.doc_type, meta.date)
        }
        for cid, (chunk, _) in found.items():
            fused[cid] += self.settings.weight_document * prior.get(chunk.doc_path, 0.0)
        ordered = sorted(found, key=lambda c: (-fused[c], c))
        term_set = set(query.terms)
        evidence: list[Evidence] = []
        for cid in ordered:
            chunk, meta = found[cid]  # vectors without a stored chunk are never cited
            span = fresh_quote(chunk, evidence, term_set, store.analyzer)
            if span is None:
                continue
            start, end = span
            evidence.append(
                Evidence(chunk, chunk.text[start:end], fused[cid], meta, ranks.get(cid, {}))
            )
            if len(evidence) >= depth:
                break
        return evidence
