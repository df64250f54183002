"""Dates as Dutch documents and users write them, and as staff cite them."""

from __future__ import annotations

import re
from datetime import date

MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
_MONTHS = {m: i for i, m in enumerate(MONTHS_NL, start=1)}
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
_DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def parse_dutch_date(text: str) -> str | None:
    """The first date in `text` ("15 april 2026", "15-04-2026") as ISO yyyy-mm-dd."""
    for pattern, month_of in ((_DATE_WORDS, lambda s: _MONTHS[s.lower()]), (_DATE_NUMERIC, int)):
        m = pattern.search(text)
        if m:
            try:
                return date(int(m.group(3)), month_of(m.group(2)), int(m.group(1))).isoformat()
            except ValueError:
                continue
    return None


def parse_date(text: str) -> str | None:
    """A date typed by a user, the whole input, as ISO yyyy-mm-dd; None when it is none.

    Accepts ISO ("2026-04-01", "2026/04/01") and the Dutch forms ("1-4-2026", "01.04.2026",
    "1 april 2026"); an impossible day ("31-02-2026") is None too.
    """
    text = text.strip()
    m = _ISO.fullmatch(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    for pattern in (_DATE_WORDS, _DATE_NUMERIC):
        if pattern.fullmatch(text):
            return parse_dutch_date(text)
    return None


def dutch_date(iso: str | None) -> str | None:
    """2026-04-15 → "15 april 2026" and 2024-04 → "april 2024" (as staff write dates); other
    text is returned as is."""
    if iso and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", iso):
        return f"{MONTHS_NL[int(iso[5:]) - 1]} {iso[:4]}"
    if not iso or len(iso) != 10 or iso[4] != "-" or iso[7] != "-":
        return iso
    year, month, day = iso.split("-")
    if not (year.isdigit() and month.isdigit() and day.isdigit() and 1 <= int(month) <= 12):
        return iso
    return f"{int(day)} {MONTHS_NL[int(month) - 1]} {year}"
