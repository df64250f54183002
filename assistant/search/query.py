"""A question prepared once: `QueryBuilder(index, settings, vocabulary).build(question)`.

Language, BM25 terms with their weights, expansions, the fusion weight of each leg for
this question and the query vectors are computed here and nowhere else; retrieval and the
answer step read them from the `Query`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import assistant.index.legs as registry
from assistant.config import Settings
from assistant.index import Index
from assistant.models import Query
from assistant.search.vocabulary import Vocabulary
from assistant.text.language import detect_language

# An English question's BM25 weight when no Dutch word bridges it to the corpus: MiniLM
# knows no Dutch and BM25 matches only names and numbers then.
_ENGLISH_UNBRIDGED_LEXICAL = 0.15

_FOLLOW_UP = re.compile(
    r"^(en|maar|ook|and|what about|how about)\b|\b(die|dat|deze|dit|daar\w*|hier\w*|hij|zij|ze|"
    r"it|they|this|that|those)\b",
    re.I,
)


def contextualise(question: str, history: list[str]) -> str:
    """A follow-up ("En wanneer komt die strategie naar de Kamer?") searched together with
    the question before it, so its subject is known."""
    if history and len(question.split()) <= 14 and _FOLLOW_UP.search(question):
        return f"{question} {history[-1]}"
    return question


def weighted_terms(own: list[str], expansions: list[str], own_weight: int,
                   bridges: Iterable[str] = ()) -> list[str]:  # fmt: skip
    """BM25 query terms: each expansion once, each of the question's own terms and each
    English bridge `own_weight` times.

    The lexical index counts a repeated term as often as it is listed, so the expansions
    (neighbours in USE space: "heet" → "gelakt" as readily as "financing" → "financiering")
    weigh 1/own_weight of the words the user typed. The bridges are the question's words
    as an English document writes them, and weigh as much there as the words themselves
    weigh in a Dutch one.
    """
    own_terms = sorted(set(own))
    bridged = sorted(set(bridges) - set(own_terms))
    extra = sorted(set(expansions) - set(own_terms) - set(bridged))
    return (own_terms + bridged) * own_weight + extra


class QueryBuilder:
    """Turns a question (and the session's earlier questions) into a `Query`."""

    def __init__(self, index: Index, settings: Settings, vocabulary: Vocabulary) -> None:
        self.index = index
        self.settings = settings
        self.vocabulary = vocabulary
        self.base_weights = index.weights
        self._complete_at: int | None = None  # store generation at which E5 was complete

    def build(self, question: str, history: list[str] | None = None) -> Query:
        search_text = contextualise(question, history or [])
        language = detect_language(question)
        english = language == "en"
        expansions = self.vocabulary.expansions(search_text, english)
        if not english:  # a misspelt Dutch word, or a compound written apart
            expansions += self.vocabulary.corrections(search_text)
        own_weight = 1 if english else self.settings.question_term_weight
        bridges: list[str] = []
        if not english and self.settings.english_bridges:
            bridges = self.vocabulary.english_bridges(search_text)
        analysed = self.index.store.analyzer(search_text)
        terms = weighted_terms(analysed, expansions, own_weight, bridges)
        weights = self.weights(english, bridged=bool(expansions))
        # One leg after the other: E5 in a worker thread beside USE was measured slower,
        # both being compute-bound on the same cores.
        vectors = {
            leg.name: leg.embedder.embed_query(search_text)
            for leg in self.index.legs
            if weights.get(leg.name, 0.0) > 0
        }
        return Query(question, search_text, language, terms, expansions, weights, vectors,
                     bridges)  # fmt: skip

    def weights(self, english: bool, bridged: bool) -> dict[str, float]:
        """The legs' fusion weights for one question."""
        weights = dict(self.base_weights)
        if weights[registry.E5] and self.settings.e5_replaces_use and self._e5_complete():
            weights[registry.USE] = 0.0
        if (
            english
            and self.settings.english_to_use
            and (weights[registry.USE] or weights[registry.E5])
        ):
            # English about Dutch documents: the multilingual legs carry it; BM25 only
            # helps through the Dutch words the expansion found.
            if not bridged:
                weights[registry.BM25] *= _ENGLISH_UNBRIDGED_LEXICAL
            weights[registry.MINILM] = 0.0
        return weights

    def _e5_complete(self) -> bool:
        """Whether E5 holds a vector for every chunk (then USE stands down; until then it
        covers the chunks E5 lacks). Checked once per index generation once complete, on
        every question while filling."""
        generation = self.index.store.generation()
        if self._complete_at != generation:
            if self.index.pending_vectors():
                return False
            self._complete_at = generation
        return True
