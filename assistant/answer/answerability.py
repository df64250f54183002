"""Does this passage answer this question? Judged before any sentence may be an answer.

Each evidence quote gets features that a policy officer would check (is the question's
subject in it or in its heading, does it hold the kind of fact asked for, attached to the
subject, does a year or figure in the question contradict it, is a name of the question
unknown to the corpus, how close are question and passage in E5 space). Two logistic
models combine them: a gate over the question's evidence as a whole (do the documents
answer it at all; with a similarity floor for Dutch questions) and a model per quote
(which quotes answer). Their weights and thresholds are fitted on the dev split of the
real eval set by eval/answerability.py and stored in answerability.json beside this
module; the test split is never used for fitting.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.answer.rules import (
    FRAME_TERMS,
    NUMBER_VALUES,
    answer_type,
    asks_for_source,
    contains_answer_type,
    count_near,
    counts_a_thing,
    focus_word,
    last_content_word,
    planted_instruction,
    salient_tokens,
    second_place_verb,
)
from assistant.models import Evidence, Query
from assistant.text.analysis import Analyzer
from assistant.text.boilerplate import (
    asks_after_standard_line,
    is_boilerplate,
    is_label,
    is_notes_section,
    is_source_entry,
)
from assistant.text.figures import YEAR

MODEL_FILE = Path(__file__).with_name("answerability.json")

COUNT_WINDOW = 4  # words between a count and the thing counted
SIZE_WINDOW = 10  # ... and between a size and the thing measured
_FIGURE = re.compile(r"\b\d+(?:[.,]\d+)*\b")
FEATURES = (
    "similarity",  # cosine of question and passage in the strongest dense leg's space
    "score_relative",  # fused retrieval score / the best one
    "rank",  # 0 for the first evidence, 1 for the second, ...
    "coverage",  # share of the question's subject terms in the quote
    "coverage_idf",  # the same, weighted by how rare each term is in the corpus
    "context_coverage",  # share in the quote, its heading or its document's title
    "type_present",  # the kind of fact asked for is in the quote (1 when none is asked)
    "type_attached",  # ... and, for a count, near the counted thing
    "unknown_terms",  # names, years, figures or the subject word the corpus never mentions
    "year_conflict",  # the question's year is not in the passage, which names other years
    "figure_conflict",  # the same for the question's other figures
    "english",  # an English question (its words meet the Dutch text only through vectors)
    "rarest_covered",  # the question's rarest subject term is in the quote, heading or title
    "predicate_covered",  # the last content word of a Dutch question is in the passage
)


# What the question's evidence holds as a whole: the first judgement is whether the
# documents answer the question at all (an off-topic question has no close passage, a near
# miss no passage with its subject and the asked-for fact together).
QUESTION_FEATURES = (
    "best_similarity",
    "top_similarity",  # similarity of the evidence ranked first
    "best_coverage_idf",
    "best_context_coverage",
    "any_type_attached",
    "unknown_terms",
    "best_year_conflict",  # the year conflict of the best-covering quote
    "best_figure_conflict",
    "english",
    "any_rarest_covered",
    "any_predicate_covered",
)


@dataclass(frozen=True)
class LogisticModel:
    """A logistic combination of named features: standardised, weighted, squashed."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float  # the probability at and above which it says yes

    def __post_init__(self) -> None:
        sizes = {len(self.mean), len(self.scale), len(self.weights)}
        if sizes != {len(self.features)}:
            raise ValueError(f"answerability model: expected {len(self.features)} weights")
        if not 0 < self.threshold < 1:
            raise ValueError("answerability model: threshold must lie between 0 and 1")

    @classmethod
    def from_dict(cls, data: dict, features: tuple[str, ...]) -> LogisticModel:
        if tuple(data["features"]) != features:
            raise ValueError("answerability model fitted on other features: refit it")
        return cls(features, tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["intercept"]), float(data["threshold"]))  # fmt: skip

    def probability(self, row: dict[str, float]) -> float:
        x = np.array([row[name] for name in self.features], dtype=np.float64)
        z = (x - np.array(self.mean)) / np.array(self.scale)
        logit = float(z @ np.array(self.weights)) + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


