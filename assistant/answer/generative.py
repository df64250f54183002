"""Optional generative answers: an LLM writes from the numbered evidence, and only the
sentences the cited passages support are kept."""

from __future__ import annotations

from assistant import messages
from assistant.answer.answerability import Judgement
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.llm import LLMConfig, LLMError, build_messages, complete, verify
from assistant.answer.rules import planted_instruction
from assistant.models import Answer, Evidence, Query
from assistant.text.analysis import Analyzer


class GenerativeAnswerer:
    """An LLM writes the answer from the numbered evidence; only verified sentences stay.

    The extractive answer decides first whether to answer at all, and it is what the user
    gets, with a note saying so, when the model fails, times out or cannot be verified.
    """

    def __init__(
        self, config: LLMConfig, extractive: ExtractiveAnswerer, analyzer: Analyzer
    ) -> None:
        self.config = config
        self.extractive = extractive
        self.analyzer = analyzer

    def __call__(self, query: Query, evidence: list[Evidence],
                 judgements: list[Judgement] | None = None) -> Answer:  # fmt: skip
        base = self.extractive(query, evidence, judgements)
        # a premise the best passage contradicts is answered by that passage, verbatim
        if base.abstained or base.corrects:
            return base
        passages = [c for c in base.citations if not planted_instruction(c.quote)]
        try:
            text = complete(self.config, build_messages(query.text, passages))
        except LLMError as exc:
            base.notes.append(messages.LLM_FAILED.format(error=exc))
            return base
        if messages.NOT_FOUND in text or messages.NOT_FOUND_EN in text:
            return Answer(
                query.text, text.strip(), True, base.citations, notes=[messages.LLM_NOT_FOUND]
            )
        verified = verify(text, passages, self.analyzer)
        if not verified.sentences:
            base.notes.append(messages.LLM_UNSUPPORTED)
            return base
        notes = [messages.LLM_VERIFIED]
        if verified.dropped:
            notes.append(messages.LLM_DROPPED.format(n=len(verified.dropped)))
        text = " ".join(verified.sentences)
        if base.open_parts:
            text += " " + messages.not_said(base.open_parts, query.english)
        return Answer(query.text, text, False, base.citations, notes=notes,
                      open_parts=base.open_parts)  # fmt: skip
