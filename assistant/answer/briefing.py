"""A briefing on a topic: the evidence across all documents, newest first, with the places
where two documents give different figures on the same thing."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant import messages
from assistant.answer.extractive import to_citations
from assistant.models import Briefing, Citation, Evidence


def compose_briefing(topic: str, evidence: list[Evidence]) -> Briefing:
    """Key points, newest document first (then by score), renumbered, with notes."""
    ordered = sorted(to_citations(evidence), key=lambda c: (c.date or "", c.score), reverse=True)
    points = [replace(c, n=i) for i, c in enumerate(ordered, start=1)]
    return Briefing(topic, points, briefing_notes(points))


def briefing_notes(points: list[Citation]) -> list[str]:
    """Where two documents give different figures on the same thing, say which is newer."""
    notes = []
    figure = re.compile(r"\b\d[\d.,]*\b")
    words = [set(re.findall(r"[^\W\d_]{5,}", p.quote.lower())) for p in points]
    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b = points[j]
            if a.document == b.document or len(words[i] & words[j]) < 3:
                continue
            fa, fb = set(figure.findall(a.quote)), set(figure.findall(b.quote))
            if fa and fb and fa != fb:
                newer, older = (a, b) if (a.date or "") >= (b.date or "") else (b, a)
                notes.append(
                    messages.figures_differ(a.n, b.n, newer.n, newer.date, older.n, older.date)
                )
    return notes
