"""Chunks of answered Kamervragen: each government answer, with the Kamer's question as its
context, is one retrievable unit.

Entry point: `answer_chunks(document)`, used by `chunking.chunk_document` for a document of
type kamervragen. The question's sentences are never chunk text, so they are never quoted
as the evidence that answers them; they go into each answer chunk's `context`, which the
retrieval legs index beside the text (a question asked again finds the answer given). Chunk
text stays a verbatim substring of its page: the answers the splitter gives (de-hyphenated,
footnotes and markers dropped) are located in the page texts by their first and last
letters, then cut at pages, footnotes and page footers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.ingest.kamervragen import KamerVraag, split_questions
from assistant.models import Chunk, Document
from assistant.text.sentences import Span

ANCHOR_LETTERS = 24  # letters of an answer's start and end that locate it in the page text
_FOOTER = re.compile(r"^ah-tk-\d{8}-\d+\b|^Tweede Kamer, vergaderjaar \d{4}")
_LETTER = re.compile(r"[^\W\d_]")
_VRAAG_1, _ANTWOORD_1 = re.compile(r"\bVraag\s+1\b"), re.compile(r"\bAntwoord\s+1\b")

Windows = Callable[[str, int], list[Span]]
MakeChunk = Callable[..., Chunk]


class _Letters:
    """A text's letters, lower case, each with its offset in the text: the form in which an
    answer and its page text compare, whatever hyphens, digits and line breaks differ."""

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.group().lower()) for m in _LETTER.finditer(text)]
        self.offsets = [at for at, _ in found]
        self.text = "".join(letter for _, letter in found)

    def index_at(self, offset: int) -> int:
        """The index of the first letter at or after a text offset."""
        lo, hi = 0, len(self.offsets)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.offsets[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo


def _letters(text: str) -> str:
    return "".join(m.group().lower() for m in _LETTER.finditer(text))


def _locate(
    answer: str, full: _Letters, text: str, cursor: int, first: int
) -> tuple[int, int] | None:
    """(start, end) offsets of an answer in the full text, at or after `cursor`, after its
    "Antwoord N" label when that is there; None when it is not found."""
    letters = _letters(answer)
    if not letters:
        return None
    label = re.compile(rf"\bAntwoord\s+{first}\b").search(text, cursor)
    begin = full.index_at(label.end() if label else cursor)
    head = letters[:ANCHOR_LETTERS]
    at = full.text.find(head, begin)
    if at < 0 or (label and at - begin > 40):
        return None
    tail = letters[-ANCHOR_LETTERS:]
    end_at = full.text.find(tail, max(at, at + len(letters) - len(tail) - 40))
    if end_at < 0 or end_at - at > 2 * len(letters) + 200:
        return None
    start = _widen(text, full.offsets[at], answer[: _LETTER.search(answer).start()], -1)
    last = _LETTER.search(answer[::-1]).start()  # the characters after the answer's last letter
    end = _widen(text, full.offsets[end_at + len(tail) - 1] + 1, answer[len(answer) - last :], 1)
    return start, end


def _widen(text: str, at: int, edge: str, step: int) -> int:
    """An offset moved over the answer's digits and punctuation before its first letter
    (step -1) or after its last (step 1): "125 miljoen", "in 2024."."""
    edge = edge.strip()
    for char in edge[::-1] if step < 0 else edge:
        if char.isspace():
            continue
        probe = at if step > 0 else at - 1
        while 0 <= probe < len(text) and text[probe].isspace():
            probe += step
        if not (0 <= probe < len(text)) or text[probe] != char:
            break
        at = probe + 1 if step > 0 else probe
    return at


def _body_spans(document: Document) -> list[tuple[int, int, int]]:
    """(page index, start, end) of each block of running text, as offsets in the full text
    (the pages joined by newlines): footnotes and page footers are not the answer's text."""
    spans: list[tuple[int, int, int]] = []
    base = 0
    for index, page in enumerate(document.pages):
        pos = 0
        for block in page.blocks:
            end = pos + len(block.text)
            if block.kind != "footnote" and not _FOOTER.match(block.text):
                spans.append((index, base + pos, base + end))
            pos = end + 1
        base += len(page.text) + 1
    return spans


def _pieces(start: int, end: int, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The located answer cut at pages, footnotes and footers: (page index, start, end) in
    the full text, adjacent blocks of one page joined."""
    pieces: list[tuple[int, int, int]] = []
    for page, lo, hi in spans:
        lo, hi = max(lo, start), min(hi, end)
        if lo >= hi:
            continue
        if pieces and pieces[-1][0] == page and pieces[-1][2] + 1 >= lo:
            pieces[-1] = (page, pieces[-1][1], hi)
        else:
            pieces.append((page, lo, hi))
    return pieces


def _shares_answer(one: KamerVraag, other: KamerVraag) -> bool:
    """Questions answered together ("Antwoord 3, 4 en 5") or sub-questions of one number
    ("4a", "4b") share one answer."""
    if one.answer != other.answer:
        return False
    main = re.compile(r"\d+")
    same_main = main.match(one.number).group() == main.match(other.number).group()
    return bool(one.together and one.together == other.together) or same_main


def _context(group: list[KamerVraag]) -> str:
    """The questions an answer answers, as the retrieval legs index them beside it."""
    return " ".join(q.query for q in group)


def is_answered_kamervragen(document: Document) -> bool:
    """Typed kamervragen, or a text whose questions and answers are labelled "Vraag 1" and
    "Antwoord 1" (an answer letter, pasted text)."""
    if "kamervragen" in (document.meta.doc_type, document.extracted_meta.doc_type):
        return True
    text = "\n".join(page.text for page in document.pages[:5])
    return bool(_VRAAG_1.search(text) and _ANTWOORD_1.search(text))


def answer_chunks(document: Document, windows: Windows, make: MakeChunk) -> list[Chunk]:
    """The answer chunks of answered Kamervragen, in reading order; [] when the document
    holds no answers that can be located (the caller chunks it as any other document).
    `windows(text, base)` cuts a long answer into windows; `make(document, page, position,
    span, context=, answers=)` is the chunk of a page span (chunking.page_chunk)."""
    text = "\n".join(page.text for page in document.pages)
    questions = split_questions(text).questions
    groups: list[list[KamerVraag]] = []
    for question in questions:
        if not question.answer:
            continue
        if groups and _shares_answer(groups[-1][0], question):
            groups[-1].append(question)
        else:
            groups.append([question])
    if not groups:
        return []
    full, spans = _Letters(text), _body_spans(document)
    page_starts, base = [], 0
    for page in document.pages:
        page_starts.append(base)
        base += len(page.text) + 1
    chunks: list[Chunk] = []
    cursor = 0
    for group in groups:
        first = re.match(r"\d+", group[0].number)
        found = _locate(group[0].answer, full, text, cursor, int(first.group()) if first else 0)
        if found is None:
            continue
        cursor = found[1]
        context = _context(group)
        answers = ", ".join(q.number for q in group)
        for page_index, lo, hi in _pieces(*found, spans):
            offset = page_starts[page_index]
            page = document.pages[page_index]
            piece = text[lo:hi]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if not piece:
                continue
            local = lo - offset + lead
            for span in windows(piece, local):
                chunks.append(make(document, page, len(chunks), span, context=context,
                                   answers=answers))  # fmt: skip
    return chunks
