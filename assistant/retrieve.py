"""Stage 4, retrieve: hybrid search that returns ranked evidence quotes.

Entry point: `HybridRetriever(index, settings)(question, filters, top_k)`. Each leg (BM25 in
SQLite FTS5, the sentence-transformers model and USE in Chroma) returns candidates under the
same filters; their scores are min-max normalised and summed with weights, and within each
chunk the one to three sentences that best match the question become the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.analysis import DUTCH_STOPWORDS, ENGLISH_STOPWORDS, analyze, fold
from assistant.chunk import split_sentences
from assistant.config import Settings
from assistant.index import Index
from assistant.models import Chunk, DocumentMeta, Evidence, Filters

MAX_QUOTE_CHARS = 500


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


def select_quote(text: str, terms: set[str], max_chars: int = MAX_QUOTE_CHARS) -> tuple[int, int]:
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


class HybridRetriever:
    """Fuses BM25 and the dense legs; ranks evidence quotes, not just chunks."""

    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.weights = LegWeights(settings.weight_lexical, settings.weight_use, settings.weight_st)
        if self.weights.lexical + self.weights.use + self.weights.st <= 0:
            raise ValueError("at least one retrieval leg needs a positive weight")

    def leg_results(
        self, question: str, filters: Filters, n: int
    ) -> dict[str, list[tuple[str, float]]]:
        """Candidates per leg: (chunk id, raw score), best first."""
        results = {"lexical": self.index.store.lexical_search(analyze(question), n, filters)}
        for leg in self.index.legs:
            results[leg.name] = leg.search(question, n, filters)
        return results

    def __call__(
        self, question: str, filters: Filters | None = None, top_k: int | None = None
    ) -> list[Evidence]:
        filters = filters or Filters()
        top_k = top_k or self.settings.top_k
        n = max(self.settings.candidates_per_leg, top_k * 4)
        per_leg = self.leg_results(question, filters, n)
        weights = self.weights
        if detect_language(question) == "en" and weights.use > 0:
            # English about Dutch documents: only the cross-lingual leg understands both
            weights = LegWeights(lexical=0.15 * weights.lexical, use=weights.use, st=0.0)

        fused: dict[str, float] = {}
        ranks: dict[str, dict[str, int]] = {}
        for leg, scores in per_leg.items():
            for rank, cid in enumerate(c for c, _ in scores):
                ranks.setdefault(cid, {})[leg] = rank + 1
            for cid, norm in _min_max(scores).items():
                fused[cid] = fused.get(cid, 0.0) + weights.of(leg) * norm
        ordered = sorted(fused, key=lambda c: (-fused[c], c))
        found = self.index.store.chunks_by_id(ordered[: n * 2])
        terms = set(analyze(question))
        evidence: list[Evidence] = []
        for cid in ordered:
            if cid not in found:
                continue  # a vector without a stored chunk (crash leftover): never cite it
            chunk, meta = found[cid]
            if _overlaps(chunk, evidence):
                continue
            evidence.append(self._evidence(chunk, meta, terms, fused[cid], ranks.get(cid, {})))
            if len(evidence) >= top_k:
                break
        return evidence

    @staticmethod
    def _evidence(
        chunk: Chunk, meta: DocumentMeta, terms: set[str], score: float, ranks: dict[str, int]
    ) -> Evidence:
        start, end = select_quote(chunk.text, terms)
        return Evidence(
            chunk=chunk, quote=chunk.text[start:end], score=score, meta=meta, leg_ranks=ranks
        )


def _overlaps(chunk: Chunk, chosen: list[Evidence]) -> bool:
    """Sentence ± 1 windows overlap; a chunk that shares text with a better one is skipped."""
    return any(
        e.chunk.doc_path == chunk.doc_path
        and e.chunk.page == chunk.page
        and chunk.start < e.chunk.end
        and e.chunk.start < chunk.end
        for e in chosen
    )
