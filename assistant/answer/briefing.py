"""A briefing on a topic: per document, newest first, its key points and then its figures,
with boilerplate left out and the places where two documents give different figures on the
same thing flagged.

Entry point: `compose_briefing(topic, evidence)`; whether the documents cover the topic at
all is the answer step's decision, taken before (`Assistant.brief`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant import messages
from assistant.answer.extractive import to_citations
from assistant.models import Briefing, BriefingSection, Citation, Evidence
from assistant.text.analysis import same_words
from assistant.text.boilerplate import is_boilerplate
from assistant.text.dates import dutch_date
from assistant.text.figures import Figure, around, figures, keywords, years

MAX_DOCUMENTS = 6
MAX_POINTS = 4  # key points per document
MAX_FIGURES = 4  # passages with figures per document
MAX_NOTES = 5
# Passages scoring below this share of the best one are too loosely related to the topic
# to brief on (the retriever always returns its full count).
MIN_RELATIVE_SCORE = 0.5
SHARED_WORDS = 2  # words around two figures in common before they count as the same measure
# Two figures of one measure in two documents lie close together; a figure many times the
# other (a total against a part, 11% R&D against half of turnover) measures something else.
MAX_RATIO = 2.0
MIN_WORDS = 4  # fewer words make no point (a chart's legend, a label)
REPEAT_CHARS = 60  # passages of one document that begin alike are shown once


def compose_briefing(topic: str, evidence: list[Evidence]) -> Briefing:
    """Group the evidence by document, newest first; per document the key points then the
    passages with figures, each in reading order; number them in the order shown."""
    kept, left_out = relevant(evidence)
    by_document: dict[str, list[tuple[Evidence, Citation]]] = {}
    for e, c in kept:
        by_document.setdefault(c.document, []).append((e, c))
    documents = sorted(
        by_document.values(),
        key=lambda pairs: (pairs[0][1].date or "", max(c.score for _, c in pairs)),
        reverse=True,
    )[:MAX_DOCUMENTS]
    sections: list[BriefingSection] = []
    points: list[Citation] = []
    for pairs in documents:
        with_figures = [(e, c) for e, c in pairs if figures(c.quote)]
        plain = [(e, c) for e, c in pairs if not figures(c.quote)]
        section_points = _renumber(_in_reading_order(plain, MAX_POINTS), len(points))
        points += section_points
        section_figures = _renumber(_in_reading_order(with_figures, MAX_FIGURES), len(points))
        points += section_figures
        first = pairs[0][1]
        sections.append(
            BriefingSection(
                first.document,
                first.title,
                first.doc_type,
                first.date,
                first.kenmerk,
                section_points,
                section_figures,
            )  # fmt: skip
        )
    return Briefing(topic, points, figure_notes(points), sections, left_out)


def relevant(evidence: list[Evidence]) -> tuple[list[tuple[Evidence, Citation]], int]:
    """The evidence worth briefing on, with its citations, and how many passages were left
    out as boilerplate (standard nota lines, footnotes, letterhead, page furniture, the title
    again, fragments of a few words)."""
    content: list[tuple[Evidence, Citation]] = []
    for e, c in zip(evidence, to_citations(evidence), strict=True):
        flat = same_words(c.quote)
        words = len(re.findall(r"[^\W\d_]{2,}", c.quote))
        if not (
            is_boilerplate(c.quote, c.section) or flat in same_words(c.title) or words < MIN_WORDS
        ):
            content.append((e, c))
    if not content:
        return [], len(evidence)
    best = max(e.score for e, _ in content)
    kept: list[tuple[Evidence, Citation]] = []
    seen: set[tuple[str, str]] = set()
    for e, c in content:
        key = (c.document, same_words(c.quote)[:REPEAT_CHARS])  # a chart's labels come twice
        if e.score >= MIN_RELATIVE_SCORE * best and key not in seen:
            seen.add(key)
            kept.append((e, c))
    return kept, len(evidence) - len(content)


def _in_reading_order(pairs: list[tuple[Evidence, Citation]], limit: int) -> list[Citation]:
    """The best `limit` passages by score, shown in the order they stand in the document."""
    best = sorted(pairs, key=lambda pair: -pair[1].score)[:limit]
    best.sort(key=lambda pair: (pair[0].chunk.position, pair[0].chunk.text.find(pair[0].quote)))
    return [c for _, c in best]


def _renumber(citations: list[Citation], before: int) -> list[Citation]:
    return [replace(c, n=before + i) for i, c in enumerate(citations, start=1)]


def figure_notes(points: list[Citation]) -> list[str]:
    """Where two documents give a different figure of the same unit with the same words
    around it (and no different years that would explain it), name both and say which
    document is newer."""
    notes: list[str] = []
    found = {c.n: figures(c.quote) for c in points}
    for i, a in enumerate(points):
        for b in points[i + 1 :]:
            if a.document == b.document or len(notes) >= MAX_NOTES:
                continue
            pair = _differing(a, found[a.n], b, found[b.n])
            if pair:
                notes.append(_note(a, b, *pair))
    return notes


def _differing(a: Citation, fa: list[Figure], b: Citation, fb: list[Figure]
               ) -> tuple[Figure, Figure, list[str]] | None:  # fmt: skip
    """The first two figures of `a` and `b` that measure the same thing differently, with
    the words they share."""
    for x in fa:
        for y in fb:
            if x.unit != y.unit or _same_value(x.value, y.value) or _far(x.value, y.value):
                continue
            near_a, near_b = around(a.quote, x), around(b.quote, y)
            ya, yb = years(near_a), years(near_b)
            if ya and yb and not ya & yb:
                continue  # figures of different years
            unit = keywords(x.unit)
            shared = (keywords(near_a) & keywords(near_b)) - unit
            if len(shared) >= SHARED_WORDS:
                words = [w for w in re.findall(r"[^\W\d_][\w-]*", near_a)
                         if w.lower()[:6] in shared]  # fmt: skip
                return x, y, list(dict.fromkeys(w.lower() for w in words))[:3]
    return None


def _far(x: float, y: float) -> bool:
    low, high = sorted((abs(x), abs(y)))
    return low == 0 or high / low > MAX_RATIO


def _same_value(x: float, y: float) -> bool:
    return abs(x - y) <= 0.005 * max(abs(x), abs(y))


def _note(a: Citation, b: Citation, x: Figure, y: Figure, about: list[str]) -> str:
    order = None
    if a.date and b.date and a.date != b.date:
        newer, older = (a, b) if a.date > b.date else (b, a)
        order = (newer.n, dutch_date(newer.date), older.n, dutch_date(older.date))
    return messages.figures_differ(", ".join(about), _lower(x.text), a.n, _lower(y.text), b.n,
                                   order)  # fmt: skip


def _lower(text: str) -> str:
    """ "Circa de helft" inside a sentence: "circa de helft" (not "EUR" or "NLDTIB")."""
    return text[0].lower() + text[1:] if text[:2].istitle() else text
