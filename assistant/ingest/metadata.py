"""Metadata as a document states it: title, type, date and kenmerk."""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.ingest.publication import (
    author_organisation,
    publication_type,
    stated_month,
    title_page,
)
from assistant.models import DocumentMeta
from assistant.text.clean import join_lines
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
_ASKED_BY = re.compile(
    r"Vragen van (?:het lid|de leden)\s+(.+?)\s+(?:aan\s+de|aan\s+het|over)\s", re.S
)
_ANSWERED_BY = re.compile(r"\bAntwoord(?:en)? van\s+(.+?)\s*\(ontvangen", re.S)


def aanhangsel_meta(text: str) -> DocumentMeta | None:
    """The metadata of answered Kamervragen: the subject as title, the Aanhangsel number
    as reference, the date the answer was received (else the date the questions were sent
    in), the members who asked and who answered; None for any other document."""
    m = _AANHANGSEL.search(text[:3000])
    if m is None:
        return None
    start, end, number, subject, sent = m.groups()
    after = text[m.end() : m.end() + 1500]
    received = _RECEIVED.search(after)
    received_on = parse_dutch_date(received.group(1)) if received else None
    sent_on = parse_dutch_date(sent)
    subject = " ".join(subject.split())
    asked_by = _ASKED_BY.search(text[m.start() : m.end()])
    answered_by = _ANSWERED_BY.search(after)
    return DocumentMeta(
        title=subject[:1].upper() + subject[1:],
        doc_type="kamervragen",
        date=received_on or sent_on,
        kenmerk=f"Aanhangsel Handelingen II {start}/{end}, nr. {int(number)}",
        asked_by=" ".join(asked_by.group(1).split()) if asked_by else None,
        answered_by=" ".join(answered_by.group(1).split()) if answered_by else None,
        sent=sent_on,
        received=received_on,
    )


# A Kamerstuk as the Kamer publishes it: its dossier, title and number head the first page,
# and every page's footer repeats "Tweede Kamer, vergaderjaar 2023–2024, 36 410 X, nr. 93".
_KST_FOOTER = re.compile(r"Tweede Kamer, vergaderjaar \d{4}\s*[–-]\s*\d{4}, (.+?), nr\. (\d+)")
_KST_DOSSIER = re.compile(r"^(\d{2} \d{3}(?:-[\w.]+)?(?: [IVXLC]+\b| [A-Z]\b)?)\s+(\S.*)$")
_KST_NUMBER = re.compile(r"^Nr\. (\d+)\s*(.*)$")


def kamerstuk_meta(lines: list[str]) -> DocumentMeta | None:
    """A published Kamerstuk: the dossier title as title, "Kamerstuk 36 410 X, nr. 93" as
    reference, the date it was signed; a letter of the government (BRIEF VAN ...) is a
    kamerbrief. None for any other document."""
    head = [ln.strip() for ln in lines[:40] if ln.strip()]
    year = next((i for i, ln in enumerate(head) if re.match(r"^Vergaderjaar \d{4}", ln)), None)
    if year is None or not any("Tweede Kamer der Staten-Generaal" in ln for ln in head[:year]):
        return None
    m = _KST_DOSSIER.match(head[year + 1]) if year + 1 < len(head) else None
    if m is None:
        return None
    dossier, title, kind, number = m.group(1), m.group(2), "", None
    for line in head[year + 2 : year + 8]:
        nr = _KST_NUMBER.match(line)
        if nr:
            number, kind = nr.group(1), nr.group(2)
            break
        title = join_lines(title, line)
    footer = _KST_FOOTER.search("\n".join(lines[:200]))
    if footer:
        dossier, number = footer.group(1), footer.group(2)
    if number is None:
        return None
    # a letter is signed "Den Haag, 7 juni 2024"; a motion "Voorgesteld 12 november 2024"
    signed = re.search(r"(?:Den Haag,?|Voorgesteld)\s+(\d{1,2}\s+\w+\s+\d{4})", "\n".join(head))
    return DocumentMeta(
        title=title,
        doc_type="kamerbrief" if kind.upper().startswith("BRIEF") else "kamerstuk",
        date=parse_dutch_date(signed.group(1)) if signed else None,
        kenmerk=f"Kamerstuk {dossier}, nr. {number}",
    )


# The letterhead's right column ("Bij beantwoording, datum, onze referentie en onderwerp
# vermelden.") runs into the subject line in a text conversion of a Rijksoverheid letter.
_LETTERHEAD_TAIL = re.compile(
    r"\s*(?:bij beantwoording,?(?: datum,?)?|onze referentie en|onderwerp vermelden\.?)\s*$",
    re.I,
)
_LABEL = re.compile(r"^\s*(betreft|onderwerp|datum|kenmerk|ons kenmerk|uw kenmerk|bijlage)", re.I)


