"""Stage 2, chunk: cut a `Document` into short, citable `Chunk`s that follow its structure.

Entry point: `chunk_document(document)`. A chunk never crosses a heading or a page; it is a
paragraph, a list item (a lead-in ending in ":" keeps its list), or, for a long paragraph,
a window of up to three sentences around each sentence (sentence ± 1). Every chunk's text
is a verbatim substring of its page text, and its id is a hash of the document's content
hash, its position and its text, so re-chunking the same file gives the same ids.
"""

from __future__ import annotations

import hashlib

from assistant.ingest.kamervragen_chunks import answer_chunks, is_answered_kamervragen
from assistant.models import Block, Chunk, Document, Page
from assistant.text.sentences import Span, split_sentences

MAX_CHUNK_CHARS = 520  # about one quote: staff cite one to three sentences
MAX_LIST_CHARS = 900  # a lead-in with its short list items stays one chunk up to this size
MIN_CHUNK_WORDS = 4  # shorter blocks are labels of a letterhead ("Kenmerk", "Bijlage(n)")


def _merge_lists(blocks: list[Block]) -> list[tuple[int, int, str]]:
    """(first, last, kind) block ranges: a lead-in ending in ':' absorbs its short items."""
    ranges: list[tuple[int, int, str]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i
        if block.kind in ("paragraph", "item") and block.text.rstrip().endswith(":"):
            size = len(block.text)
            while (
                j + 1 < len(blocks)
                and blocks[j + 1].kind == "item"
                and size + len(blocks[j + 1].text) + 1 <= MAX_LIST_CHARS
            ):
                j += 1
                size += len(blocks[j].text) + 1
        ranges.append((i, j, block.kind))
        i = j + 1
    return ranges


def _windows(text: str, base: int) -> list[Span]:
    """Sentence ± 1 windows inside one long block, each at most MAX_CHUNK_CHARS if possible."""
    sentences = split_sentences(text)
    if len(text) <= MAX_CHUNK_CHARS or len(sentences) <= 1:
        return [Span(base, base + len(text))]
    windows: list[Span] = []
    for k in range(len(sentences)):
        lo, hi = max(0, k - 1), min(len(sentences) - 1, k + 1)
        # shrink the window around sentence k until it fits
        while sentences[hi].end - sentences[lo].start > MAX_CHUNK_CHARS and (lo < k or hi > k):
            if hi > k and (
                lo == k
                or sentences[hi].end - sentences[k].end >= sentences[k].start - sentences[lo].start
            ):
                hi -= 1
            else:
                lo += 1
        span = Span(base + sentences[lo].start, base + sentences[hi].end)
        if not windows or span != windows[-1]:
            windows.append(span)
    # drop windows that are contained in a neighbour (they add nothing)
    return [
        w
        for w in windows
        if not any(o != w and o.start <= w.start and w.end <= o.end for o in windows)
    ]


def chunk_id(document_sha: str, position: int, text: str) -> str:
    digest = hashlib.sha256(f"{document_sha}:{position}:{text}".encode()).hexdigest()
    return digest[:24]


def page_chunk(document: Document, page: Page, position: int, span: Span, section: str = "",
               context: str = "", answers: str = "") -> Chunk:  # fmt: skip
    """The chunk of a page's text at `span`. Its id hashes the context too: an answer with
    the same words ("Ja.") to another question is another chunk."""
    text = page.text[span.start : span.end]
    return Chunk(
        id=chunk_id(document.sha256, position, f"{text}\n{context}" if context else text),
        doc_path=document.path,
        position=position,
        text=text,
        page=page.number,
        page_label=page.label,
        ocr=page.ocr,
        section=section,
        start=span.start,
        end=span.end,
        context=context,
        answers=answers,
    )


def chunk_document(document: Document) -> list[Chunk]:
    """All chunks of a document, in reading order. Answered Kamervragen (an Aanhangsel, or
    any text labelled "Vraag 1" … "Antwoord 1") give their answers only, each with its
    question as context (kamervragen_chunks.py)."""
    if is_answered_kamervragen(document):
        answers = answer_chunks(document, _windows, page_chunk)
        if answers:
            return answers
    chunks: list[Chunk] = []
    heading = ""
    for page in document.pages:
        offsets = []
        pos = 0
        for block in page.blocks:
            offsets.append(pos)
            pos += len(block.text) + 1
        page_text = page.text
        for first, last, kind in _merge_lists(list(page.blocks)):
            if kind == "heading":
                heading = page.blocks[first].text
                continue
            start = offsets[first]
            end = offsets[last] + len(page.blocks[last].text)
            text = page_text[start:end]
            if len(text.split()) < MIN_CHUNK_WORDS:
                continue
            for span in _windows(text, start):
                chunks.append(page_chunk(document, page, len(chunks), span, section=heading))
    return chunks
