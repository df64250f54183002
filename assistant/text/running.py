"""Running headers and footers of a paged document, and the page numbers they print.

A line is running when, with digits and punctuation ignored, it recurs among the first or
last lines of many pages: "14 | Nederlandse defensie- en veiligheid gerelateerde
technologische industriële basis | 2024", "Pagina 2 van 9", "Tweede Kamer, vergaderjaar
2023–2024, 36 410 X, nr. 93 3". The number in such a line that changes from page to page
is the page number the document prints (its label); a number alone on the first or last
line of a page is one too when it keeps step with the physical page.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

MARGIN = 3  # lines at the top and at the bottom of a page where running lines are looked for
_NUMBER = re.compile(r"(?<!\d)(?<!\d[.,])\d{1,4}(?!\d)(?![.,]\d)")
# a page number alone on a line; "01" is a chapter's number, not a page's
_LONE_NUMBER = re.compile(r"^[1-9]\d{0,3}$")


def line_key(line: str) -> str:
    """A line's letters only, lower case: the same running line on every page."""
    return " ".join(re.sub(r"[\W\d_]+", " ", line.lower()).split())


def _edge(lines: list[str], margin: int = MARGIN) -> list[int]:
    content = [i for i, ln in enumerate(lines) if ln.strip()]
    return sorted(set(content[:margin] + content[-margin:]))


def _threshold(pages: int) -> int:
    """On how many pages a line must recur to be running: half of a short document's pages,
    three in ten of a long one's (covers, chapter openers and full-page tables have none)."""
    if pages < 10:
        return max(2, (pages + 1) // 2)
    return max(2, math.ceil(0.3 * pages))


def running_keys(pages: list[list[str]]) -> set[str]:
    """Keys of the lines that run along the top or bottom of the pages."""
    filled = [p for p in pages if any(ln.strip() for ln in p)]
    if len(filled) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in filled:
        counts.update({line_key(lines[i]) for i in _edge(lines)})
    threshold = _threshold(len(filled))
    # one word ("Vraag 3", "Antwoord 3") labels content; a running line has more
    return {key for key, n in counts.items() if n >= threshold and len(key.split()) >= 2}


def _is_running(line: str, running: set[str]) -> bool:
    key = line_key(line)
    if not key:
        return False
    # a running line with something glued to it ("’s-Gravenhage 2024" before the footer)
    return key in running or any(
        len(r) >= 12 and (key.startswith(r) or key.endswith(r)) and len(key) - len(r) <= 15
        for r in running
    )


def _lone_number(line: str) -> int | None:
    """A page number alone on a line ("14", "14 |"); doubled digits as a converter doubles
    them ("1144" for 14); None for anything else ("01" numbers a chapter)."""
    m = _LONE_NUMBER.match(line.strip().rstrip("|").strip())
    if m is None:
        return None
    digits = m.group(0).strip()
    if len(digits) == 4 and digits[0] == digits[1] and digits[2] == digits[3]:
        digits = digits[0] + digits[2]
    return int(digits)


def page_labels(pages: list[list[str]]) -> list[str | None]:
    """The printed page number of each page ("14", or "2–3" for a spread of two pages on
    one sheet), None where the page prints none that can be trusted."""
    running = running_keys(pages)
    entries: list[tuple[int, str, list[int]]] = []
    lone: list[list[int]] = []
    for i, lines in enumerate(pages):
        edge = [lines[j] for j in _edge(lines)]
        entries += [
            (i, line_key(ln), [int(n) for n in _NUMBER.findall(ln)])
            for ln in edge
            if _is_running(ln, running)
        ]
        lone.append([n for ln in edge if (n := _lone_number(ln)) is not None])
    labels = _increasing(_labels(_changing(entries, len(pages))))
    # a lone number counts where it keeps the usual distance to the physical page
    offsets = Counter(n - i for i, numbers in enumerate(lone) for n in set(numbers))
    if offsets:
        offset, count = offsets.most_common(1)[0]
        if count >= 2:
            for i, numbers in enumerate(lone):
                if labels[i] is None and i + offset in numbers:
                    labels[i] = str(i + offset)
    return labels


def _changing(entries: list[tuple[int, str, list[int]]], pages: int) -> list[list[int]]:
    """Per page, the numbers of its running lines that change from page to page: of the
    same running line, the places where the pages differ ("Pagina 5 van 5": the first);
    of a line seen once, the numbers no other page shows (years, dossier numbers repeat)."""
    groups: dict[tuple[str, int], list[tuple[int, list[int]]]] = defaultdict(list)
    for page, key, numbers in entries:
        groups[key, len(numbers)].append((page, numbers))
    per_page: list[list[int]] = [[] for _ in range(pages)]
    for i, _, numbers in entries:
        per_page[i] += numbers
    seen = Counter(n for numbers in per_page for n in set(numbers))
    found: list[list[int]] = [[] for _ in range(pages)]
    for (_, size), group in groups.items():
        if len({page for page, _ in group}) >= 2:
            changing = [j for j in range(size) if len({nums[j] for _, nums in group}) > 1]
            for page, numbers in group:
                found[page] += [numbers[j] for j in changing]
        else:
            for page, numbers in group:
                found[page] += [n for n in numbers if seen[n] == 1]
    # a number on most pages (the year) is no page number, unless it is all there is
    common = {n for n, k in seen.items() if k >= max(2, pages // 2)}
    return [[n for n in page if n not in common] or page for page in found]


def _unique(numbers: list[list[int]]) -> list[list[int]]:
    """Per page, the numbers no other page shows."""
    seen = Counter(n for page in numbers for n in set(page))
    return [[n for n in page if seen[n] == 1] for page in numbers]


def _labels(numbers: list[list[int]]) -> list[str | None]:
    """One number is the page's label, two that follow each other a spread's."""
    labels: list[str | None] = []
    for page in numbers:
        own = sorted(set(page))
        if len(own) == 1:
            labels.append(str(own[0]))
        elif len(own) == 2 and own[1] == own[0] + 1:
            labels.append(f"{own[0]}–{own[1]}")
        else:
            labels.append(None)
    return labels


def _increasing(labels: list[str | None]) -> list[str | None]:
    """The longest run of labels that rises with the physical pages; a label out of step
    (a figure at the foot of a table) is dropped."""
    firsts = [(i, int(label.split("–")[0])) for i, label in enumerate(labels) if label]
    best: list[list[int]] = []  # per labelled page, the longest rising chain ending there
    for k, (_, value) in enumerate(firsts):
        chain = max((best[j] for j in range(k) if firsts[j][1] < value), key=len, default=[])
        best.append([*chain, k])
    keep = {firsts[k][0] for k in max(best, key=len, default=[])}
    return [label if i in keep else None for i, label in enumerate(labels)]


def remove_running(pages: list[list[str]], labels: list[str | None]) -> list[list[str]]:
    """The pages without their running lines and without the lone page number that gave
    their label."""
    running = running_keys(pages)
    cleaned = []
    for lines, label in zip(pages, labels, strict=True):
        edge = set(_edge(lines))
        cleaned.append(
            [
                ln
                for i, ln in enumerate(lines)
                if not (
                    i in edge
                    and (
                        _is_running(ln, running)
                        or (label is not None and str(_lone_number(ln)) == label)
                    )
                )
                # a footer that two merged columns put mid-page still has its page number
                and not (line_key(ln) in running and any(c.isdigit() for c in ln))
            ]
        )
    return cleaned
