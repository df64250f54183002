"""The quote of a retrieved chunk: the one to three sentences that best match the question."""

from __future__ import annotations

from functools import lru_cache

from assistant.models import Chunk, Evidence
from assistant.text.analysis import Analyzer, same_words
from assistant.text.sentences import Span, split_sentences

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


MIN_QUOTE_WORDS = 4  # a shorter remainder is a fragment, not something to cite


def _shown(e: Evidence) -> tuple[int, int]:
    """Page offsets of a chosen quote."""
    at = e.chunk.start + e.chunk.text.find(e.quote)
    return at, at + len(e.quote)


@lru_cache(maxsize=4096)
def _sentence_words(quote: str) -> frozenset[str]:
    """A quote's sentences by their words (each chosen quote is compared with every chunk
    ranked below it)."""
    return frozenset(same_words(quote[s.start : s.end]) for s in split_sentences(quote))


def fresh_quote(
    chunk: Chunk, chosen: list[Evidence], terms: set[str], analyze: Analyzer
) -> tuple[int, int] | None:
    """Offsets in `chunk.text` of its quote among the sentences no chosen quote shows yet;
    None when it would show nothing new.

    Chunks of a long paragraph are overlapping sentence windows, so a chunk ranked below
    another one of the same page often shares a sentence with its quote. Skipping the whole
    chunk would hide the sentences only it holds (the answer is often the sentence before or
    after the better-ranked quote); showing it whole would repeat a quote. Its new sentences
    stand as a quote of their own instead. A sentence that one already chosen from the same
    document holds word for word counts as shown too (documents print a sentence twice: in a
    table and in the text, in a summary and in a chapter, a page twice), unless it answers
    another question (a "Ja." to another of the Kamer's questions).
    """
    same_document = [e for e in chosen if e.chunk.doc_path == chunk.doc_path]
    shown = [_shown(e) for e in same_document if e.chunk.page == chunk.page]
    # the sentences already quoted from this document, by their words (for the same question
    # of the Kamer: the same words answering another question are another answer)
    said = set().union(*(_sentence_words(e.quote) for e in same_document
                         if e.chunk.context == chunk.context))  # fmt: skip

    def is_shown(span: Span) -> bool:
        a, b = chunk.start + span.start, chunk.start + span.end
        return any(a < shown_end and shown_start < b for shown_start, shown_end in shown) or (
            same_words(chunk.text[span.start : span.end]) in said
        )

    spans = split_sentences(chunk.text)
    flags = [is_shown(span) for span in spans]
    if any(flags):
        runs: list[list[Span]] = [[]]
        for span, flag in zip(spans, flags, strict=True):
            if flag:
                runs.append([])
            else:
                runs[-1].append(span)
        runs = [run for run in runs if run]
        if not runs:
            return None

        def matched(run: list[Span]) -> int:
            return len(set(analyze(chunk.text[run[0].start : run[-1].end])) & terms)

        best = max(runs, key=matched)
        start, end = best[0].start, best[-1].end
        lo, hi = select_quote(chunk.text[start:end], terms, analyze)
        start, end = start + lo, start + hi
        return None if len(chunk.text[start:end].split()) < MIN_QUOTE_WORDS else (start, end)
    return select_quote(chunk.text, terms, analyze)
