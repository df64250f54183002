"""The `Assistant` service: the one object the CLI and the UI call."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.answer import ExtractiveAnswerer, GenerativeAnswerer
from assistant.config import Settings, load_settings
from assistant.index import CheckReport, FileProgress, Index
from assistant.llm import LLMConfig
from assistant.models import Answer, Filters, IngestReport
from assistant.retrieve import HybridRetriever


class Assistant:
    """Ingest, ask and inspect, over one index."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.index = Index(self.settings)
        self.retriever = HybridRetriever(self.index, self.settings)
        extractive = ExtractiveAnswerer(known=self.retriever.known)
        self.answerer = extractive
        if self.settings.answer_mode == "generative":
            config = LLMConfig(
                base_url=self.settings.llm_base_url or "",
                model=self.settings.llm_model or "",
                api_key_env=self.settings.llm_api_key_env,
                timeout_s=self.settings.llm_timeout_s,
            )
            self.answerer = GenerativeAnswerer(config, extractive, self.index.store.analyzer)

    def close(self) -> None:
        self.index.close()

    def ingest(
        self,
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: FileProgress | None = None,
    ) -> IngestReport:
        """Index new and changed files, drop deleted ones; bad files are reported, not fatal."""
        return self.index.sync(paths, rebuild=rebuild, progress=progress)

    def ask(
        self, question: str, filters: Filters | None = None, top_k: int | None = None
    ) -> Answer:
        """A cited answer to one question."""
        question = question.strip()
        if not question:
            raise ValueError("de vraag is leeg")
        started = time.perf_counter()
        evidence = self.retriever(question, filters, top_k)
        retrieved = time.perf_counter()
        answer = self.answerer(question, evidence)
        done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": (retrieved - started) * 1000,
            "answer": (done - retrieved) * 1000,
            "total": (done - started) * 1000,
        }
        return answer

    def documents(self) -> list[dict]:
        """The indexed documents with their metadata and chunk counts."""
        return self.index.store.documents()

    def check(self, repair: bool = False) -> CheckReport:
        return self.index.check(repair=repair)

    def warm_up(self) -> None:
        """Load the models now rather than on the first question."""
        self.retriever("opwarmen", None, 1)
