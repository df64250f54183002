"""Stage 4, retrieve: hybrid search that returns ranked evidence quotes.

Entry point: `HybridRetriever(index, settings)(question, filters, top_k)`. Each leg (BM25 in
SQLite FTS5; USE, multilingual-e5-small and the optional sentence-transformers model in
Chroma) returns candidates under the same filters; their scores are min-max normalised and
summed with weights, and within each chunk the one to three sentences that best match the
question become the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np

from assistant.analysis import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, Analyzer, fold
from assistant.chunk import split_sentences
from assistant.config import LEGS, Settings
from assistant.index import Index, vocabulary_words
from assistant.models import Chunk, Evidence, Filters

MAX_QUOTE_CHARS = 500
DENSE_WIDEN = 5  # dense candidates fetched per leg, as a multiple of candidates_per_leg


def detect_language(text: str) -> str:
    """ "en" or "nl", by which language's function words the text uses more."""
    words = re.findall(r"[a-z]+", fold(text))
    english = sum(w in ENGLISH_STOPWORDS and w not in DUTCH_STOPWORDS for w in words)
    dutch = sum(w in DUTCH_STOPWORDS and w not in ENGLISH_STOPWORDS for w in words)
    return "en" if english > dutch else "nl"


@dataclass(frozen=True)
class LegWeights:
    lexical: float
    use: float
    st: float
    e5: float

    def of(self, leg: str) -> float:
        return getattr(self, leg)


def _min_max(scores: list[tuple[str, float]]) -> dict[str, float]:
    if not scores:
        return {}
    values = [s for _, s in scores]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return {cid: 1.0 for cid, _ in scores}
    return {cid: (s - low) / (high - low) for cid, s in scores}


def select_quote(
    text: str, terms: set[str], analyze: Analyzer, max_chars: int = MAX_QUOTE_CHARS
) -> tuple[int, int]:
    """Offsets in `text` of the one to three sentences that best match the query terms."""
    body_start = len(text) - len(text.lstrip("• "))
    sentences = split_sentences(text[body_start:])
    if not sentences:
        return 0, len(text)
    spans = [(s.start + body_start, s.end + body_start) for s in sentences]
    if spans[-1][1] - spans[0][0] <= max_chars and len(spans) <= 3:
        return spans[0][0], spans[-1][1]

    def gain(i: int) -> float:
        words = set(analyze(text[spans[i][0] : spans[i][1]]))
        return len(words & terms) / (1 + 0.02 * len(words))

    gains = [gain(i) for i in range(len(spans))]
    best, best_score = (spans[0][0], spans[0][1]), -1.0
    for i in range(len(spans)):
        for j in range(i, min(i + 3, len(spans))):
            if spans[j][1] - spans[i][0] > max_chars and j > i:
                break
            score = sum(gains[i : j + 1]) - 0.05 * (j - i)
            if score > best_score:
                best, best_score = (spans[i][0], spans[j][1]), score
    return best


def weighted_terms(own: list[str], expansions: list[str], own_weight: int) -> list[str]:
    """BM25 query terms: each expansion once, each of the question's own terms `own_weight`
    times.

    The store counts a repeated term as often as it is listed, so the expansions (neighbours
    in USE space: "heet" → "gelakt" as readily as "financing" → "financiering") weigh
    1/own_weight of the words the user typed. Measured in eval/README.md.
    """
    own_terms = sorted(set(own))
    return own_terms * own_weight + sorted(set(expansions) - set(own_terms))


