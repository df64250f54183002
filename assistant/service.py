"""The `Assistant` service: the one object the CLI and the UI call.

It wires the stages together (ingest → index → search → answer) and holds no rules of its
own beyond the order of the steps; the front ends format what it returns.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from assistant import messages
from assistant.access import AuditLog
from assistant.answer.answerability import AnswerabilityJudge, AnswerabilityModel, Judgement
from assistant.answer.briefing import compose_briefing
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.generative import GenerativeAnswerer
from assistant.answer.llm import LLMConfig
from assistant.config import Settings, load_settings
from assistant.filters import Filters
from assistant.index import Index, IndexBusyError, IndexMismatchError
from assistant.index.check import CheckReport
from assistant.index.embedders import Embedder
from assistant.index.index import Progress
from assistant.ingest.catalog import CATALOG_FIELDS, read_catalog, write_catalog
from assistant.ingest.document import read_text
from assistant.ingest.files import SUPPORTED_SUFFIXES, document_file, is_within
from assistant.ingest.kamervragen import KamerVragen, split_questions
from assistant.models import (
    DOC_TYPES,
    Answer,
    Briefing,
    DocumentRecord,
    Evidence,
    IngestFailure,
    IngestReport,
    Query,
)
from assistant.search.query import QueryBuilder
from assistant.search.retriever import HybridRetriever
from assistant.search.vocabulary import Vocabulary
from assistant.text.dates import parse_date

log = logging.getLogger(__name__)
# the public names; the index errors (another process writes to it, it was built with
# another version or model) are what the front ends catch besides ValueError
__all__ = ["Assistant", "IndexBusyError", "IndexMismatchError", "upload_problem"]


class Assistant:
    """Ingest, ask and inspect, over one index.

    `embedders` replaces the models of the dense legs by leg name and `answerability` the
    fitted answerability model (tests use fakes of both: a fake embedder's similarities are
    not what the fitted weights expect).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        embedders: Mapping[str, Embedder] | None = None,
        answerability: AnswerabilityModel | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self.index = Index(self.settings, embedders)
        self.vocabulary = Vocabulary(self.index, self.settings)
        self.queries = QueryBuilder(self.index, self.settings, self.vocabulary)
        self.retriever = HybridRetriever(self.index, self.settings)
        self.judge = AnswerabilityJudge(
            known=self.vocabulary.known,
            analyzer=self.index.store.analyzer,
            document_frequency=self.index.store.lexical.document_frequency,
            chunk_vectors=self.index.chunk_vectors,
            model=answerability,
        )
        self.extractive = ExtractiveAnswerer(self.judge)
        self.answerer: ExtractiveAnswerer | GenerativeAnswerer = self.extractive
        if self.settings.answer_mode == "generative":
            config = LLMConfig(
                base_url=self.settings.llm_base_url or "",
                model=self.settings.llm_model or "",
                api_key_env=self.settings.llm_api_key_env,
                timeout_s=self.settings.llm_timeout_s,
                max_tokens=self.settings.llm_max_tokens,
            )
            self.answerer = GenerativeAnswerer(config, self.extractive, self.index.store.analyzer)
        self.audit = AuditLog(self.settings.audit_log) if self.settings.audit_log else None
        self._filler: threading.Thread | None = None
        self._stop_fill = threading.Event()

    def close(self) -> None:
        self.stop_fill()
        self.index.close()

    # --- ingest -----------------------------------------------------------------------------

    def ingest(
        self,
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        page_progress: Progress | None = None,
        fill: bool = True,
        fill_progress: Progress | None = None,
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

    def fill_vectors(self, progress: Progress | None = None) -> int:
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
                log.exception(messages.LOG_FILL_FAILED)

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

    def add_files(self, files: list[tuple[str, Path]], progress: Progress | None = None
                  ) -> IngestReport:  # fmt: skip
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
            raise ValueError(messages.unknown_document(path))
        self.index.remove(path)
        file = self.document_file(path)
        if is_within(file, self.settings.corpus_dir):
            file.unlink(missing_ok=True)
        catalog = read_catalog(self.settings.catalog_path)
        if catalog.pop(path, None) is not None:
            write_catalog(self.settings.catalog_path, catalog)

    def update_metadata(self, path: str, **fields: str | None) -> None:
        """Set catalog values (title, doc_type, date, kenmerk, source_url) for a document."""
        if self.index.store.document(path) is None:
            raise ValueError(messages.unknown_document(path))
        unknown = sorted(set(fields) - set(CATALOG_FIELDS))
        if unknown:
            raise ValueError(messages.unknown_fields(unknown))
        if fields.get("doc_type") and fields["doc_type"] not in DOC_TYPES:
            raise ValueError(messages.doc_type_choice(DOC_TYPES))
        if fields.get("date"):
            fields["date"] = parse_date(fields["date"] or "")
            if fields["date"] is None:
                raise ValueError(messages.DATE_FORMAT)
        catalog = read_catalog(self.settings.catalog_path)
        entry = catalog.setdefault(path, {})
        for key, value in fields.items():
            if value:
                entry[key] = value
            else:
                entry.pop(key, None)
        write_catalog(self.settings.catalog_path, catalog)
        self.ingest([self.document_file(path)])

    # --- questions --------------------------------------------------------------------------

    def query(self, question: str, history: list[str] | None = None) -> Query:
        """The question prepared for retrieval: language, terms, weights, vectors."""
        question = question.strip()
        if not question:
            raise ValueError(messages.EMPTY_QUESTION)
        if self.index.store.outdated:
            raise IndexMismatchError(messages.INDEX_OUTDATED)
        return self.queries.build(question, history)

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
        started = time.perf_counter()
        query = self.query(question, history)
        filters = filters or Filters()
        if not filters.empty and not self.index.store.documents(filters):
            answer = Answer(query.text, messages.NO_MATCHING_DOCUMENTS, True, [],
                            notes=[messages.REASON_NO_DOCUMENTS])  # fmt: skip
            retrieved = done = time.perf_counter()
        else:
            shown, judgements = self.evidence(query, filters, top_k)
            retrieved = time.perf_counter()
            answer = self.answerer(query, shown, judgements)
            done = time.perf_counter()
        answer.timings_ms = {
            "retrieve": (retrieved - started) * 1000,
            "answer": (done - retrieved) * 1000,
            "total": (done - started) * 1000,
        }
        if self.audit:
            sources = [c.reference() for c in answer.citations]
            self.audit.record(user, query.text, answer.abstained, sources)
        return answer

    def evidence(self, query: Query, filters: Filters | None = None, top_k: int | None = None
                 ) -> tuple[list[Evidence], list[Judgement]]:  # fmt: skip
        """The `top_k` quotes an answer shows, reordered by the rank model from the retrieved
        ones to `rerank_depth`, and their judgements (the gate reading retrieval's order)."""
        top_k = top_k or self.settings.top_k
        found = self.retriever(query, filters, top_k, depth=self.settings.rerank_depth)
        return self.judge.select(query, found, top_k)

    def split_questions(self, text: str) -> KamerVragen:
        """A set of Kamervragen split into its header and numbered questions."""
        vragen = split_questions(text)
        if not vragen.questions:
            raise ValueError(messages.NO_QUESTIONS)
        return vragen

    def draft(self, text: str, progress: Progress | None = None
              ) -> tuple[KamerVragen, list[Answer]]:  # fmt: skip
        """Split a set of Kamervragen and draft a cited answer (or abstention) per question."""
        vragen = self.split_questions(text)
        return vragen, self.answer_questions(vragen, progress)

    def answer_questions(self, vragen: KamerVragen, progress: Progress | None = None
                         ) -> list[Answer]:  # fmt: skip
        """Answers for an (edited) split; the header gives every question its context."""
        answers = []
        for number, vraag in enumerate(vragen.questions, start=1):
            if progress:
                progress(f"{messages.QUESTION} {vraag.number}", number, len(vragen.questions))
            answer = self.ask(vraag.query)
            answer.question = vraag.text
            answers.append(answer)
        return answers

    def brief(self, topic: str, top_k: int = 30) -> Briefing:
        """Key points and figures on a topic per document, newest first, with differing
        figures noted; empty (with the reason) when the documents do not cover the topic.

        The topic passes the same gate as a question (the passages `ask` would see), then up
        to `top_k` passages are gathered for the briefing.
        """
        query = self.query(topic)
        decision = self.extractive.decide(query, *self.evidence(query))
        if not decision.answer:
            return Briefing(topic, [], [], reason=decision.reason)
        return compose_briefing(topic, self.retriever(query, None, top_k))

    # --- documents --------------------------------------------------------------------------

    def documents(self, filters: Filters | None = None) -> list[DocumentRecord]:
        """The indexed documents (those the filters admit) with their metadata and chunk
        counts."""
        return self.index.store.documents(filters)

    def document(self, path: str) -> DocumentRecord | None:
        return self.index.store.document(path)

    def document_file(self, path: str) -> Path:
        """The file of an indexed document."""
        return document_file(path, self.settings.corpus_dir)

    def page_text(self, path: str, page: int | None) -> str:
        """The extracted text of one page of a document (quotes are substrings of it)."""
        return self.index.store.page_text(path, page)

    def read_file(self, path: Path) -> str:
        """The cleaned text of any supported file (a set of Kamervragen, say)."""
        return read_text(path)

    def check(self, repair: bool = False) -> CheckReport:
        return self.index.check(repair=repair)

    def warm_up(self, background: bool = False) -> threading.Thread | None:
        """Load the models now rather than on the first question.

        In the background, the query encoders and the analyser's word lists load
        while the caller goes on (importing chromadb, gradio): a one-shot `ask` overlaps them.
        """
        if not background:
            self.retriever(self.queries.build("opwarmen"), None, 1)
            return None

        def load() -> None:
            for embedder in self.index.embedders.values():
                embedder.embed_query("opwarmen")
            self.index.store.analyzer("defensieindustrie opwarmen")  # stemmer, word lists

        thread = threading.Thread(target=load, name="warm-up", daemon=True)
        thread.start()
        return thread


def upload_problem(name: str, source: Path, limit_bytes: int) -> str | None:
    """Why an upload is refused, or None."""
    if not name or Path(name).name != name or name.startswith(".") or "\\" in name or ".." in name:
        return messages.UPLOAD_NAME_REFUSED
    if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        return messages.unsupported_type(Path(name).suffix, SUPPORTED_SUFFIXES)
    size = source.stat().st_size
    if size > limit_bytes:
        mb = 1024 * 1024
        return messages.upload_too_large(size // mb, limit_bytes // mb)
    return None