def _subject(lines: list[str]) -> str | None:
    """The "Betreft"/"Onderwerp" line without the letterhead run into it, with its wrapped
    continuation (a next line that starts in lower case)."""
    pattern = re.compile(r"^\s*(?:betreft|onderwerp)\b\s*:?\s*(.*)$", re.I)
    for i, line in enumerate(lines):
        m = pattern.match(line)
        if not m:
            continue
        rest = [ln for ln in lines[i + 1 : i + 6] if ln.strip()]
        value = m.group(1).strip()
        if not value and rest:
            value, rest = rest[0].strip(), rest[1:]
        value = _LETTERHEAD_TAIL.sub("", value)
        for nxt in rest[:2]:
            nxt = _LETTERHEAD_TAIL.sub("", nxt.strip())
            if not nxt[:1].islower() or len(nxt) > 60 or _LABEL.match(nxt):
                break
            value = join_lines(value, nxt)
        if len(value) > 3:
            return value.strip()
    return None


def extract_meta(pages: list[list[str]], fallback_title: str) -> DocumentMeta:
    """Metadata as the document states it, from its cleaned lines per page: answered
    Kamervragen, a published Kamerstuk, a letter or nota (Betreft, Kenmerk, Datum), or a
    publication (title page, author organisation, month and year). A field the document
    does not state stays None; the title falls back to `fallback_title` (the file name)."""
    lines = [ln for page in pages for ln in page]
    head = lines[:400]
    for special in (aanhangsel_meta("\n".join(head)), kamerstuk_meta(head)):
        if special is not None:
            return special
    kenmerk = _labelled_value(
        head,
        r"(?:ons\s+kenmerk|onze\s+referentie|kenmerk)",
        lambda v: any(c.isdigit() for c in v) and len(v) <= 60,
    )
    date_value = _labelled_value(
        head, r"datum(?:\s+aangemaakt)?", lambda v: parse_dutch_date(v) is not None
    )
    iso_date = parse_dutch_date(date_value) if date_value else None
    if iso_date is None:
        m = re.search(r"Den Haag,?\s+(\d{1,2}\s+\w+\s+\d{4})", "\n".join(head))
        iso_date = parse_dutch_date(m.group(1)) if m else None
    doc_type = _letter_type(head)
    title = _subject(head) or (_nota_title(head) if doc_type == "nota" else None)
    if doc_type == "other" and not (title or kenmerk or date_value) and len(pages) > 1:
        published = _publication_meta(pages)
        if published is not None:
            return published
    if doc_type == "other" and _reads_like_study(head):
        doc_type = "studie"
    return DocumentMeta(
        title=title or fallback_title, doc_type=doc_type, date=iso_date, kenmerk=kenmerk
    )


def _publication_meta(pages: list[list[str]]) -> DocumentMeta | None:
    first = next((page for page in pages if any(ln.strip() for ln in page)), [])
    title, genre = title_page(first)
    if title is None:
        return None
    author = author_organisation(pages)
    return DocumentMeta(
        title=title,
        doc_type=publication_type(title, genre, author),
        date=stated_month(pages),
        author=author,
    )


def _nota_title(lines: list[str]) -> str | None:
    """A nota's subject: the lines after its "nota" header (and "TER BESLISSING"), up to
    the next blank line."""
    for i, line in enumerate(lines[:80]):
        if line.strip().lower() != "nota":
            continue
        rest = lines[i + 1 : i + 12]
        while rest and (not rest[0].strip() or re.match(r"^TER [A-Z]+$", rest[0].strip())):
            rest = rest[1:]
        title = ""
        for part in rest:
            if not part.strip():
                break
            title = join_lines(title, part) if title else part.strip()
        return title or None
    return None


def _letter_type(lines: list[str]) -> str:
    text = "\n".join(lines).lower()
    address = "\n".join(lines[:60]).lower()
    if "geachte voorzitter" in text or "tweede kamer der staten-generaal" in address:
        return "kamerbrief"
    if re.search(r"^\s*nota\b", text, re.M) or "geadviseerd besluit" in text:
        return "nota"
    return "other"


def _reads_like_study(lines: list[str]) -> bool:
    text = "\n".join(lines).lower()
    return "samenvatting" in text and ("inhoudsopgave" in text or "onderzoek" in text)