@dataclass(frozen=True)
class AnswerabilityModel:
    """Two judgements: does the evidence answer the question at all (`question`), and which
    quote answers it (`quote`). A quote stands in an answer when both say yes."""

    question: LogisticModel
    quote: LogisticModel
    # Below this best question-passage similarity nothing in the documents is about a Dutch
    # question (an off-topic question): calibrated on dev, where almost every answerable
    # Dutch question lies above it. English questions meet the Dutch text at lower
    # similarities, so the floor leaves them to the gate.
    similarity_floor: float = 0.0
    # A Dutch question is about something the documents do not treat when no passage, its
    # heading or its title holds `off_topic_coverage` of its subject words (weighed by their
    # rarity) and none comes closer than `off_topic_similarity`: what the paraphrase of an
    # answerable question lacks in words it makes up in closeness. Both calibrated on dev
    # (the closeness on the unweighted share, in the committed fit).
    off_topic_coverage: float = 0.0
    off_topic_similarity: float = 0.0
    # Orders the retrieved quotes before the top ones are judged: the same features as the
    # quote model, fitted on deeper lists (a gold quote at rank 6 to 20 is one to lift).
    rank: LogisticModel | None = None

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> AnswerabilityModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        off_topic = data.get("off_topic", {})
        return cls(
            LogisticModel.from_dict(data["question"], QUESTION_FEATURES),
            LogisticModel.from_dict(data["quote"], FEATURES),
            float(data.get("similarity_floor", 0.0)),
            float(off_topic.get("coverage", 0.0)),
            float(off_topic.get("similarity", 0.0)),
            LogisticModel.from_dict(data["rank"], FEATURES) if "rank" in data else None,
        )

    def answered(self, summary: dict[str, float]) -> tuple[bool, float]:
        """Whether the evidence answers the question at all, and the gate's probability."""
        p = self.question.probability(summary)
        about = about_the_documents(summary, self.similarity_floor, self.off_topic_coverage,
                                    self.off_topic_similarity)  # fmt: skip
        return about and p >= self.question.threshold, p


def about_the_documents(summary: dict[str, float], floor: float, coverage: float,
                        similarity: float) -> bool:  # fmt: skip
    """Whether anything in a question's evidence is about it (AnswerabilityModel's floor
    and off-topic bounds; English questions are left to the gate). Its subject words count
    by how rare they are in the corpus: "huurtoeslag" says what a question is about, "nieuwe"
    and "maatregelen" do not."""
    if summary["english"] > 0:
        return True
    closest = summary["best_similarity"]
    unrelated = summary["best_context_coverage_idf"] < coverage and closest < similarity
    return closest >= floor and not unrelated


def quotable(quote: str, source_asked: bool, section: str = "", question: str = "",
             title: str = "") -> bool:  # fmt: skip
    """Whether a passage may stand in an answer at all. A question (the Kamer's, a
    rhetorical one) never answers a question, nor does a caption or a line of the title or
    heading (unless the question asks what something is called), nor what every nota or
    letter says whatever its subject (letterhead, a note naming a source or a passage of the
    notes: unless the source is what is asked; a standard paragraph: unless the question
    asks after what it says)."""
    if planted_instruction(quote) or _asks(quote) or is_label(quote, title, section, question):
        return False
    if not is_boilerplate(quote, section) or asks_after_standard_line(question, quote):
        return True
    return source_asked and (is_source_entry(quote) or is_notes_section(section))


def question_row(rows: list[dict[str, float]]) -> dict[str, float]:
    """QUESTION_FEATURES from the quotes' FEATURES rows, every quote counting: a passage
    that cannot be quoted (the Kamer's question beside its answer) still shows what the
    documents discuss. With them, for the off-topic bound, the best rarity-weighted share
    of the subject words in a passage, its heading or its title."""
    if not rows:
        return dict.fromkeys((*QUESTION_FEATURES, "best_context_coverage_idf"), 0.0)
    covering = max(rows, key=lambda r: (r["coverage_idf"], -r["rank"]))
    return {
        "best_similarity": max(r["similarity"] for r in rows),
        "top_similarity": rows[0]["similarity"],
        "best_coverage_idf": covering["coverage_idf"],
        "best_context_coverage": max(r["context_coverage"] for r in rows),
        "best_context_coverage_idf": max(r["context_coverage_idf"] for r in rows),
        "any_type_attached": max(r["type_attached"] for r in rows),
        "unknown_terms": rows[0]["unknown_terms"],
        "best_year_conflict": covering["year_conflict"],
        "best_figure_conflict": covering["figure_conflict"],
        "english": rows[0]["english"],
        "any_rarest_covered": max(r["rarest_covered"] for r in rows),
        "any_predicate_covered": max(r["predicate_covered"] for r in rows),
    }


@dataclass(frozen=True)
class Judgement:
    probability: float  # that this quote answers the question
    question_probability: float  # that the evidence answers the question at all
    answers: bool
    features: dict[str, float]
    unknown_terms: tuple[str, ...] = ()  # the question's words the corpus never mentions


