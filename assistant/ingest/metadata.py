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


# An Aanhangsel van de Handelingen: answered Kamervragen as the Kamer publishes them.
_AANHANGSEL = re.compile(
    r"Vergaderjaar\s+(\d{4})\s*[–-]\s*\d{2}(\d{2})\s+Aanhangsel van de Handelingen.*?"
    r"antwoorden\s+(\d{1,5})\s+Vragen van\b.*?\bover\s+(.+?)\s*\(ingezonden\s+([^)]+)\)",
    re.S,
)
_RECEIVED = re.compile(r"\(ontvangen\s+(?:\(ontvangen\s+)?(\d{1,2}\s+\w+\s+\d{4})\)")


def aanhangsel_meta(text: str) -> DocumentMeta | None:
    """The metadata of answered Kamervragen: the subject as title, the Aanhangsel number
    as reference, the date the answer was received (else the date the questions were sent
    in); None for any other document."""
    m = _AANHANGSEL.search(text[:3000])
    if m is None:
        return None
    start, end, number, subject, sent = m.groups()
    received = _RECEIVED.search(text[m.end() : m.end() + 1500])
    date = parse_dutch_date(received.group(1) if received else sent)
    subject = " ".join(subject.split())
    return DocumentMeta(
        title=subject[:1].upper() + subject[1:],
        doc_type="kamervragen",
        date=date,
        kenmerk=f"Aanhangsel Handelingen II {start}/{end}, nr. {int(number)}",
    )


def extract_meta(lines: list[str], fallback_title: str) -> DocumentMeta:
    """Metadata as the document states it: Kenmerk, Datum, type and title."""
    head = lines[:400]
    kamervragen = aanhangsel_meta("\n".join(head))
    if kamervragen is not None:
        return kamervragen
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
