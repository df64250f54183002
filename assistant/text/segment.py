"""Words run together by a PDF's text extraction, set apart again.

Some PDFs position every word separately and leave out the spaces, so their text reads
"Op2april2025ishetSecFundofficieelgelanceerd". Such a run matches no search term and no
reader would quote it so: the page shows the spaces. `separate_words(line)` splits each
run into the most probable sequence of Dutch words (wordfreq's frequencies; wordfreq
itself splits only scripts without spaces, and word segmenters on the registry know
English only).

A Dutch compound ("financieringsinstrumentarium") is one word and stays whole: a run is
split only when its best split holds function words ("de", "is", "het", ...), which no
compound is made of, and every part is a known word or a number.

A name no dictionary holds ("SecFund") would come apart into the words it is made of
("Sec Fund"), and then no search for it finds the passage. Where the same document writes
the name apart elsewhere, `own_words(lines)` collects it and the split keeps it whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache, partial

MIN_RUN = 14  # shorter runs are ordinary words far more often than glued ones
MAX_WORD = 24
_RUN = re.compile(rf"[A-Za-zÀ-ÿ0-9]{{{MIN_RUN},}}")
_FUNCTION = frozenset(
    "de het een van in op is en te met voor door aan bij om dat die er zijn wordt worden"
    " naar als ook nog niet meer tot uit over we wij u uw dit deze ze zij hij ons onze hun"
    " maar of dan wat ieder elk alle geen kan zal moet heeft hebben was werd gaat per al nu"
    " zo wel".split()
)
_UNKNOWN_COST = 30.0  # a part no dictionary holds: allowed only where nothing else fits
# Each part costs this much besides its own improbability: of two spellings about as likely,
# the one of fewer words ("waarde", not "waar de").
_PART_COST = 0.5
_COMMON = -math.log(3e-6)  # a word at least this frequent (Zipf 3.5) is no fragment
_LONG = 7  # a dictionary word this long is a word, however rare, not a fragment
_STANDALONE = re.compile(r"(?<![A-Za-zÀ-ÿ0-9])[A-Za-zÀ-ÿ]{4,}(?![A-Za-zÀ-ÿ0-9])")


@lru_cache(maxsize=200_000)
def _cost(word: str) -> float:
    """Minus the log probability of a word (lower is likelier); numbers are cheap."""
    if word.isdigit():
        return 4.0 if len(word) <= 4 else _UNKNOWN_COST
    from wordfreq import word_frequency

    frequency = word_frequency(word.lower(), "nl")
    if frequency <= 0 or (len(word) == 1 and word.lower() not in {"u", "e"}):
        return _UNKNOWN_COST + 2 * len(word)
    return -math.log(frequency)


def own_words(lines: Iterable[str]) -> frozenset[str]:
    """The words a document writes apart somewhere that no dictionary holds ("SecFund"):
    in that document they are words, not runs to split. A glued pair of a word and a
    function word ("IenWis", "teregelen") is no word of its own, even where it stands apart."""
    tokens = {w for line in lines for w in _STANDALONE.findall(line)}
    lowered = {w.lower() for w in tokens}

    def glued_pair(word: str) -> bool:
        low = word.lower()
        for i in range(1, len(low)):
            head, tail = low[:i], low[i:]
            if (head in _FUNCTION and (tail in lowered or _cost(tail) < _UNKNOWN_COST)) or (
                tail in _FUNCTION and (head in lowered or _cost(head) < _UNKNOWN_COST)
            ):
                return True
        return False

    return frozenset(
        w for w in tokens if len(w) < MIN_RUN and _cost(w) >= _UNKNOWN_COST and not glued_pair(w)
    )


def _word_cost(word: str, own: frozenset[str]) -> float:
    """A word of the document's own counts as a common word."""
    return min(_cost(word), _COMMON) if word in own else _cost(word)


def _split(run: str, own: frozenset[str]) -> list[str]:
    """The cheapest sequence of words that spells `run` (Viterbi over end positions)."""
    best = [0.0] + [math.inf] * len(run)
    back = [0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - MAX_WORD), end):
            cost = best[start] + _word_cost(run[start:end], own) + _PART_COST
            if cost < best[end]:
                best[end], back[end] = cost, start
    words, end = [], len(run)
    while end > 0:
        words.append(run[back[end] : end])
        end = back[end]
    return words[::-1]


def _separate(match: re.Match, own: frozenset[str]) -> str:
    run = match.group(0)
    if _cost(run) < _UNKNOWN_COST:  # a word in its own right
        return run
    words = _split(run, own)
    function = [w for w in words if w.lower() in _FUNCTION]
    content = [w for w in words if w.lower() not in _FUNCTION and not w.isdigit()]
    # the parts of a wrongly split compound are fragments ("op scha lings capaciteit")
    plain = all(len(w) >= 3 and (_word_cost(w, own) <= _COMMON or w[0].isupper()
                                 or _long_word(w)) for w in content)  # fmt: skip
    return " ".join(words) if len(function) >= 2 and plain else run


def _long_word(word: str) -> bool:
    """A rare word of the dictionary, too long to be a fragment ("formaliseren")."""
    return len(word) >= _LONG and _cost(word) < _UNKNOWN_COST


def separate_words(line: str, own: frozenset[str] = frozenset()) -> str:
    """The line with runs of glued words spaced; other text unchanged. `own` holds the
    document's own words (`own_words`)."""
    return _RUN.sub(partial(_separate, own=own), line) if len(line) >= MIN_RUN else line