class AnswerabilityJudge:
    """Judges each evidence quote against its question.

    `known(token)`: whether the corpus mentions a word or name. `document_frequency(term)`:
    in how many chunks an analysed term occurs, with "" giving the number of chunks.
    `chunk_vectors(leg, ids)`: the stored vectors of chunks in a dense leg (empty when the
    index cannot give them). All three come from the index; tests may pass simple ones.
    """

    def __init__(
        self,
        known: Callable[[str], bool],
        analyzer: Analyzer | None = None,
        document_frequency: Callable[[str], int] | None = None,
        chunk_vectors: Callable[[str, list[str]], dict[str, np.ndarray]] | None = None,
        model: AnswerabilityModel | None = None,
    ) -> None:
        self.known = known
        self.analyzer = analyzer or Analyzer(stemming=False, split_closed=False)
        self.document_frequency = document_frequency or (lambda term: 0)
        self.chunk_vectors = chunk_vectors or (lambda leg, ids: {})
        self._model = model

    @cached_property
    def model(self) -> AnswerabilityModel:
        return self._model or AnswerabilityModel.load()

    def select(self, query: Query, found: list[Evidence], top_k: int
               ) -> tuple[list[Evidence], list[Judgement]]:  # fmt: skip
        """The `top_k` quotes to show, ordered by the rank model (ties in retrieval order;
        retrieval's first `top_k` without one), and their judgements. Whether the documents
        answer at all is judged on retrieval's own first `top_k`: the gate is fitted on what
        retrieval finds, and quotes picked for looking like answers make every question look
        answerable. The features are computed once, for all of `found`."""
        if not found:
            return [], []
        unknown = tuple(self.unknown_terms(query))
        rows = self.features(query, found, unknown)
        order = list(range(min(top_k, len(found))))
        if self.model.rank is not None:
            p = [self.model.rank.probability(row) for row in rows]
            order = sorted(range(len(found)), key=lambda i: (-p[i], i))[:top_k]
        shown = [found[i] for i in order]
        # the shown quotes' rows as `features` gives them: their new places, their scores
        # against the best shown
        shown_rows = [
            rows[i] | {"rank": float(place), "score_relative": relative}
            for place, (i, relative) in enumerate(zip(order, _relative(shown), strict=True))
        ]
        return shown, self._judge(shown_rows, rows[:top_k], unknown)

    def __call__(self, query: Query, evidence: list[Evidence]) -> list[Judgement]:
        """A judgement per evidence quote, the gate reading the evidence as given."""
        if not evidence:
            return []
        unknown = tuple(self.unknown_terms(query))
        rows = self.features(query, evidence, unknown)
        return self._judge(rows, rows, unknown)

    def _judge(self, rows: list[dict[str, float]], gated: list[dict[str, float]],
               unknown: tuple[str, ...]) -> list[Judgement]:  # fmt: skip
        """Judgements of the quotes of `rows`, the gate reading the quotes of `gated`."""
        answered, gate = self.model.answered(question_row(gated))
        probabilities = [self.model.quote.probability(row) for row in rows]
        # once the documents answer the question, each quote the quote model accepts may
        # stand in the answer if it holds the kind of fact asked for (an amount for "Hoeveel
        # geld …?"); when none does, the question is not answered: the passage nearest to an
        # answer is not one
        threshold = self.model.quote.threshold
        may = [bool(row["quotable"] and row["type_present"]) for row in rows]
        return [
            Judgement(p, gate, answered and ok and p >= threshold, row, unknown)
            for p, row, ok in zip(probabilities, rows, may, strict=True)
        ]

    def unknown_terms(self, query: Query) -> list[str]:
        """Names, years, figures and (in Dutch) the subject word the corpus never mentions."""
        missing = [t for t in salient_tokens(query.text, query.english) if not self.known(t)]
        focus = None if query.english else focus_word(query.text)
        if focus and focus not in missing and not self.known(focus):
            missing.append(focus)
        return missing

    def subject_terms(self, query: Query) -> list[str]:
        """The analysed terms of what the question is about."""
        terms = [t for t in dict.fromkeys(self.analyzer(query.text)) if t not in FRAME_TERMS]
        return [t for t in terms if len(t) > 2]

    def features(self, query: Query, evidence: list[Evidence],
                 unknown: tuple[str, ...] | None = None) -> list[dict[str, float]]:  # fmt: skip
        """One row of FEATURES per evidence quote (`unknown`: the question's unknown terms,
        when the caller has them already)."""
        subject = self.subject_terms(query)
        total = max(self.document_frequency(""), 1)
        frequency = {t: self.document_frequency(t) for t in subject}
        idf = {t: math.log((total + 1) / (frequency[t] + 1)) + 1 for t in subject}
        # the most specific word of the question: what an answer must be about
        # not the verb in second place: an inflected verb is rare as written ("omschrijft")
        # while the passage says it otherwise ("gedefinieerd")
        verb = second_place_verb(query.text)
        verb_terms = set(self.analyzer(verb)) if verb and not query.english else set()
        rarest = min(
            (t for t in subject if frequency[t] and t not in verb_terms),
            key=frequency.get,
            default=None,
        )
        predicate = None if query.english else last_content_word(query.text)
        kind = answer_type(query.text)
        focus = None if query.english else focus_word(query.text)
        # a count stands beside the counted thing; a size ("Hoe groot is de call?") in the
        # same stretch of the sentence ("een call met in eerste instantie een omvang van €2 mln")
        near = COUNT_WINDOW if counts_a_thing(query.text) else SIZE_WINDOW
        counted = focus if kind == "count" else None
        if unknown is None:
            unknown = tuple(self.unknown_terms(query))
        unknown_count = min(len(unknown), 2)
        years = set(YEAR.findall(query.text))
        figures = _figures(query.text)
        similarity = self._similarities(query, evidence)
        relative = _relative(evidence)
        source_asked = asks_for_source(query.text)
        rows = []
        for i, e in enumerate(evidence):
            quote_terms = set(self.analyzer(e.quote))
            context = f"{e.chunk.section} {e.meta.title} {e.chunk.text}"
            context_terms = quote_terms | set(self.analyzer(context))
            passage = f"{e.quote} {e.chunk.section} {e.meta.title}"
            type_present = contains_answer_type(e.quote, kind)
            attached = type_present and (counted is None or count_near(e.quote, counted, near))
            rows.append(
                {
                    "similarity": similarity.get(e.chunk.id, 0.0),
                    "score_relative": relative[i],
                    "rank": float(i),
                    "coverage": _share(subject, quote_terms),
                    "coverage_idf": _share(subject, quote_terms, idf),
                    "context_coverage": _share(subject, context_terms),
                    "context_coverage_idf": _share(subject, context_terms, idf),
                    "type_present": float(type_present),
                    "type_attached": float(attached),
                    "unknown_terms": float(unknown_count),
                    "year_conflict": _conflict(years, YEAR, passage),
                    "figure_conflict": _figure_conflict(figures, passage),
                    "english": float(query.english),
                    "rarest_covered": float(rarest is None or matches(rarest, context_terms)),
                    "predicate_covered": float(
                        predicate is None or matches(predicate, context_terms)
                    ),
                    "quotable": float(
                        quotable(e.quote, source_asked, e.chunk.section, query.text, e.meta.title)
                    ),
                }
            )
        return rows

    def _similarities(self, query: Query, evidence: list[Evidence]) -> dict[str, float]:
        """Question-passage cosine in the strongest dense leg the query has a vector for."""
        for leg in ("e5", "usem3", "minilm"):
            if leg in query.vectors:
                ids = [e.chunk.id for e in evidence]
                vectors = self.chunk_vectors(leg, ids)
                if vectors:
                    q = query.vectors[leg]
                    return {cid: float(np.dot(q, v) / (np.linalg.norm(v) + 1e-12))
                            for cid, v in vectors.items()}  # fmt: skip
        return {}


