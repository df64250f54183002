"""The corpus vocabulary in USE space: expansions for words the corpus lacks or that are
English, and whether the corpus mentions a word or name at all.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from assistant.config import Settings
from assistant.index import Index
from assistant.index.index import vocabulary_words
from assistant.text.analysis import STOPWORDS, fold

MIN_SPELLED_LENGTH = 5  # shorter words are too easily another word one letter away
BRIDGE_CANDIDATES = 10  # neighbours of a Dutch word searched for an English one
# wordfreq's Zipf scale: an English word is common in English (a few times per 10 million
# words) and at least 1.5 (a factor of ~30) more common there than in Dutch
ENGLISH_ZIPF = 2.5
ENGLISH_MARGIN = 1.5


class Vocabulary:
    """Corpus words with their USE vectors, cached per index generation."""

    def __init__(self, index: Index, settings: Settings) -> None:
        self.index = index
        self.min_similarity = settings.expansion_min_similarity
        self._cache: tuple[int, list[str], np.ndarray] | None = None
        self._terms: tuple[int, list[str]] | None = None

    def words(self) -> tuple[list[str], np.ndarray]:
        generation = self.index.store.generation()
        if self._cache is None or self._cache[0] != generation:
            self._cache = (generation, *self.index.store.vocab_vectors())
        return self._cache[1], self._cache[2]

    def expansions(self, text: str, english: bool) -> list[str]:
        """Corpus words close to the text's words in USE space, as analysed terms.

        English words map to their Dutch counterparts ("survey" → enquête); a Dutch word the
        corpus does not contain (a typo, a colloquial or rarer synonym) maps to the words the
        documents do use. Only neighbours with cosine >= expansion_min_similarity count.
        """
        if not self._active():  # before the per-word lookups below
            return []
        store = self.index.store
        analyze = store.analyzer
        words = sorted(vocabulary_words(text))
        if not english:
            words = [w for w in words if not any(store.lexical.has_term(t) for t in analyze(w))]
        found = self._similarities(words)
        if found is None:
            return []
        vocab, sims = found
        terms: list[str] = []
        for row, word in zip(sims, words, strict=True):
            for i in np.argsort(-row)[:2]:
                if row[i] >= self.min_similarity and vocab[i] != word:
                    terms.extend(analyze(vocab[i]))
        return terms

    def english_bridges(self, text: str) -> list[str]:
        """For a Dutch question, each content word's nearest English corpus word in USE
        space ("uitgaven" → expenditures, "prijs" → price), as analysed terms: BM25 cannot
        otherwise reach an English document (a white paper, a NATO text) from Dutch words.
        Nothing in a corpus without English words. A word counts as English when wordfreq
        knows it far better in English than in Dutch, which leaves out the English loans
        Dutch texts use."""
        words = sorted(w for w in vocabulary_words(text) if len(w) >= 4 and w not in STOPWORDS)
        found = self._similarities(words)
        if found is None:
            return []
        vocab, sims = found
        terms: list[str] = []
        for row in sims:
            for i in np.argsort(-row)[:BRIDGE_CANDIDATES]:
                if row[i] < self.min_similarity:
                    break
                if _english(vocab[i]):
                    terms.extend(self.index.store.analyzer(vocab[i]))
                    break
        return terms

    def _active(self) -> bool:
        """Whether words can be compared at all: a USE model, and expansion switched on."""
        return self.index.vocabulary_embedder is not None and self.min_similarity < 1

    def _similarities(self, words: list[str]) -> tuple[list[str], np.ndarray] | None:
        """The corpus words and each given word's USE cosine to every one of them; None when
        there is nothing to compare (no words, no vocabulary or model, expansion off)."""
        if not words or not self._active():
            return None
        vocab, matrix = self.words()
        if not vocab:
            return None
        return vocab, self.index.vocabulary_embedder.embed_documents(words) @ matrix.T

    def known(self, token: str) -> bool:
        """Whether the corpus mentions a word or name: literally, as the head or tail of a
        closed compound ("bureau" in "onderzoeksbureau"), or (for words, not numbers)
        through a close neighbour in the USE vocabulary."""
        store = self.index.store
        terms = store.analyzer(token)
        if terms and store.lexical.has_term(terms[0]):
            return True
        if any(c.isdigit() for c in token):
            return False
        vocab, matrix = self.words()
        word = token.lower()
        if len(word) >= 4 and any(w.endswith(word) or w.startswith(word) for w in vocab):
            return True
        use = self.index.vocabulary_embedder
        if use is None or not vocab:
            return False
        sims = matrix @ use.embed_query(token.lower())
        return float(sims.max()) >= self.min_similarity

    def corrections(self, text: str) -> list[str]:
        """Corpus terms for words of the text the corpus lacks: a compound written apart
        ("omgevings vergunning" → omgevingsvergunning) or a word misspelt by a letter or
        two ("stratgie" → strategie, "platfrom" → platform)."""
        lexical = self.index.store.lexical
        words = [fold(w) for w in re.findall(r"[^\W\d_]+", text.lower())]
        found: list[str] = []
        for first, second in zip(words, words[1:], strict=False):
            joined = first + second
            if min(len(first), len(second)) >= 3 and lexical.has_term(joined):
                found.append(joined)
        for word in words:
            if len(word) < MIN_SPELLED_LENGTH or word in STOPWORDS or lexical.has_term(word):
                continue
            if any(word in (c[: len(word)], c[-len(word) :]) for c in found):
                continue  # the part of a compound written apart
            spelled = self.closest_term(word)
            if spelled:
                found.append(spelled)
        return found

    def closest_term(self, word: str) -> str | None:
        """The corpus term within one edit (two for long words) of a word, the most common
        one when several are; None when there is none."""
        limit = 1 if len(word) < 8 else 2
        matches = process.extract(
            word, self._corpus_terms(), scorer=DamerauLevenshtein.distance,
            score_cutoff=limit, limit=5,
        )  # fmt: skip
        if not matches:
            return None
        frequencies = self.index.store.lexical.term_frequencies()
        best = min(matches, key=lambda m: (m[1], -frequencies.get(m[0], 0)))
        return best[0]

    def _corpus_terms(self) -> list[str]:
        """The corpus's word terms (no numbers), cached per index generation."""
        generation = self.index.store.generation()
        if self._terms is None or self._terms[0] != generation:
            frequencies = self.index.store.lexical.term_frequencies()
            terms = [t for t in frequencies if len(t) >= 4 and t.isalpha()]
            self._terms = (generation, terms)
        return self._terms[1]


def _english(word: str) -> bool:
    english = zipf_frequency(word, "en")
    return english >= ENGLISH_ZIPF and english - zipf_frequency(word, "nl") >= ENGLISH_MARGIN
