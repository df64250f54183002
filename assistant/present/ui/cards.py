"""HTML and table rows for the workspace: the sources beside the conversation.

Each answer's sources become cards: first the passages the answer cites, then, folded away
under "Ook gevonden", passages that were found but not used. A passage is shown once: two
citations whose passages overlap on the same page share one card (a cited one takes in the
other's number), and a found passage that repeats a card already shown is left out, as is
one that is letterhead, a signature or standard nota text (`is_boilerplate`). Every card
carries an anchor per number (`bron-<turn>-<n>`), the target of the [n] links in the answer.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from assistant import messages
from assistant.models import Answer, Citation, DocumentRecord
from assistant.service import Assistant
from assistant.text.boilerplate import is_boilerplate
from assistant.text.dates import dutch_date

CONTEXT_CHARS = 300  # page text shown on either side of the quote

CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; margin: 8px 0;
  scroll-margin: 80px;}
.source-card h4 {margin: 0 0 4px 0;}
.source-card.flash {animation: flash 1.6s ease-out;}
@keyframes flash {from {background: #fff3b0;} to {background: transparent;}}
.source-meta {color: #57606a; font-size: 0.9em; margin-bottom: 6px;}
.source-card mark, .document-text mark {background: #fff3b0; padding: 0 2px;}
.passage {font-size: 0.95em; line-height: 1.45;}
.open-source {font-size: 0.9em;}
.found-too > summary, .earlier-turn > summary {cursor: pointer; font-weight: 600; margin: 8px 0;}
.document-text {max-height: 70vh; overflow-y: auto; white-space: normal; line-height: 1.5;
  border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px;}
#filters-line p {margin: 0;}
"""


def type_label(doc_type: str) -> str:
    return messages.DOC_TYPE_LABELS.get(doc_type, doc_type)


@dataclass
class Card:
    """One passage of one page, with every citation that points into it."""

    first: Citation
    cited: bool
    start: int  # the passage: a window of the page text
    end: int
    citations: list[Citation] = field(default_factory=list)

    @property
    def quotes(self) -> list[str]:
        return [c.quote for c in self.citations]

    def overlaps(self, c: Citation, start: int, end: int) -> bool:
        same_place = c.document == self.first.document and c.page == self.first.page
        return same_place and (c.quote in self.quotes or (start < self.end and self.start < end))


def _window(page_text: str, quote: str) -> tuple[int, int]:
    at = page_text.find(quote)
    if at < 0:
        return 0, 0
    return max(0, at - CONTEXT_CHARS), min(len(page_text), at + len(quote) + CONTEXT_CHARS)


def build_cards(assistant: Assistant, answer: Answer) -> list[Card]:
    """The answer's cards: cited passages first (in the order of their numbers), then the
    found ones, each passage once and no boilerplate among the found."""
    used = answer.cited
    found = [c for c in answer.citations if c not in used]
    cards: list[Card] = []
    pages: dict[tuple[str, int | None], str] = {}
    for is_cited, group in ((True, used), (False, found)):
        for c in group:
            key = (c.document, c.page)
            if key not in pages:
                pages[key] = assistant.page_text(c.document, c.page)
            start, end = _window(pages[key], c.quote)
            same = next((card for card in cards if card.overlaps(c, start, end)), None)
            if same is not None:
                if is_cited:  # both cited: one passage, both numbers
                    same.citations.append(c)
                    same.start, same.end = min(same.start, start), max(same.end, end)
                continue
            if not is_cited and is_boilerplate(c.quote, c.section):
                continue
            cards.append(Card(c, is_cited, start, end, [c]))
    return cards


def card_of(assistant: Assistant, answer: Answer, n: int) -> Card | None:
    """The card that shows citation [n]."""
    return next(
        (card for card in build_cards(assistant, answer) if n in [c.n for c in card.citations]),
        None,
    )


def _marked(line: str, spans: list[tuple[int, int]]) -> str:
    """One line as HTML with the given character spans in <mark>."""
    parts, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        parts += [html.escape(line[last:start]), f"<mark>{html.escape(line[start:end])}</mark>"]
        last = end
    parts.append(html.escape(line[last:]))
    return "".join(parts)


