"""Metadata as a document states it: title, type, date and kenmerk."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.models import DocumentMeta
from assistant.text.dates import parse_dutch_date


def _labelled_value(lines: list[str], label: str, accept: Callable[[str], bool]) -> str | None:
    pattern = re.compile(rf"^\s*{label}\s*:?\s*(.*)$", re.I)
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m:
            continue
        candidates = [m.group(1)] + [ln for ln in lines[i + 1 : i + 4] if ln.strip()][:1]
        for value in candidates:
            value = value.strip()
            if value and accept(value):
                return value
    return None


def extract_meta(lines: list[str], fallback_title: str) -> DocumentMeta:
    """Metadata as the document states it: Kenmerk, Datum, type and title."""
    head = lines[:400]
    kenmerk = _labelled_value(
        head, r"(?:ons\s+)?kenmerk", lambda v: any(c.isdigit() for c in v) and len(v) <= 60
    )
    date_value = _labelled_value(
        head, r"datum(?:\s+aangemaakt)?", lambda v: parse_dutch_date(v) is not None
    )
    iso_date = parse_dutch_date(date_value) if date_value else None
    if iso_date is None:
        m = re.search(r"Den Haag,?\s+(\d{1,2}\s+\w+\s+\d{4})", "\n".join(head))
        iso_date = parse_dutch_date(m.group(1)) if m else None
    title = _labelled_value(head, r"(?:betreft|onderwerp)", lambda v: len(v) > 3) or fallback_title
    return DocumentMeta(
        title=title.strip(), doc_type=_guess_doc_type(head), date=iso_date, kenmerk=kenmerk
    )


def _guess_doc_type(lines: list[str]) -> str:
    text = "\n".join(lines).lower()
    if "geachte voorzitter" in text or "tweede kamer der staten-generaal" in text:
        return "kamerbrief"
    if re.search(r"^\s*nota\b", text, re.M) or "geadviseerd besluit" in text:
        return "nota"
    if "samenvatting" in text and ("inhoudsopgave" in text or "onderzoek" in text):
        return "studie"
    return "other"
