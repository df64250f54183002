"""Repairs the artefacts of text extracted from PDFs and Markdown conversions.

Turns raw lines into structural blocks (headings, paragraphs, list items, footnotes):
hyphenation across line breaks is undone, hard-wrapped lines are rejoined, private-use
bullet glyphs become "•", footnote numbers glued to words are dropped, and lines repeated at
the top or bottom of most pages (running headers and footers) are removed.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.models import Block
from assistant.text.running import page_labels, remove_running
from assistant.text.segment import separate_words

BULLET = "•"
# Symbol-font bullets that PDF extraction leaves in the private-use area (U+F0B7 is the
# classic Word bullet), plus ordinary bullet-like glyphs.
_PUA_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0\uf02d\uf0be"
_BULLET_CHARS = _PUA_BULLETS + "•·▪■□◦●○‣⁃–-*"
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"

_ITEM_RE = re.compile(rf"^\s*(?:[{re.escape(_BULLET_CHARS)}]\s+|\(?\d{{1,2}}[.)]\s+|[a-z][.)]\s+)")
_BULLET_RE = re.compile(rf"^\s*[{re.escape(_BULLET_CHARS)}]\s+")
_FOOTNOTE_RE = re.compile(r"^\s*(\d{1,2})\s+(?=[A-ZÀ-Ý(‘'\"“])")
_SENTENCE_END = tuple(".!?;:")
_SUSPENDED_HYPHEN_NEXT = {"en", "of", "tot", "en/of", "noch"}
_VOWELS = set("aeiouy")
# A heading never ends in an article, preposition or conjunction: such a line is wrapped.
_FUNCTION_WORDS = set(
    "de het een van voor in op aan met door dat die en of tot naar om bij als te over uit the"
    " of and to for in on with by".split()
)


def normalize_chars(text: str) -> str:
    """Unicode NFC, ligatures split, private-use bullets to "•", odd spaces to plain spaces."""
    text = unicodedata.normalize("NFC", text)
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    for glyph in _PUA_BULLETS:
        text = text.replace(glyph, BULLET)
    text = text.replace("\u00ad", "")  # soft hyphen
    text = re.sub(r"[\u00a0\u2007\u202f\t]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _line_key(line: str) -> str:
    """A line with digits masked, so "Pagina 2 van 9" and "Pagina 3 van 9" compare equal."""
    return re.sub(r"\d+", "#", line.strip().lower())


def remove_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop the running headers and footers (and printed page numbers) of paged text: lines
    that recur, digits and punctuation ignored, at the top or bottom of many pages."""
    return remove_running(pages, page_labels(pages))


def remove_repeated_blocks(lines: list[str], min_lines: int = 3) -> list[str]:
    """Drop later copies of a run of `min_lines`+ non-empty lines seen earlier in the text.

    In a text conversion of a multi-page PDF the running page header survives as a block
    that repeats the letterhead; the first copy is kept, later copies are removed.
    """
    content = [(i, ln.strip()) for i, ln in enumerate(lines) if ln.strip()]
    keys = [_line_key(t) for _, t in content]
    seen: set[tuple[str, ...]] = set()
    drop: set[int] = set()
    j = 0
    while j + min_lines <= len(content):
        window = tuple(keys[j : j + min_lines])
        if window in seen and all(len(k) < 80 for k in window):
            end = j + min_lines
            # extend over further lines that also occurred before
            earlier = set(keys[:j])
            while end < len(content) and keys[end] in earlier and len(keys[end]) < 80:
                end += 1
            drop.update(content[k][0] for k in range(j, end))
            j = end
            continue
        seen.add(window)
        j += 1
    return [ln for i, ln in enumerate(lines) if i not in drop]


def footnote_numbers(lines: list[str]) -> set[str]:
    """Numbers that start a footnote line ("1 Nederlandse defensie- ...")."""
    found = set()
    for ln in lines:
        m = _FOOTNOTE_RE.match(ln)
        if m and not _ITEM_RE.match(ln):
            found.add(m.group(1))
    return found


def strip_footnote_markers(line: str, numbers: set[str]) -> str:
    """Remove footnote numbers glued to the end of a word ("onderzoek1 in" → "onderzoek in")."""
    line = re.sub(rf"(?<=[^\W\d_])[{_SUPERSCRIPT_DIGITS}]+", "", line)
    if not numbers:
        return line
    alternatives = "|".join(sorted(numbers, key=len, reverse=True))
    line = re.sub(rf"(?<=[a-zà-ÿ]{{2}})(?:{alternatives})(?=[\s,.;:)’”'\"]|$)", "", line)
    # after the sentence's full stop: "miljard euro.1 Het aantal"
    return re.sub(rf"(?<=[a-zà-ÿ][.,;:)’”])(?:{alternatives})(?=\s|$)", "", line)


def _is_item(line: str) -> bool:
    return bool(_ITEM_RE.match(line))


