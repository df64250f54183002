"""The lexical analyser shared by indexing and querying: Dutch-aware tokens for BM25.

Accents are folded; hyphenated compounds are indexed as parts and as one word
("defensie-industrie" → defensie, industrie, defensieindustrie) and closed compounds also
yield their parts ("onderzoeksbureau" → onderzoek, bureau), checked against wordfreq's Dutch
word frequencies; stop words are dropped and the rest is stemmed with Snowball Dutch, except
for words it is known to mangle.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

DUTCH_STOPWORDS = frozenset(
    """aan al alle alles als alsook altijd andere ben bij daar dan dat de der deze die dit doch
    doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe
    hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar
    niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw
    van veel voor want waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zonder zou welk welke welker waarin waarop wanneer waar hoeveel hoezeer zijnde
    deze dezen dus ofwel sinds via per bij beide ieder elk elke""".split()
)
ENGLISH_STOPWORDS = frozenset(
    """a an and are as at be by for from has have how in is it its of on or that the their this
    to was were what when where which who why will with does did do about into than then there
    these those they them can could should would""".split()
)
STOPWORDS = DUTCH_STOPWORDS | ENGLISH_STOPWORDS

# Snowball Dutch over-stems these into other words' stems ("gegevens" → "geven").
_STEM_EXCEPTIONS = {"gegevens": "gegeven", "geven": "geef"}

_WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
_LINKS = ("", "s", "en", "e")  # Dutch linking morphemes: onderzoek-s-bureau


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[str, ...]:
    """Parts of a closed Dutch compound ("defensiematerieel" → defensie, materieel), or ().

    A split counts when both parts are common words (Zipf ≥ 3 in wordfreq's Dutch list) and
    the whole is rarer than either part, so ordinary words are left alone.
    """
    if len(word) < 9 or not word.isalpha():
        return ()
    from wordfreq import zipf_frequency

    whole = zipf_frequency(word, "nl")
    best: tuple[float, str, str] | None = None
    for i in range(4, len(word) - 3):
        tail = word[i:]
        tail_freq = zipf_frequency(tail, "nl")
        if tail_freq < 3.0:
            continue
        for link in _LINKS:
            head = word[:i]
            if link:
                if not head.endswith(link):
                    continue
                head = head[: -len(link)]
            if len(head) < 4 or head in STOPWORDS or tail in STOPWORDS:
                continue
            score = min(zipf_frequency(head, "nl"), tail_freq)
            if score >= 3.0 and whole < score and (best is None or score > best[0]):
                best = (score, head, tail)
    if best is None:
        return ()
    rest = split_compound(best[2])
    return (best[1], *(rest or (best[2],)))


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiële" → "financiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def same_words(text: str) -> str:
    """A text as its letters and digits only, lower case: passages with the same words
    compare equal whatever their punctuation, spacing or line breaks."""
    return re.sub(r"\W+", "", text.lower())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    if word.isdigit() or len(word) <= 3:
        return word
    return _stemmer().stemWord(word)


class Analyzer:
    """Index terms of a text, in order; compounds yield their parts and the joined word."""

    def __init__(
        self, stemming: bool = True, compounds: bool = True, split_closed: bool = True
    ) -> None:
        self.stemming = stemming
        self.compounds = compounds  # "defensie-industrie" also as "defensieindustrie"
        self.split_closed = split_closed  # "defensiematerieel" also as defensie, materieel

    @property
    def signature(self) -> str:
        """Identifies the configuration: an index analysed otherwise must be re-analysed."""
        return (
            f"stem={int(self.stemming)};compounds={int(self.compounds)};"
            f"closed={int(self.split_closed)};v2"
        )

    def _term(self, word: str) -> str:
        return stem(word) if self.stemming else word

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        for match in _WORD.finditer(text):
            original = match.group(0)
            parts = [p for p in re.split(r"[-/]", original.lower()) if p]
            folded = [fold(p) for p in parts]
            if len(parts) > 1:
                terms.extend(self._term(p) for p in folded if p not in STOPWORDS)
                if self.compounds:
                    terms.append(self._term("".join(folded)))
                continue
            if folded[0] in STOPWORDS:
                continue
            terms.append(self._term(folded[0]))
            if self.split_closed and not original[0].isupper():  # names stay whole: Berenschot
                terms.extend(self._term(fold(p)) for p in split_compound(parts[0]))
        return terms


analyze = Analyzer()
