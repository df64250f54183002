"""The `Assistant` service: the one object the CLI and the UI call."""

from __future__ import annotations

import logging
import re
import shutil
import threading
import time
import tomllib
from dataclasses import replace
from pathlib import Path

import tomli_w

from assistant.access import AuditLog
from assistant.answer import ExtractiveAnswerer, GenerativeAnswerer, to_citations
from assistant.config import Settings, load_settings
from assistant.index import (
    CheckReport,
    FileProgress,
    Index,
    IndexMismatchError,
    document_file,
    is_within,
)
from assistant.ingest import CATALOG_FIELDS, SUPPORTED_SUFFIXES
from assistant.kamervragen import Briefing, KamerVragen, briefing_notes, split_questions
from assistant.llm import LLMConfig
from assistant.models import DOC_TYPES, Answer, Filters, IngestFailure, IngestReport
from assistant.retrieve import HybridRetriever

log = logging.getLogger(__name__)


class Assistant:
    """Ingest, ask and inspect, over one index."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.index = Index(self.settings)
        self.retriever = HybridRetriever(self.index, self.settings)
        extractive = ExtractiveAnswerer(known=self.retriever.known)
        self.extractive = extractive
        self.answerer = extractive
        if self.settings.answer_mode == "generative":
            config = LLMConfig(
                base_url=self.settings.llm_base_url or "",
                model=self.settings.llm_model or "",
                api_key_env=self.settings.llm_api_key_env,
                timeout_s=self.settings.llm_timeout_s,
                max_tokens=self.settings.llm_max_tokens,
            )
            self.answerer = GenerativeAnswerer(config, extractive, self.index.store.analyzer)
        self.audit = AuditLog(self.settings.audit_log) if self.settings.audit_log else None
        self._filler: threading.Thread | None = None
        self._stop_fill = threading.Event()

    def close(self) -> None:
        self.stop_fill()
        self.index.close()

    def ingest(
        self,
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: FileProgress | None = None,
        page_progress: FileProgress | None = None,
        fill: bool = True,
        fill_progress: FileProgress | None = None,
    ) -> IngestReport:
        """Index new and changed files, drop deleted ones; bad files are reported, not fatal.

        `progress(file, number, files)` is called per file, `page_progress(file, page,
        pages)` per PDF page read. The documents are searchable once written; with `fill`
        the slow E5 vectors are added before returning (`fill_progress(leg, done, total)`),
        else `fill_in_background` or a later ingest adds them.
        """
        report = self.index.sync(
            paths, rebuild=rebuild, progress=progress, page_progress=page_progress
        )
        if fill:
            self.fill_vectors(fill_progress)
        return report

    def fill_vectors(self, progress: FileProgress | None = None) -> int:
        """Add the E5 vectors an ingest left to do (`progress(leg, done, total)`)."""
        return self.index.fill(progress, self._stop_fill)

    def fill_in_background(self) -> threading.Thread | None:
        """Add the vectors the deferred legs lack in a background thread (one at a time);
        None when nothing is pending."""
        if self._filler is not None and self._filler.is_alive():
            return self._filler
        if not self.index.pending_vectors():
            return None

        def run() -> None:
            try:
                self.fill_vectors()
            except Exception:  # the next fill goes on where this one stopped
                log.exception("filling the deferred vector legs failed")

        self._filler = threading.Thread(target=run, name="fill-vectors", daemon=True)
        self._filler.start()
        return self._filler

    def pending_vectors(self) -> int:
        """Chunks whose E5 vectors are still to be computed."""
        return self.index.pending_vectors()

    def stop_fill(self) -> None:
        """Stop a background fill between two batches and wait for it."""
        self._stop_fill.set()
        if self._filler is not None:
            self._filler.join()
        self._stop_fill.clear()

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        top_k: int | None = None,
        history: list[str] | None = None,
        user: str | None = None,
    ) -> Answer:
        """A cited answer to one question; `history` holds the session's earlier questions.

        With the audit log switched on, the question, `user` and the sources are recorded.
        """
        question = question.strip()
        if not question:
            raise ValueError("de vraag is leeg")
        if self.index.store.outdated:
            raise IndexMismatchError(
                "de index is met een oudere versie gebouwd: voer `python -m assistant ingest` uit"
            )
        started = time.perf_counter()
        query = contextualise(question, history or [])
        evidence = self.retriever(query, filters, top_k)
        retrieved = time.perf_counter()
        answer = self.answerer(question, evidence)
        done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": (retrieved - started) * 1000,
            "answer": (done - retrieved) * 1000,
            "total": (done - started) * 1000,
        }
        if self.audit:
            sources = [c.reference() for c in answer.citations]
            self.audit.record(user, question, answer.abstained, sources)
        return answer

    def add_files(
        self, files: list[tuple[str, Path]], progress: FileProgress | None = None
    ) -> IngestReport:
        """Copy uploaded files (name as given by the user, temporary path) into the corpus and
        index them. A name that leaves the corpus folder, an unsupported type or an
        oversized file is refused and reported; the other files go ahead."""
        accepted: list[Path] = []
        refused: list[IngestFailure] = []
        corpus = self.settings.corpus_dir
        corpus.mkdir(parents=True, exist_ok=True)
        limit = self.settings.max_upload_mb * 1024 * 1024
        for name, source in files:
            error = upload_problem(name, source, limit)
            if error:
                refused.append(IngestFailure(name, error))
                continue
            target = corpus / name
            shutil.copyfile(source, target)
            accepted.append(target)
        report = IngestReport()
        if accepted:
            report = self.ingest(accepted, progress=progress, fill=False)
        report.failed = refused + report.failed
        report.documents = len(self.documents())
        self.fill_in_background()  # searchable now; E5 vectors follow
        return report

    def remove_document(self, path: str) -> None:
        """Delete a document from the index, its file from the corpus and its catalog entry."""
        if self.index.store.document(path) is None:
            raise ValueError(f"onbekend document: {path}")
        self.index.remove(path)
        file = document_file(path, self.settings.corpus_dir)
        if is_within(file, self.settings.corpus_dir):
            file.unlink(missing_ok=True)
        catalog = read_catalog(self.settings.catalog_path)
        if catalog.pop(path, None) is not None:
            write_catalog(self.settings.catalog_path, catalog)

    def update_metadata(self, path: str, **fields: str | None) -> None:
        """Set catalog values (title, doc_type, date, kenmerk, source_url) for a document."""
        if self.index.store.document(path) is None:
            raise ValueError(f"onbekend document: {path}")
        unknown = set(fields) - set(CATALOG_FIELDS)
        if unknown:
            raise ValueError(f"onbekende velden: {sorted(unknown)}")
        if fields.get("doc_type") and fields["doc_type"] not in DOC_TYPES:
            raise ValueError(f"doc_type moet één zijn van {DOC_TYPES}")
        if fields.get("date") and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["date"] or ""):
            raise ValueError("datum als jjjj-mm-dd")
        catalog = read_catalog(self.settings.catalog_path)
        entry = catalog.setdefault(path, {})
        for key, value in fields.items():
            if value:
                entry[key] = value
            else:
                entry.pop(key, None)
        write_catalog(self.settings.catalog_path, catalog)
        self.ingest([document_file(path, self.settings.corpus_dir)])

    def draft(
        self, text: str, progress: FileProgress | None = None
    ) -> tuple[KamerVragen, list[Answer]]:
        """Split a set of Kamervragen and draft a cited answer (or abstention) per question."""
        vragen = split_questions(text)
        if not vragen.questions:
            raise ValueError("geen genummerde vragen gevonden (verwacht: 'Vraag 1', '1.' of '1)')")
        return vragen, self.answer_questions(vragen, progress)

    def answer_questions(
        self, vragen: KamerVragen, progress: FileProgress | None = None
    ) -> list[Answer]:
        """Answers for an (edited) split; the header gives every question its context."""
        answers = []
        for number, vraag in enumerate(vragen.questions, start=1):
            if progress:
                progress(f"Vraag {vraag.number}", number, len(vragen.questions))
            answer = self.ask(vraag.query)
            answer.question = vraag.text
            answers.append(answer)
        return answers

    def brief(self, topic: str, top_k: int = 10) -> Briefing:
        """Key points on a topic across all documents, newest first, with differences noted."""
        evidence = self.retriever(topic, None, top_k)
        if not self.extractive.decide(topic, evidence).answer:
            return Briefing(topic, [], [])
        ordered = sorted(
            to_citations(evidence), key=lambda c: (c.date or "", c.score), reverse=True
        )
        points = [replace(c, n=i) for i, c in enumerate(ordered, start=1)]
        return Briefing(topic, points, briefing_notes(points))

    def documents(self) -> list[dict]:
        """The indexed documents with their metadata and chunk counts."""
        return self.index.store.documents()

    def check(self, repair: bool = False) -> CheckReport:
        return self.index.check(repair=repair)

    def warm_up(self, background: bool = False) -> threading.Thread | None:
        """Load the models now rather than on the first question.

        In the background, the query encoders and the analyser's word lists load
        while the caller goes on (importing chromadb, gradio): a one-shot `ask` overlaps them.
        """
        if not background:
            self.retriever("opwarmen", None, 1)
            return None

        def load() -> None:
            for embedder in self.index.embedders.values():
                embedder.embed_query("opwarmen")
            self.index.store.analyzer("defensieindustrie opwarmen")  # stemmer, word lists

        thread = threading.Thread(target=load, name="warm-up", daemon=True)
        thread.start()
        return thread


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


def upload_problem(name: str, source: Path, limit_bytes: int) -> str | None:
    """Why an upload is refused, or None."""
    if not name or Path(name).name != name or name.startswith(".") or "\\" in name or ".." in name:
        return "bestandsnaam geweigerd: die mag niet buiten de corpusmap wijzen"
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"bestandstype niet ondersteund (toegestaan: {', '.join(SUPPORTED_SUFFIXES)})"
    size = source.stat().st_size
    if size > limit_bytes:
        mb = 1024 * 1024
        return f"bestand te groot ({size // mb} MB; de grens is {limit_bytes // mb} MB)"
    return None


def read_catalog(path: Path) -> dict[str, dict]:
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def write_catalog(path: Path, catalog: dict[str, dict]) -> None:
    """Write the catalog atomically (a crash leaves the old or the new file, never half)."""
    header = (
        "# Curator overrides per document, keyed by the file's path relative to corpus/.\n"
        "# Fields: title, doc_type (nota, kamerbrief, studie, other), date (yyyy-mm-dd),\n"
        "# kenmerk, source_url. A value here wins over what is read from the document.\n\n"
    )
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(header + tomli_w.dumps({k: v for k, v in catalog.items() if v}))
    tmp.replace(path)