def _looks_like_heading(line: str, prev: str | None, nxt: str | None) -> bool:
    text = line.strip()
    words = text.split()
    # a letter's headings are often questions ("Wat vraagt dit van de overheid?")
    question = text.endswith("?") and len(words) <= 12
    if not text or len(text) > 70 or (len(words) > 8 and not question) or _is_item(text):
        return False
    if _FOOTNOTE_RE.match(text) or (text.endswith((*_SENTENCE_END, ",", "-")) and not question):
        return False
    if not (text[0].isupper() or text[0].isdigit() and re.match(r"^\d+(\.\d+)*\s+[A-Z]", text)):
        return False
    if sum(c.isalpha() for c in text) < 3 or words[-1].lower() in _FUNCTION_WORDS:
        return False
    if prev is not None and prev.strip() and not _ends_sentence(prev):
        return False  # the line continues a sentence from the line above
    if nxt is not None:
        first = nxt.strip()[:1]
        if first and first.islower():
            return False
    return True


def join_lines(left: str, right: str) -> str:
    """Join two wrapped lines, undoing end-of-line hyphenation where it is safe."""
    left = left.rstrip()
    right = right.strip()
    m = re.search(r"([^\W\d_])-$", left)
    if not m or not right:
        return f"{left} {right}"
    if right[0].isupper():
        return left + right  # "Noord-" + "Brabant"
    if not right[0].islower():
        return f"{left} {right}"
    next_word = re.split(r"[\s,.;:]", right, maxsplit=1)[0]
    if next_word in _SUSPENDED_HYPHEN_NEXT:
        return f"{left} {right}"  # "defensie- en veiligheid"
    last = m.group(1)
    if last.isupper() or (last.lower() in _VOWELS and right[0] in _VOWELS):
        # "NAVO-landen"; vowel clash: "defensie-industrie", "zee-egel" keep their hyphen
        return left + right
    return left[:-1] + right


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip("’”\"')]").endswith(_SENTENCE_END)


def build_blocks(
    lines: list[str],
    *,
    known_headings: set[int] | None = None,
    blank_lines_separate: bool | None = None,
) -> list[Block]:
    """Group cleaned lines into blocks.

    `known_headings` holds indexes of lines that are headings for certain (Markdown, docx
    styles); without them headings are recognised by shape. Blank lines separate paragraphs
    unless the text is double-spaced (a blank line after nearly every line, an extraction
    artefact); `blank_lines_separate=None` detects that.
    """
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if blank_lines_separate is None:
        gaps = sum(1 for a, b in zip(nonblank, nonblank[1:], strict=False) if b - a > 1)
        blank_lines_separate = not (len(nonblank) > 3 and gaps >= 0.6 * (len(nonblank) - 1))
    widths = sorted(len(lines[i].rstrip()) for i in nonblank)
    full_width = widths[int(len(widths) * 0.9)] if widths else 0

    blocks: list[Block] = []
    kind, buf = "", ""
    prev_line: str | None = None
    prev_idx = -2

    def flush() -> None:
        nonlocal kind, buf
        if buf.strip():
            blocks.append(Block(kind, re.sub(r"[ ]{2,}", " ", buf.strip())))
        kind, buf = "", ""

    for pos, i in enumerate(nonblank):
        line = lines[i].rstrip()
        nxt = lines[nonblank[pos + 1]] if pos + 1 < len(nonblank) else None
        gap = blank_lines_separate and i - prev_idx > 1
        after_heading = bool(blocks) and blocks[-1].kind == "heading" and not buf
        context = None if gap or after_heading else prev_line
        if (known_headings is not None and i in known_headings) or (
            known_headings is None and _looks_like_heading(line, context, nxt)
        ):
            flush()
            blocks.append(Block("heading", line.strip().rstrip(":")))
            prev_line, prev_idx = line, i
            continue
        if buf and not (_is_item(line) or _FOOTNOTE_RE.match(line)):
            if gap:
                # across a blank line (or a removed page header) only an unfinished
                # sentence continues
                continues = (
                    not _ends_sentence(buf) and len(buf.split()) >= 8 and len(line.split()) >= 4
                )
            else:
                continues = (
                    not _ends_sentence(buf)
                    or line.strip()[:1].islower()
                    or (prev_line is not None and len(prev_line) >= 0.8 * full_width)
                )
            if continues:
                buf = join_lines(buf, line)
                prev_line, prev_idx = line, i
                continue
        flush()
        if _BULLET_RE.match(line):
            kind, buf = "item", BULLET + " " + _BULLET_RE.sub("", line, count=1).strip()
        elif _is_item(line):
            kind, buf = "item", line.strip()
        elif _FOOTNOTE_RE.match(line):
            kind, buf = "footnote", line.strip()
        else:
            kind, buf = "paragraph", line.strip()
        prev_line, prev_idx = line, i
    flush()
    return blocks


def clean_lines(
    lines: list[str], footnotes: set[str], own: frozenset[str] = frozenset()
) -> list[str]:
    """Per-line repairs that need no context: glued footnote markers, words run together
    (`own`: the document's own words, `segment.own_words`), trailing spaces."""
    out = []
    for ln in lines:
        if _FOOTNOTE_RE.match(ln) and not _is_item(ln):
            out.append(ln.rstrip())
        else:
            out.append(separate_words(strip_footnote_markers(ln, footnotes), own).rstrip())
    return out
