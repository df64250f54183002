"""The lexical analyser shared by indexing and querying: Dutch-aware tokens for BM25.

Accents are folded, hyphenated and spaced compounds are indexed as parts and as one word
("defensie-industrie" → defensie, industrie, defensieindustrie), stop words are dropped and
the rest is stemmed with Snowball Dutch, except for words it is known to mangle.
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

_WORD = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiële" → "financiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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

    def __init__(self, stemming: bool = True, compounds: bool = True) -> None:
        self.stemming = stemming
        self.compounds = compounds

    @property
    def signature(self) -> str:
        """Identifies the configuration: an index analysed otherwise must be re-analysed."""
        return f"stem={int(self.stemming)};compounds={int(self.compounds)};v1"

    def _term(self, word: str) -> str:
        return stem(word) if self.stemming else word

    def __call__(self, text: str) -> list[str]:
        terms: list[str] = []
        for match in _WORD.finditer(fold(text)):
            token = match.group(0)
            parts = [p for p in re.split(r"[-/]", token) if p]
            if len(parts) > 1 and self.compounds:
                terms.extend(self._term(p) for p in parts if p not in STOPWORDS)
                terms.append(self._term("".join(parts)))
            elif len(parts) > 1:
                terms.extend(self._term(p) for p in parts if p not in STOPWORDS)
            elif token not in STOPWORDS:
                terms.append(self._term(token))
        return terms


analyze = Analyzer()