def _passage(page_text: str, card: Card) -> str:
    """The card's window of the page text with each of its quotes marked; the lines around
    the quote that are letterhead, a signature or standard nota text are left out."""
    if card.end <= card.start:  # the quote is not in the stored page: show the quote alone
        return "".join(f"<mark>{html.escape(q)}</mark> " for q in card.quotes).strip()
    text = page_text[card.start : card.end]
    spans = sorted(
        (at, at + len(q)) for q in card.quotes if (at := text.find(q)) >= 0
    )  # fmt: skip
    lines, offset = [], 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans
                  if s < end and start < e]  # fmt: skip
        if inside or not is_boilerplate(line):
            lines.append(_marked(line, inside))
    before = "…" if card.start else ""
    after = "…" if card.end < len(page_text) else ""
    return before + "<br>".join(lines) + after


def _card_html(assistant: Assistant, card: Card, turn: int) -> str:
    c = card.first
    numbers = "".join(f"[{x.n}]" for x in card.citations)
    anchors = "".join(f'<span id="bron-{turn}-{x.n}"></span>' for x in card.citations)
    kenmerk = f"{messages.KENMERK} {c.kenmerk}" if c.kenmerk else ""
    if c.earlier_answer:  # "Eerder antwoord: Aanhangsel …, antwoord op vraag 8"
        kenmerk = messages.earlier_answer(c.kenmerk, c.answers)
    meta = [type_label(c.doc_type), kenmerk]
    meta += [dutch_date(c.date) or "", c.page_ref or c.section or ""]
    meta += [messages.OCR_MARK if c.ocr else ""]
    page_text = assistant.page_text(c.document, c.page)
    link = ""
    if assistant.document_file(c.document).exists():
        link = (
            f'<a href="#" class="open-source" data-turn="{turn}" data-n="{c.n}">'
            f"{messages.UI_OPEN_AT}{f' ({c.page_ref})' if c.page_ref else ''}</a>"
        )
    return (
        f'<div class="source-card" id="kaart-{turn}-{c.n}">{anchors}'
        f"<h4>{numbers} {html.escape(c.title)}</h4>"
        f'<div class="source-meta">{html.escape(" · ".join(m for m in meta if m))}</div>'
        f'<div class="passage">{_passage(page_text, card)}</div>{link}</div>'
    )


def answer_sources(assistant: Assistant, answer: Answer, turn: int) -> str:
    """The cards of one answer: its sources, then the folded "Ook gevonden"."""
    cards = build_cards(assistant, answer)
    if not cards:
        return f"<p>{messages.NO_PASSAGES}</p>"
    used = [card for card in cards if card.cited]
    others = [card for card in cards if not card.cited]
    parts = [_card_html(assistant, card, turn) for card in used]
    if others:
        parts.append(
            f'<details class="found-too"><summary>{messages.UI_FOUND_TOO} ({len(others)})'
            f'</summary><p class="source-meta">{messages.UI_FOUND_TOO_NOTE}</p>'
            + "".join(_card_html(assistant, card, turn) for card in others)
            + "</details>"
        )
    return "".join(parts)


def sources_panel(assistant: Assistant, turns: list[Answer]) -> str:
    """The sources of the newest answer open, those of earlier answers folded, newest first."""
    if not turns:
        return f"<p>{messages.UI_NO_SOURCES}</p>"
    parts = []
    for turn in range(len(turns), 0, -1):
        answer = turns[turn - 1]
        heading = f"{messages.QUESTION} {turn}: {html.escape(answer.question)}"
        body = answer_sources(assistant, answer, turn)
        if turn == len(turns):
            parts.append(f'<section id="beurt-{turn}"><h3>{heading}</h3>{body}</section>')
        else:
            parts.append(
                f'<details class="earlier-turn" id="beurt-{turn}"><summary>{heading}</summary>'
                f"{body}</details>"
            )
    return "".join(parts)


def documents_table(documents: list[DocumentRecord]) -> list[list]:
    return [
        [d.path, d.title, type_label(d.meta.doc_type), dutch_date(d.meta.date) or "",
         d.meta.kenmerk or "", d.chunks]
        for d in documents
    ]  # fmt: skip
