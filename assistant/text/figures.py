"""Figures in Dutch text: amounts in euro, percentages and shares, counts of a thing.

`figures(text)` finds them with their unit and value, so two passages can be compared: the
same unit, the same words around it and a different value is a figure that differs. Years,
dates, list numbers and document numbers are no figures; a bare number without a unit is
left out too, since what it counts is unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_SCALES = {
    "duizend": 1e3,
    "miljoen": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "miljard": 1e9,
    "mld": 1e9,
    "mrd": 1e9,
    "billion": 1e9,
}
_SCALE = r"(?:duizend|miljoen|mln\.?|million|miljard|mld\.?|mrd\.?|billion)"
_MONEY = re.compile(
    rf"(?:€|\beur\b|\beuro\b)\s?(?P<a>{_NUMBER})(?:\s?(?P<sa>{_SCALE}))?"
    rf"|\b(?P<b>{_NUMBER})(?:\s?(?P<sb>{_SCALE}))?\s?(?:euro|eur)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"\b(?P<n>{_NUMBER})\s?(?:%|procent\b|percent\b)", re.IGNORECASE)
_SHARES = {"de helft": 50.0, "een derde": 100 / 3, "twee derde": 200 / 3, "een kwart": 25.0,
           "driekwart": 75.0, "drie kwart": 75.0}  # fmt: skip
_SHARE = re.compile(r"\b(?P<s>de helft|een derde|twee derde|een kwart|drie ?kwart) van\b",
                    re.IGNORECASE)  # fmt: skip
_COUNT = re.compile(rf"\b(?P<n>{_NUMBER})(?:\s(?P<s>{_SCALE}))?\s(?P<noun>[a-zà-ÿ][a-zà-ÿ-]{{2,}})")
_HEDGE = re.compile(
    r"(?:\b(?:circa|ca\.|ongeveer|ruim|bijna|zo'n|rond|meer dan|minder dan|maximaal|"
    r"minimaal|tenminste|ten minste)\s)$",
    re.IGNORECASE,
)
# Words after a number that are no counted thing: dates, units of time, connectives.
_NOT_A_NOUN = set(
    """januari februari maart april mei juni juli augustus september oktober november
    december jan feb mrt apr jun jul aug sep sept okt nov dec van tot en of in op uit met voor
    naar door bij om te als dan die dat het een der des per tegen over tussen procent percent
    euro eur keer maal jaar jaren maand maanden week weken dag dagen uur uren minuten""".split()
)
_STOP = set(
    """aan al alle als bij dan dat de deze die dit door een en er het hier hun in is met na
    naar niet nog of om onder ook op over te tot uit van voor was wat wel werd worden wordt
    zal zijn zich zij ze the and of to in for circa ongeveer ruim bijna meer minder dan
    totale totaal gemiddeld betreft komt vanuit name euro procent percent duizend miljoen
    miljard million billion""".split()
)
_WORD = re.compile(r"[^\W\d_][\w-]*")
# A year of the last two centuries, as policy texts write one.
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True)
class Figure:
    """One figure: its unit ("euro", "%" or the counted noun), value, the text as written
    (with "circa" and the like) and where it starts in the passage."""

    unit: str
    value: float
    text: str
    start: int = 0


def _number(text: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    return float(text.replace(",", "."))


def _scale(word: str | None) -> float:
    return _SCALES[word.lower().rstrip(".")] if word else 1.0


def _hedged(text: str, start: int, found: str) -> tuple[int, str]:
    """The figure with the "circa" or "ruim" in front of it, and where that starts."""
    hedge = _HEDGE.search(text[max(0, start - 12) : start])
    if not hedge:
        return start, found.strip()
    return start - len(hedge.group(0)), f"{hedge.group(0)}{found}".strip()


def figures(text: str) -> list[Figure]:
    """The figures of a passage, in the order they stand; each span is read once."""
    found: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    for m in _MONEY.finditer(text):
        number, scale = (m["a"], m["sa"]) if m["a"] else (m["b"], m["sb"])
        value = _number(number) * _scale(scale)
        begin, shown = _hedged(text, m.start(), m.group(0))
        found.append((m.start(), Figure("euro", value, shown, begin)))
        taken.append(m.span())
    for m in _PERCENT.finditer(text):
        if free(m):
            begin, shown = _hedged(text, m.start(), m.group(0))
            figure = Figure("%", _number(m["n"]), shown, begin)
            found.append((m.start(), figure))
            taken.append(m.span())
    for m in _SHARE.finditer(text):
        value = _SHARES[re.sub(r"\s+", " ", m["s"].lower())]
        begin, shown = _hedged(text, m.start(), m["s"])
        found.append((m.start(), Figure("%", value, shown, begin)))
        taken.append(m.span())
    for m in _COUNT.finditer(text):
        noun = m["noun"].lower()
        if not free(m) or noun in _NOT_A_NOUN or _not_a_count(text, m):
            continue
        value = _number(m["n"]) * _scale(m["s"])
        begin, shown = _hedged(text, m.start(), m.group(0))
        found.append((m.start(), Figure(noun, value, shown, begin)))
        taken.append(m.span())
    return [figure for _, figure in sorted(found, key=lambda pair: pair[0])]


def _not_a_count(text: str, m: re.Match) -> bool:
    """A year, a list number, a number glued to letters or a range ("TRL 1-6", "F-35")."""
    before = text[max(0, m.start() - 1) : m.start()]
    if before and (before.isalnum() or before in "-/.,:"):  # "instellingen.8": a footnote
        return True
    if YEAR.fullmatch(m["n"]):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    return not text[line_start : m.start()].strip() and text[m.end("n") : m.end("n") + 1] in ".)"


def marked(text: str) -> list[tuple[str, bool]]:
    """The passage cut into pieces, each with whether it is a figure (to print it bold)."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for figure in figures(text):
        if figure.start < at or text[figure.start : figure.start + len(figure.text)] != figure.text:
            continue
        pieces += [(text[at : figure.start], False), (figure.text, True)]
        at = figure.start + len(figure.text)
    pieces.append((text[at:], False))
    return [(piece, bold) for piece, bold in pieces if piece]


def around(text: str, figure: Figure, width: int = 80) -> str:
    """The words around a figure: what it is a figure of."""
    return text[max(0, figure.start - width) : figure.start + len(figure.text) + width]


def keywords(text: str) -> set[str]:
    """The content words of a passage, cut to their first six letters (a crude stem that
    matches "versterken" with "versterking" and "defensie-industrie" with a glued form)."""
    return {w.lower()[:6] for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in _STOP}


def years(text: str) -> set[str]:
    return set(YEAR.findall(text))
