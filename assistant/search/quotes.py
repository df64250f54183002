"""The quote of a retrieved chunk: the one to three sentences that best match the question."""

from __future__ import annotations

from assistant.models import Chunk, Evidence
from assistant.text.analysis import Analyzer
from assistant.text.sentences import split_sentences

MAX_QUOTE_CHARS = 500


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


def overlaps(chunk: Chunk, chosen: list[Evidence]) -> bool:
    """Sentence ± 1 windows overlap; a chunk that shares text with a better one is skipped."""
    return any(
        e.chunk.doc_path == chunk.doc_path
        and e.chunk.page == chunk.page
        and chunk.start < e.chunk.end
        and e.chunk.start < chunk.end
        for e in chosen
    )