class HybridRetriever:
    """Fuses BM25 and the dense legs; ranks evidence quotes, not just chunks.

    A document prior (BM25 over whole documents and each leg's document centroid) lifts the
    chunks of documents that match the question as a whole: a passage often answers without
    repeating the subject ("Er zijn geen juridische overwegingen") that its document names.
    """

    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        # Settings refuse a configuration without any weighted leg.
        self.weights = LegWeights(*(settings.leg_weight(leg) for leg in LEGS))
        if settings.weight_document < 0 or settings.prior_documents < 0:
            raise ValueError("weight_document and prior_documents must be non-negative")
        self._centroids: dict[str, tuple[int, list[str], np.ndarray]] = {}
        self._vocab: tuple[int, list[str], np.ndarray] | None = None
        self._complete_at: int | None = None  # store generation at which E5 was complete

    def _weights_for(self, question: str, bridged: bool) -> LegWeights:
        weights = self.weights
        if weights.e5 and self.settings.e5_replaces_use and self._e5_complete():
            weights = replace(weights, use=0.0)
        english = self.settings.english_to_use and detect_language(question) == "en"
        if english and (weights.use or weights.e5):
            # English about Dutch documents: MiniLM knows no Dutch; BM25 only helps through
            # the Dutch words the expansion found
            lexical = weights.lexical if bridged else 0.15 * weights.lexical
            return replace(weights, lexical=lexical, st=0.0)
        return weights

    def _e5_complete(self) -> bool:
        """Whether E5 holds a vector for every chunk (then USE stands down: measured to add
        ~14 ms a question and nothing beside E5; until then it covers the chunks E5 lacks).
        Checked once per index generation once complete, on every question while filling."""
        generation = self.index.store.generation()
        if self._complete_at != generation:
            if self.index.pending_vectors():
                return False
            self._complete_at = generation
        return True

    def expansion_terms(self, question: str, english: bool) -> list[str]:
        """Corpus words close to the question's words in USE space, as analysed terms.

        English words map to their Dutch counterparts ("survey" → enquête); a Dutch word the
        corpus does not contain (a typo, a colloquial or rarer synonym) maps to the words the
        documents do use. Only neighbours with cosine >= expansion_min_similarity count.
        """
        if self.settings.expansion_min_similarity >= 1:
            return []
        use = self.index.use_embedder
        vocab, matrix = self._vocabulary()
        if use is None or not vocab:
            return []
        analyze = self.index.store.analyzer
        words = sorted(vocabulary_words(question))
        if not english:
            words = [w for w in words if not any(self.index.store.has_term(t) for t in analyze(w))]
        if not words:
            return []
        sims = use.embed_documents(words) @ matrix.T
        terms: list[str] = []
        for row, word in zip(sims, words, strict=True):
            for i in np.argsort(-row)[:2]:
                if row[i] >= self.settings.expansion_min_similarity and vocab[i] != word:
                    terms.extend(analyze(vocab[i]))
        return terms

    def known(self, token: str) -> bool:
        """Whether the corpus mentions a word or name: literally, as the head or tail of a
        closed compound ("bureau" in "onderzoeksbureau"), or (for words, not numbers)
        through a close neighbour in the USE vocabulary."""
        store = self.index.store
        terms = store.analyzer(token)
        if terms and store.has_term(terms[0]):
            return True
        if any(c.isdigit() for c in token):
            return False
        vocab, matrix = self._vocabulary()
        word = token.lower()
        if len(word) >= 4 and any(w.endswith(word) or w.startswith(word) for w in vocab):
            return True
        use = self.index.use_embedder
        if use is None or not vocab:
            return False
        sims = matrix @ use.embed_query(token.lower())
        return float(sims.max()) >= self.settings.expansion_min_similarity

    def _vocabulary(self) -> tuple[list[str], np.ndarray]:
        generation = self.index.store.generation()
        if self._vocab is None or self._vocab[0] != generation:
            self._vocab = (generation, *self.index.store.vocab_vectors())
        return self._vocab[1], self._vocab[2]

    def leg_results(
        self, question: str, filters: Filters, n: int
    ) -> dict[str, list[tuple[str, float]]]:
        """Candidates per leg: (chunk id, raw score), best first."""
        terms, _, vectors = self._prepare(question)
        return self._search(terms, vectors, filters, n)

    def _prepare(self, question: str) -> tuple[list[str], LegWeights, dict[str, np.ndarray]]:
        """The question's BM25 terms (with expansions), leg weights and query vectors."""
        english = detect_language(question) == "en"
        expansions = self.expansion_terms(question, english)
        own_weight = 1 if english else self.settings.question_term_weight
        terms = weighted_terms(self.index.store.analyzer(question), expansions, own_weight)
        weights = self._weights_for(question, bridged=bool(expansions))
        return terms, weights, self._query_vectors(question, weights)

    def _query_vectors(self, question: str, weights: LegWeights) -> dict[str, np.ndarray]:
        """Query vectors of the dense legs that count for this question (weight > 0).

        One after the other: E5 (~26 ms on 2 cores) in a worker thread beside USE was
        measured slower, both being compute-bound on the same cores.
        """
        return {
            leg.name: leg.embedder.embed_query(question)
            for leg in self.index.legs
            if weights.of(leg.name) > 0
        }

    def _search(
        self, terms, vectors, filters, n, dense_n: int | None = None
    ) -> dict[str, list[tuple[str, float]]]:
        results = {"lexical": self.index.store.lexical_search(terms, n, filters)}
        for leg in self.index.legs:
            if leg.name in vectors:
                results[leg.name] = leg.search(vectors[leg.name], dense_n or n, filters)
        return results

    def document_prior(
        self,
        terms: list[str],
        vectors: dict[str, np.ndarray],
        weights: LegWeights,
        filters: Filters,
    ) -> dict[str, float]:
        """A 0..1 score per document: how well the document as a whole fits the question."""
        store = self.index.store
        prior: dict[str, float] = {}
        # Scaled by the best document, not min-max: in a small corpus min-max would turn a
        # slight preference into all-or-nothing.
        lexical = store.document_search(terms, 50, filters)
        best = max((s for _, s in lexical), default=0.0)
        for path, value in lexical:
            prior[path] = weights.lexical * (value / best if best > 0 else 0.0)
        for leg in self.index.legs:
            if weights.of(leg.name) <= 0:
                continue
            paths, matrix = self._leg_centroids(leg.name)
            if not paths:
                continue
            norms = np.linalg.norm(matrix, axis=1) + 1e-12
            sims = np.clip((matrix @ vectors[leg.name]) / norms, 0.0, 1.0)
            for i in np.argsort(-sims)[:50]:
                prior[paths[i]] = prior.get(paths[i], 0.0) + weights.of(leg.name) * float(sims[i])
        total = sum(weights.of(leg) for leg in LEGS)
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
        self, question: str, filters: Filters | None = None, top_k: int | None = None
    ) -> list[Evidence]:
        filters = filters or Filters()
        top_k = top_k or self.settings.top_k
        n = max(self.settings.candidates_per_leg, top_k * 4)
        analyze = self.index.store.analyzer
        terms, weights, vectors = self._prepare(question)
        # Dense legs fetch a wider list; its tail serves the in-document pass below (a
        # filtered Chroma query costs ~150 ms at 100,000 chunks, a wider one ~2 ms more).
        per_leg = self._search(terms, vectors, filters, n, dense_n=n * DENSE_WIDEN)
        tails = {leg: scores[n:] for leg, scores in per_leg.items() if leg != "lexical"}
        per_leg = {leg: scores[:n] for leg, scores in per_leg.items()}

        prior: dict[str, float] = {}
        if self.settings.weight_document > 0:
            prior = self.document_prior(terms, vectors, weights, filters)
            best_docs = sorted(prior, key=lambda p: -prior[p])[: self.settings.prior_documents]
            if best_docs and not filters.documents:
                # The best chunks inside the documents that fit the question as a whole
                # become candidates too, even when the whole index ranks them lower.
                store = self.index.store
                extra = {"lexical": store.lexical_search_in(terms, top_k, best_docs)[:top_k]}
                docs = store.chunk_documents([c for t in tails.values() for c, _ in t])
                for leg, tail in tails.items():
                    extra[leg] = [(c, s) for c, s in tail if docs.get(c) in best_docs][:top_k]
                for leg, more in extra.items():
                    seen = {cid for cid, _ in per_leg[leg]}
                    per_leg[leg] += [(cid, s) for cid, s in more if cid not in seen]

        fused: dict[str, float] = {}
        ranks: dict[str, dict[str, int]] = {}
        for leg, scores in per_leg.items():
            for rank, cid in enumerate(c for c, _ in scores):
                ranks.setdefault(cid, {})[leg] = rank + 1
            for cid, norm in _min_max(scores).items():
                fused[cid] = fused.get(cid, 0.0) + weights.of(leg) * norm
        found = self.index.store.chunks_by_id(list(fused))
        for cid, (chunk, _) in found.items():
            fused[cid] += self.settings.weight_document * prior.get(chunk.doc_path, 0.0)
        ordered = sorted(found, key=lambda c: (-fused[c], c))
        term_set = set(terms)
        evidence: list[Evidence] = []
        for cid in ordered:
            chunk, meta = found[cid]  # vectors without a stored chunk are never cited
            if _overlaps(chunk, evidence):
                continue
            start, end = select_quote(chunk.text, term_set, analyze)
            evidence.append(
                Evidence(chunk, chunk.text[start:end], fused[cid], meta, ranks.get(cid, {}))
            )
            if len(evidence) >= top_k:
                break
        return evidence


def _overlaps(chunk: Chunk, chosen: list[Evidence]) -> bool:
    """Sentence ± 1 windows overlap; a chunk that shares text with a better one is skipped."""
    return any(
        e.chunk.doc_path == chunk.doc_path
        and e.chunk.page == chunk.page
        and chunk.start < e.chunk.end
        and e.chunk.start < chunk.end
        for e in chosen
    )
