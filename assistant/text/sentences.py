"""Sentence spans of Dutch (or English) text: abbreviations and list numbers don't split."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a Dutch sentence. Tested libraries
# (pysbd, sentencex) split "o.a. van", "ca. 5 mln. euro" and "art. 3 lid 2" wrongly.
_ABBREVIATIONS = set(
    """a.s. art. bijv. bv. blz. c.q. ca. d.d. d.w.z. dhr. dr. drs. e.a. e.d. e.v. enz. etc.
    excl. fig. hfst. i.c.m. i.o.m. i.p.v. i.s.m. i.v.m. ing. incl. ir. jl. jr. lid. m.b.t.
    m.b.v. m.i.v. m.n. m.u.v. max. mevr. min. mld. mln. mr. mrd. nl. nr. o.a. o.b.v. o.i.d.
    o.l.v. p. pag. par. prof. red. resp. sr. st. t.a.v. t.b.v. t.o.v. tab. vgl. vnl. vs.
    vz. z.g.a.n. z.s.m. zgn. jan. feb. mrt. apr. jun. jul. aug. sep. sept. okt. nov. dec.
    e.g. i.e. no. approx. cf.""".split()
)
_BOUNDARY = re.compile(r"[.!?]+[’”\"')\]]*\s+(?=[•\"“‘'(A-ZÀ-Ý0-9])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of Dutch (or English) text; abbreviations and list numbers don't split."""
    spans: list[Span] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start : m.start() + 1]
        token = before.split()[-1].lower() if before.split() else ""
        if token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.){2,}", token):
            continue
        if re.fullmatch(r"[a-zà-ÿ]\.", token) and token[0].isupper():
            continue
        if re.fullmatch(r"[A-Z]\.", before.split()[-1]):
            continue  # an initial: "J. de Vries"
        if re.fullmatch(r"\d{1,2}\.", token):
            prev = text[start : m.start() - len(token) + 1].rstrip()
            if not prev or prev.endswith((":", ";", "\n")):
                continue  # an enumerator: "Dit zijn: 1. ..."
        end = m.end()
        trimmed = end
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        spans.append(Span(start, trimmed))
        start = end
    tail = text[start:].rstrip()
    if tail.strip():
        spans.append(Span(start, start + len(tail)))
    return spans
