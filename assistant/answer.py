"""Stage 5, answer: turn ranked evidence into a cited answer, or say the documents are silent.

Entry point: `ExtractiveAnswerer()(question, evidence)`. The default answer needs no LLM: it
is made of the evidence quotes themselves, each followed by its [n].
"""

from __future__ import annotations

from assistant.models import Answer, Citation, Evidence
from assistant.retrieve import detect_language

NOT_FOUND_NL = "Hierover staat niets in de geïndexeerde documenten."
NOT_FOUND_EN = "The indexed documents say nothing about this."


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


class ExtractiveAnswerer:
    """Answers with the best evidence sentences verbatim, each marked with its source."""

    def __init__(self, max_sentences: int = 2, relative_cutoff: float = 0.75) -> None:
        if max_sentences < 1 or not 0 < relative_cutoff <= 1:
            raise ValueError("max_sentences >= 1 and 0 < relative_cutoff <= 1")
        self.max_sentences = max_sentences
        self.relative_cutoff = relative_cutoff

    def __call__(self, question: str, evidence: list[Evidence]) -> Answer:
        english = detect_language(question) == "en"
        citations = to_citations(evidence)
        if not citations:
            return Answer(question, NOT_FOUND_EN if english else NOT_FOUND_NL, True, [])
        top = citations[0].score
        used = [c for c in citations if c.score >= self.relative_cutoff * top]
        used = used[: self.max_sentences]
        intro = "According to the documents:" if english else "Volgens de documenten:"
        body = " ".join(f"“{c.quote}” [{c.n}]" for c in used)
        return Answer(question, f"{intro} {body}", False, citations)
