"""Passages that every nota or letter carries whatever its subject: the standard "no
particular considerations" lines, the redaction notice, footnote lines, the entries of a list
of sources, letterhead labels and signature lines; and the page furniture of converted
documents (contents entries, running headers, the numbers of a chart's axes). They say
nothing about a topic, so a briefing (or a source card) leaves them out, and no answer
quotes them (a note naming a source only where the question asks for the source).

`is_boilerplate(text, section)` is a pure check on the passage text and its heading.
"""

from __future__ import annotations

import re

from assistant.text.figures import YEAR

# Whole-passage phrases of the standard nota paragraphs.
_STANDARD = re.compile(
    r"geen bijzondere \w+ (?:overwegingen|gevolgen|aandachtspunten)"
    r"|persoonsgegevens\b.{0,120}\bgelakt"
    r"|(?:worden|wordt|zijn) gelakt vanwege"
    r"|geen communicatie voorzien"
    r"|er is geen (?:persbericht|woordvoeringslijn)"
    r"|niet openbaar (?:wordt|worden) gemaakt"
    r"|\[redacted",
    re.IGNORECASE,
)
# Labels of a letterhead or a routing block; a short passage made of these is no content.
_LETTERHEAD = re.compile(
    r"\b(?:ter beslissing|ter informatie|ter advisering|datum aangemaakt|kenmerk|"
    r"bijlage\(?n?\)?|parafenroute|kopie aan|auteur|uw referentie|onze referentie|"
    r"ons kenmerk|uw kenmerk|contactpersoon|postbus|retouradres|directoraat-generaal|"
    r"directie \w+|datum|pagina \d+ van \d+|telefoon|e-mail|www\.\S+)",
    re.IGNORECASE,
)
# The closing of a letter or nota: a greeting, a function line, "w.g.".
_SIGNATURE = re.compile(
    r"^(?i:hoogachtend|met vriendelijke groet|w\.g\.)[,.]?$"
    r"|^(?i:de (?:minister|staatssecretaris|hoofddirecteur|directeur(?:-generaal)?|"
    r"secretaris-generaal|plaatsvervangend \w+))"
    r"(?:,? (?:van|voor|en|der|de|het|[A-ZÀ-Ý][\w.’'-]*|[A-Z]\.))*[,.]?$",
)
# A footnote line: its number, then a source (a year in brackets, a URL, a Kamerstuk).
_FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+(?:[A-ZÀ-Ý(‘'\"“]|https?://|www\.)")
_SOURCE_MARK = re.compile(
    r"\((?:[^()]*\b(?:19|20)\d{2})\)|https?://|\bwww\.|\bkamerstuk(?:ken)?\b|\bnr\.\s*\d"
    r"|\bvergaderjaar\b|\bibid\b",
    re.IGNORECASE,
)
# An endnote that names a source: its number ("33)" or "33"), the author or publisher up to
# the first comma (capitalised words and the small words between them: "Ministry of the
# Interior and Kingdom Relations,"), then a year, page or paper number. A note that says
# something ("37 Onderzoek wijst uit dat …", "15 Er wordt in 2025 …") has lower-case words
# before its first comma, or goes on after its source (the words' bound), or lists terms
# (the commas' bound: "44 Doctrine, Opleiding, Training, …").
_NOTE_NUMBER = re.compile(r"(?:^|\s)\d{1,3}\)\s")
_SOURCE_ENTRY = re.compile(
    r"^\d{1,3}\)?\s+(?:(?:[A-ZÀ-Ý][\w.’'&-]*|\d[\d.]*|&|of|the|and|for|on|in|van|de|het|der|"
    r"en|voor)\s+){0,11}[A-ZÀ-Ý][\w.’'&-]*,\s"
)
_ENTRY_COMMAS = 5
# A note that says something has a finite verb; a source's title rarely has one of these.
_STATES = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|kan|kunnen|zal|zullen|"
    r"moet|moeten|blijkt|geldt|are|were|has|have|will|can)\b",
    re.IGNORECASE,
)
_SOURCE_DETAIL = re.compile(
    rf"{YEAR.pattern}|\bp\.\s*\d|https?://|\bwww\.|\bkamerstuk|\bnr\.\s*\d|\bno\.\s*\d",
    re.IGNORECASE,
)
# Page furniture of converted documents: a table of contents entry (a Markdown link to an
# anchor, "(Page 32)", dotted leaders) and a running header ending in its page number.
_CONTENTS = re.compile(r"\]\(#[^)]*\)|\(page \d+\)|\.{4,}\s*\d+", re.IGNORECASE)
_NUMERIC = re.compile(r"^[<>≥≤€$]?\d[\d.,]*(?:[-–][\d.,]+)?%?$")
_SEPARATOR = re.compile(r"^[·•|/-]$")
_CAPS = re.compile(r"^[A-ZÀ-Ý&]{3,}$")
_AXIS = re.compile(r"(?:(?<!\S)\d[\d.,]*%?(?:\s+|$)){6}")  # six numbers in a row: a chart's axis
# The addressee line of a nota.
_ADDRESS = re.compile(r"^aan de (?:minister|staatssecretaris|voorzitter)\b[^.]*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# a figure's or table's caption: "Figuur 1. Strategische agenda - …", "Tabel 3: …"
_CAPTION = re.compile(
    r"^\W*(?:figuur|figure|fig\.|tabel|table|grafiek|chart|afbeelding|kader|box)\s*\d+",
    re.IGNORECASE,
)
_CAPTION_WORDS = 25  # a longer passage after a caption number is text that reads on
_TITLE_LINE_WORDS = 15
# a question after what a document or part of it is called: its title is the answer
_NAME_ASKED = re.compile(
    r"\b(hoe heet|heette|titel|title|what is (?:it|the \w+) called|naam van)\b", re.IGNORECASE
)
# The heading of a document's list of notes or sources: what stands under it points to a
# source, whatever the sentence-level checks make of an entry split over two passages.
_NOTES_HEADING = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:end\s?notes|foot\s?notes|notes|noten|eindnoten|voetnoten|"
    r"bronnen(?:lijst)?|literatuur(?:lijst)?|referenties|references|bibliogra(?:fie|phy)|"
    r"sources)$",
    re.IGNORECASE,
)


def is_boilerplate(text: str, section: str = "") -> bool:
    """Whether a passage is standard nota text, a footnote, letterhead or a signature line
    rather than content, or stands under the heading `section` of a list of notes."""
    flat = " ".join(text.split())
    if not flat or is_notes_section(section):
        return True
    if is_standard_line(flat):
        return True
    if _SIGNATURE.match(flat):
        return True
    if _ADDRESS.match(flat):
        return True
    return is_source_entry(flat) or _mostly_letterhead(flat) or _page_furniture(flat)


def is_standard_line(text: str) -> bool:
    """Whether a passage is one of the standard nota paragraphs ("Er zijn bij de brief geen
    bijzondere juridische overwegingen.")."""
    flat = " ".join(text.split())
    return bool(_STANDARD.search(flat)) and len(_WORD.findall(flat)) <= 40


# What a standard paragraph is about, in the words a question asks after it with
_STANDARD_TOPICS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"juridisch|\blegal",
        r"financi[eë]l|budget",
        r"\bpers\b|persbericht|woordvoering|\bpress\b|communicat",
        r"persoonsgegevens|gelakt|lakken|openbaar|personal|redact",
    )
)