def _asks(quote: str) -> bool:
    return quote.rstrip(" »”\"')").endswith("?")


def matches(term: str, terms: set[str]) -> bool:
    """A term, an inflection of it or a compound holding it: its stem (all but its last
    two letters, at least four) inside a passage word ("voerde" in "uitgevoerd", "bureau" in
    "onderzoeksbureau", "actielijnen" in "actielijn")."""
    if term in terms:
        return True
    if len(term) < 5:
        return False
    stem = term[: max(4, len(term) - 2)]
    return any(stem in t for t in terms)


def _share(subject: list[str], terms: set[str], weight: dict[str, float] | None = None) -> float:
    if not subject:
        return 1.0
    weight = weight or {}
    total = sum(weight.get(t, 1.0) for t in subject)
    return sum(weight.get(t, 1.0) for t in subject if matches(t, terms)) / total


def _conflict(asked: set[str], pattern: re.Pattern, passage: str) -> float:
    """1 when the question names a value the passage lacks while naming others of its kind."""
    if not asked:
        return 0.0
    stated = set(pattern.findall(passage))
    return float(bool(stated) and not (asked & stated))


def _relative(evidence: list[Evidence]) -> list[float]:
    """Each quote's fused score against the best of the list."""
    best = max((e.score for e in evidence), default=0.0) or 1.0
    return [e.score / best for e in evidence]


def _figures(text: str) -> set[str]:
    """The figures a text names other than years, number words as digits ("zeven" → "7"):
    a question says "zeven gebieden" where a passage says "5 gebieden"."""
    words = {NUMBER_VALUES[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_VALUES}
    return {f for f in _FIGURE.findall(text) if not YEAR.fullmatch(f)} | words


def _figure_conflict(asked: set[str], passage: str) -> float:
    if not asked:
        return 0.0
    stated = _figures(passage)
    return float(bool(stated) and not (asked & stated))
