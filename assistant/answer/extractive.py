"""Stage 5, answer: turn ranked evidence into a cited answer, or say the documents are silent.

Entry point: `ExtractiveAnswerer(known)(query, evidence)`. The default answer needs no
LLM: it is made of the evidence sentences themselves, each followed by its [n]. Whether to
answer is decided here (rules.py), not by a similarity threshold (which did not separate
answerable from unanswerable questions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant import messages
from assistant.answer.rules import (
    answer_type,
    contains_answer_type,
    count_near,
    focus_word,
    planted_instruction,
    salient_tokens,
)
from assistant.models import Answer, Citation, Evidence, Query


def to_citations(evidence: list[Evidence]) -> list[Citation]:
    """Number the evidence as citations [1], [2], ... in rank order."""
    return [
        Citation(
            n=i,
            document=e.chunk.doc_path,
            title=e.meta.title,
            doc_type=e.meta.doc_type,
            date=e.meta.date,
            kenmerk=e.meta.kenmerk,
            page=e.chunk.page,
            section=e.chunk.section,
            quote=e.quote,
            score=round(e.score, 4),
        )
        for i, e in enumerate(evidence, start=1)
    ]


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str  # why not, for the user (Answer.notes)
    usable: tuple[int, ...] = ()  # indexes of the evidence that may be used in the answer


class ExtractiveAnswerer:
    """Answers with the best evidence sentences verbatim, each marked with its source.

    `known` tells whether a word or name occurs in the corpus (directly or through the
    expansion vocabulary); the index provides it.
    """

    def __init__(
        self,
        known: Callable[[str], bool],
        max_sentences: int = 2,
        relative_cutoff: float = 0.8,
        type_window: int = 3,
    ) -> None:
        if max_sentences < 1 or not 0 < relative_cutoff <= 1 or type_window < 1:
            raise ValueError(messages.ANSWERER_SETTINGS)
        self.known = known
        self.max_sentences = max_sentences
        self.relative_cutoff = relative_cutoff
        self.type_window = type_window

    def decide(self, query: Query, evidence: list[Evidence]) -> Decision:
        """Whether the evidence supports an answer, and which evidence may carry it."""
        if not evidence:
            return Decision(False, messages.REASON_NO_PASSAGE)
        question = query.text
        missing = [t for t in salient_tokens(question, query.english) if not self.known(t)]
        if missing:
            return Decision(False, messages.reason_unknown_terms(missing))
        # English words reach the Dutch corpus only through USE neighbours, too unsure to
        # refuse on; for Dutch, a subject the corpus never mentions means no answer.
        focus = None if query.english else focus_word(question)
        if focus and not self.known(focus):
            return Decision(False, messages.reason_unknown_terms([focus]))
        kind = answer_type(question)
        window = evidence[: self.type_window]
        counted = focus if kind == "count" else None  # English words can't be matched
        usable = tuple(
            i
            for i, e in enumerate(window)
            if contains_answer_type(e.quote, kind)
            and not planted_instruction(e.quote)
            and (counted is None or count_near(e.quote, counted))
        )
        if not usable:
            return Decision(False, messages.reason_missing_kind(kind))
        return Decision(True, "", usable)

    def __call__(self, query: Query, evidence: list[Evidence]) -> Answer:
        citations = to_citations(evidence)
        decision = self.decide(query, evidence)
        if not decision.answer:
            not_found = messages.NOT_FOUND_EN if query.english else messages.NOT_FOUND
            return Answer(query.text, not_found, True, citations, notes=[decision.reason])
        top = citations[decision.usable[0]].score
        used = [
            citations[i]
            for i in decision.usable
            if citations[i].score >= self.relative_cutoff * top
        ][: self.max_sentences]
        intro = messages.ACCORDING_TO_EN if query.english else messages.ACCORDING_TO
        body = " ".join(f"“{c.quote}” [{c.n}]" for c in used)
        return Answer(query.text, f"{intro} {body}", False, citations)