def asks_after_standard_line(question: str, text: str) -> bool:
    """Whether a question asks after what a standard paragraph says: "Zijn er juridische
    aandachtspunten bij de brief?" is answered by "Er zijn bij de brief geen bijzondere
    juridische overwegingen.", a question about anything else is not."""
    return is_standard_line(text) and any(
        topic.search(question) and topic.search(text) for topic in _STANDARD_TOPICS
    )


def is_label(text: str, title: str = "", section: str = "", question: str = "") -> bool:
    """Whether a passage only labels something: a figure's or table's caption, or a line
    made of the words of its document's title or its heading ("2025–2029 Defensie Strategie
    voor Industrie en Innovatie", a title repeated in a table cell). It names what a part of
    the document is about and answers nothing, unless the question asks what that part is
    called."""
    flat = " ".join(text.split())
    words = [w.lower() for w in _WORD.findall(flat)]
    if not words or _NAME_ASKED.search(question):
        return False
    if _CAPTION.match(flat) and len(words) <= _CAPTION_WORDS:
        return True
    own = {w.lower() for w in _WORD.findall(f"{title} {section}")}
    return len(words) <= _TITLE_LINE_WORDS and all(w in own for w in words)


def is_notes_section(section: str) -> bool:
    """Whether a heading is that of a list of notes or sources ("Endnotes", "Literatuur")."""
    return bool(_NOTES_HEADING.match(" ".join(section.split())))


def is_source_entry(text: str) -> bool:
    """Whether a passage is a footnote or endnote that names a source ("2 Kamerstuk 31 125,
    nr. 133.", "33) Berenschot, Rapport …, April 2024, p. 9."), or a run of endnotes: what a
    reader follows to a source, never an answer in itself. A note that says something ("15
    Er wordt in 2025 … gedeeld.") is content."""
    flat = " ".join(text.split())
    if _SOURCE_DETAIL.search(flat) and len(_NOTE_NUMBER.findall(flat)) >= 2:
        return True
    if len(_WORD.findall(flat)) > 40 or _STATES.search(flat):
        return False
    if _FOOTNOTE.match(flat) and _SOURCE_MARK.search(flat):
        return True
    first = re.split(r"[;.]\s", flat, maxsplit=1)[0]
    return (
        bool(_SOURCE_ENTRY.match(flat) and _SOURCE_DETAIL.search(flat))
        and first.count(",") <= _ENTRY_COMMAS
    )


def _mostly_letterhead(flat: str) -> bool:
    """A short passage whose words are mostly letterhead labels (or that has no sentence
    at all, only labels and names)."""
    words = _WORD.findall(flat)
    if len(words) > 25:
        return False
    labels = [m.group(0) for m in _LETTERHEAD.finditer(flat)]
    label_words = sum(len(_WORD.findall(label)) for label in labels)
    if label_words >= 2 and label_words * 2 >= len(words):
        return True
    # Labels and names without a sentence: a routing block or a letterhead line.
    return bool(labels) and len(words) <= 12 and not re.search(r"[.!?:;]\s*$", flat)


def _page_furniture(flat: str) -> bool:
    """A contents entry, the axis labels of a chart (mostly numbers), a contents page in
    capitals, or a running header: words without a sentence, ending in a page number."""
    if _CONTENTS.search(flat):
        return True
    tokens = flat.split()
    numbers = sum(1 for t in tokens if _NUMERIC.match(t))
    separators = sum(1 for t in tokens if _SEPARATOR.match(t))
    if (
        numbers >= 3
        and numbers + separators >= 5
        and numbers * 10 >= (len(tokens) - separators) * 3
    ):
        return True
    if _AXIS.search(flat):
        return True
    if numbers >= 3 and sum(1 for t in tokens if _CAPS.match(t)) >= 4:
        return True
    words = _WORD.findall(flat)
    return (
        len(words) <= 20
        and re.search(r"\s\d{1,3}$", flat) is not None
        and not re.search(r"[.!?;:,]", flat)
    )
