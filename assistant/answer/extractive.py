"""Stage 5, answer: turn ranked evidence into a cited answer, or say the documents are silent.

Entry point: `ExtractiveAnswerer(known)(query, evidence)`. The default answer needs no
LLM: it is made of the evidence sentences themselves, each followed by its [n]. Whether to
answer is decided here (answerability.py judges each quote), not by a similarity threshold
(which did not separate answerable from unanswerable questions); a best quote that
contradicts the question's premise (premise.py) is named as the correction, not quoted as
the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant import messages
from assistant.answer.answerability import AnswerabilityJudge, Judgement
from assistant.answer.parts import open_parts
from assistant.answer.premise import Conflict, premise_conflict, presupposed_event, states
from assistant.answer.rules import answer_type, asks_to_verify
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
            page_label=e.chunk.page_label,
            author=e.meta.author,
            answers=e.chunk.answers,
            ocr=e.chunk.ocr,
        )
        for i, e in enumerate(evidence, start=1)
    ]


ASKED_AGAIN = 0.8  # share of a question's terms that its earlier asking holds: the same question


def asked_before(asked: set[str], evidence: Evidence, analyze) -> bool:
    """Whether the evidence is an earlier answer to the same question: its Kamervraag holds
    nearly all the terms (`asked`) of the question."""
    if not evidence.chunk.context or not asked:
        return False
    return len(asked & set(analyze(evidence.chunk.context))) >= ASKED_AGAIN * len(asked)


def earlier_answers_first(evidence: list[Evidence], usable: tuple[int, ...]
                          ) -> tuple[list[Evidence], list[int]]:  # fmt: skip
    """The evidence with the earlier answers (answered Kamervragen) that passed the answer
    step moved to the front, most probable first, and the usable indexes in the new order:
    what the government answered before on the point is what staff need first."""
    earlier = [i for i in usable if evidence[i].chunk.answers]
    order = earlier + [i for i in range(len(evidence)) if i not in earlier]
    moved = [evidence[i] for i in order]
    return moved, [order.index(i) for i in earlier + [i for i in usable if i not in earlier]]


@dataclass(frozen=True)
class Decision:
    answer: bool
    reason: str  # why not, for the user (Answer.notes)
    usable: tuple[int, ...] = ()  # indexes of the evidence that may be used, best first
    judgements: tuple[Judgement, ...] = ()
    # the evidence (by index) that contradicts the question's premise, and how
    conflict: tuple[int, Conflict] | None = None
    unconfirmed: str = ""  # the event a "why" takes for granted that no passage states


class ExtractiveAnswerer:
    """Answers with the evidence sentences judged to answer, verbatim, each marked with its
    source; abstains when none is (answerability.py judges each one)."""

    def __init__(self, judge: AnswerabilityJudge, max_sentences: int = 2) -> None:
        if max_sentences < 1:
            raise ValueError(messages.ANSWERER_SETTINGS)
        self.judge = judge
        self.max_sentences = max_sentences

    def decide(self, query: Query, evidence: list[Evidence],
               judgements: list[Judgement] | None = None) -> Decision:  # fmt: skip
        """Whether the evidence supports an answer, and which evidence may carry it (most
        probable first); `judgements`: the evidence's, when the judge gave them already
        (`AnswerabilityJudge.select`)."""
        if not evidence:
            return Decision(False, messages.REASON_NO_PASSAGE)
        if judgements is None:
            judgements = self.judge(query, evidence)
        # the government's answer to this very question, asked before, answers first,
        # whatever the judge makes of its wording ("Ja.", a reference to an earlier letter)
        asked = set(self.judge.analyzer(query.text))
        again = [i for i, e in enumerate(evidence) if asked_before(asked, e, self.judge.analyzer)]
        usable = again + sorted(
            (i for i, j in enumerate(judgements) if j.answers and i not in again),
            key=lambda i: -judgements[i].probability,
        )
        # the passage that matches a question best may be the one that corrects it: the
        # answer to "Klopt het dat …?", no answer to "Waarom …?", and worth naming even when
        # nothing answers
        best = usable[0] if usable else max(range(len(judgements)),
                                            key=lambda i: judgements[i].probability)  # fmt: skip
        conflict = None if best in again else premise_conflict(
            query.text, evidence[best].quote, query.english
        )  # fmt: skip
        if conflict and usable and asks_to_verify(query.text):
            return Decision(True, "", (best,), tuple(judgements), (best, conflict))
        if conflict:
            return Decision(False, messages.REASON_CONTRADICTED, (), tuple(judgements),
                            (best, conflict))  # fmt: skip
        event = presupposed_event(query.text, query.english) or ""
        if usable and event:
            # "Waarom is X opgeheven?" is answered only by a passage that says X was: the
            # event stated where the question's rarest term is (not of another fund)
            says = [
                i
                for i, e in enumerate(evidence)
                if states(event, e.quote) and judgements[i].features["rarest_covered"]
            ]
            stating = [i for i in usable if i in again or i in says]
            if not stating:
                stated = bool(says)
                reason = messages.REASON_NOT_ANSWERED if stated else messages.REASON_UNCONFIRMED
                return Decision(False, reason, (), tuple(judgements),
                                unconfirmed="" if stated else event)  # fmt: skip
            usable = stating
        if usable:
            return Decision(True, "", tuple(usable), tuple(judgements))
        unknown = judgements[0].unknown_terms
        if unknown:
            reason = messages.reason_unknown_terms(unknown)
        elif not any(j.features["type_present"] for j in judgements):
            reason = messages.reason_missing_kind(answer_type(query.text))
        else:
            reason = messages.REASON_NOT_ANSWERED
        return Decision(False, reason, (), tuple(judgements))

    def __call__(self, query: Query, evidence: list[Evidence],
                 judgements: list[Judgement] | None = None) -> Answer:  # fmt: skip
        decision = self.decide(query, evidence, judgements)
        if not decision.answer:
            not_found = messages.NOT_FOUND_EN if query.english else messages.NOT_FOUND
            if decision.conflict:  # what the reader needs before writing "why"
                i, conflict = decision.conflict
                not_found = messages.contradicted(conflict.asked, conflict.stated, i + 1,
                                                  query.english)  # fmt: skip
            elif decision.unconfirmed:
                not_found = messages.unconfirmed(decision.unconfirmed, query.english)
            citations = to_citations(evidence)
            return Answer(query.text, not_found, True, citations, notes=[decision.reason],
                          corrects=decision.conflict is not None)  # fmt: skip
        evidence, usable = earlier_answers_first(evidence, decision.usable)
        citations = to_citations(evidence)
        used = [citations[i] for i in usable][: self.max_sentences]
        if decision.conflict:  # "Klopt het dat …?" answered by the passage that says otherwise
            conflict, c = decision.conflict[1], used[0]
            text = messages.contradicted(conflict.asked, conflict.stated, c.n, query.english)
            return Answer(query.text, f"{text} “{c.quote}” [{c.n}]", False, citations,
                          notes=[messages.REASON_CONTRADICTED], corrects=True)  # fmt: skip
        intro = messages.ACCORDING_TO_EN if query.english else messages.ACCORDING_TO
        body = " ".join(f"“{c.quote}” [{c.n}]" for c in used)
        # a question of two parts answered on one says so, rather than pass for answered
        unsaid = open_parts(query.text, [f"{c.quote} {c.section} {c.title}" for c in used],
                            self.judge.analyzer)  # fmt: skip
        if unsaid:
            body += " " + messages.not_said(unsaid, query.english)
        return Answer(query.text, f"{intro} {body}", False, citations, open_parts=unsaid)
