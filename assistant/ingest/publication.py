"""Metadata of publications: studies, reports, strategies, action plans and white papers.

Such a document has no labelled letterhead; it states its title on its title page, its month
and year on the title page or the colophon, and its author organisation on the title page
("Berenschot") or in the colophon ("Dit is een publicatie van: het ministerie van ...").
"""

from __future__ import annotations

import re

from assistant.text.clean import join_lines
from assistant.text.dates import MONTHS_NL, parse_dutch_date

# Research and advisory organisations whose name on a title page means they wrote it.
ORGANISATIONS = (
    "Berenschot", "TNO", "HCSS", "Clingendael", "PwC", "KPMG", "Deloitte", "RAND Europe",
    "CPB", "SEO Economisch Onderzoek", "Rathenau Instituut", "Ecorys", "AWTI", "WRR", "Panteia",
    "Dialogic", "Technopolis", "Decisio", "Andersson Elffers Felix", "Significant", "NLR",
    "Twynstra Gudde", "McKinsey", "Roland Berger", "EY",
)  # fmt: skip
_ORG_RE = {org: re.compile(rf"\b{re.escape(org)}\b", re.I) for org in ORGANISATIONS}

_MONTH_YEAR = re.compile(rf"^({'|'.join(MONTHS_NL)})\s+(\d{{4}})$", re.I)
_YEARS_ONLY = re.compile(r"^\d{4}(\s*[–-]\s*\d{4})?$")
# A genre word alone on a title page line: says what the document is, is not its title.
_GENRE = re.compile(
    r"^(rapport|eindrapport|eindrapportage|report|studie|notitie|publicatie)$", re.I
)
_NOT_TITLE = re.compile(
    r"^(eind)?(rapport(age)?\s+)?in opdracht van\b|^www\.|^https?:|^\d+$|@|^\|", re.I
)
_COLOPHON = re.compile(r"^dit is een (publicatie|uitgave) van\b:?\s*(.*)$", re.I)

_STUDY_WORDS = re.compile(r"\b(rapport|eindrapport\w*|onderzoek|studie|report|analyse)\b", re.I)
_STRATEGY_WORDS = re.compile(
    r"(strategie|strategy|actieagenda|actieplan|action plan|white paper|defensienota|agenda"
    r"|beleidsplan|visie\b)",
    re.I,
)
MAX_TITLE_LINE = 70
MAX_TITLE_LINES = 6


def title_page(lines: list[str]) -> tuple[str | None, str | None]:
    """The title on a title page (its leading short lines) and the genre word above it
    ("RAPPORT"), each None when the page states none. A period alone on the first line
    ("2025–2029") is put after the title, where it is read."""
    genre, parts, period = None, [], None
    for line in (ln.strip() for ln in lines):
        if not line:
            if parts:
                break
            continue
        if not parts and genre is None and _GENRE.match(line):
            genre = line
            continue
        if not parts and period is None and _YEARS_ONLY.match(line):
            period = line
            continue
        if (
            len(line) > MAX_TITLE_LINE
            or _NOT_TITLE.search(line)
            or _MONTH_YEAR.match(line)
            or parse_dutch_date(line)
        ):
            break
        parts.append(line)
        if len(parts) == MAX_TITLE_LINES:
            break
    if not parts:
        return None, genre
    title = parts[0]
    for before, part in zip(parts, parts[1:], strict=False):
        if before.isupper() and part.isupper() and before[-1:].isalnum():
            title = f"{title} – {part}"  # a subtitle set apart in capitals
        else:
            title = join_lines(title, part)
    if period:
        title = f"{title} {period}"
    words = len(title.split())
    return (title if 2 <= words <= 30 else None), genre


def stated_month(pages: list[list[str]]) -> str | None:
    """A date alone on a line of the first two or last two pages, as "yyyy-mm-dd", or
    "yyyy-mm" when only month and year are printed ("April 2024")."""
    for page in [*pages[:2], *pages[-2:]]:
        for line in (ln.strip() for ln in page):
            m = _MONTH_YEAR.match(line)
            if m:
                return f"{m.group(2)}-{MONTHS_NL.index(m.group(1).lower()) + 1:02d}"
            if len(line) <= 20 and (iso := parse_dutch_date(line)):
                return iso
    return None


def author_organisation(pages: list[list[str]]) -> str | None:
    """The organisation that published or wrote the document: named in the colophon ("Dit
    is een publicatie van: ..."), else a research organisation on the first two pages."""
    for page in pages[-2:]:
        lines = [ln.strip() for ln in page if ln.strip()]
        for i, line in enumerate(lines):
            m = _COLOPHON.match(line)
            if not m:
                continue
            name = m.group(2)
            for nxt in lines[i + 1 : i + 4]:
                if _NOT_TITLE.search(nxt) or _MONTH_YEAR.match(nxt):
                    break
                name = join_lines(name, nxt) if name else nxt
            name = re.sub(r"^(het|de)\s+", "", name.strip(), flags=re.I)
            if name:
                return name[:1].upper() + name[1:]
    text = "\n".join(ln for page in pages[:2] for ln in page)
    for org, pattern in _ORG_RE.items():
        if pattern.search(text):
            return org
    return None


def publication_type(title: str, genre: str | None, author: str | None) -> str:
    """strategie for strategies, agendas, action plans and white papers; studie for
    reports and studies; other when the title page says neither."""
    if _STRATEGY_WORDS.search(title):
        return "strategie"
    if genre or _STUDY_WORDS.search(title) or author in ORGANISATIONS:
        return "studie"
    return "other"
