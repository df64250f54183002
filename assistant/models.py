"""The typed things that flow through the pipeline: Document → Chunk → Evidence → Answer."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

import numpy as np

from assistant import messages
from assistant.text.dates import dutch_date

# A citation marker in answer text: "[3]" refers to the citation numbered 3.
CITATION_MARKER = re.compile(r"\[(\d+)\]")

DOC_TYPES = ("kamerbrief", "kamerstuk", "kamervragen", "nota", "studie", "strategie", "other")


@dataclass(frozen=True)
class Block:
    """A structural unit of a page: kind is heading, paragraph, item or footnote."""

    kind: str
    text: str


@dataclass(frozen=True)
class Page:
    """Cleaned blocks of one physical page (1-based number), or of a file without pages.
    `label` is the page number the document prints on it ("14", "2–3"), when it prints one."""

    number: int | None
    blocks: tuple[Block, ...]
    label: str | None = None
    ocr: bool = False  # read from a scan by OCR: the page had no text layer

    @property
    def text(self) -> str:
        """The page's extracted text: its blocks, one per line. Quotes are substrings of it."""
        return "\n".join(b.text for b in self.blocks)


@dataclass
class DocumentMeta:
    """What a citation needs to know about a document."""

    title: str
    doc_type: str = "other"
    date: str | None = None  # ISO yyyy-mm-dd, or yyyy-mm when only month and year are stated
    kenmerk: str | None = None
    source_url: str | None = None
    author: str | None = None  # the organisation that wrote or published it (a study's bureau)
    # answered Kamervragen: who asked (with their party), who answered, and when the
    # questions were sent in and the answer received (ISO dates)
    asked_by: str | None = None
    answered_by: str | None = None
    sent: str | None = None
    received: str | None = None

    @property
    def indexed_title(self) -> str:
        """The title as retrieval indexes it: with the author organisation, by which people
        name a study ("het Berenschot-rapport") when its title does not say it."""
        if self.author and self.author.casefold() not in self.title.casefold():
            return f"{self.title} ({self.author})"
        return self.title

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Document:
    """One source file, read and cleaned, with its metadata."""

    path: str  # path relative to the corpus folder (the document's identity)
    sha256: str  # hash of the raw file bytes
    meta: DocumentMeta
    pages: list[Page]
    file_type: str  # pdf, txt, md, docx
    extracted_meta: DocumentMeta | None = None  # as read from the file, before the catalog
    notes: list[str] = field(default_factory=list)  # what the ingest report should say of it

    def __post_init__(self) -> None:
        if self.extracted_meta is None:
            self.extracted_meta = self.meta


@dataclass(frozen=True)
class DocumentRecord:
    """An indexed document as the store holds it: what lists and citations show."""

    path: str
    sha256: str
    meta: DocumentMeta
    extracted_meta: DocumentMeta  # as read from the file, before the catalog
    file_type: str
    pages: int
    chunks: int
    indexed_at: str

    @property
    def title(self) -> str:
        return self.meta.title

    def to_dict(self) -> dict:
        """The flat form the CLI and the UI list: path, metadata, pages, chunks."""
        return {
            "path": self.path,
            **self.meta.to_dict(),
            "file_type": self.file_type,
            "pages": self.pages,
            "chunks": self.chunks,
            "indexed_at": self.indexed_at,
        }


@dataclass(frozen=True)
class Chunk:
    """The unit that is indexed: a short structural passage with its place in the document."""

    id: str
    doc_path: str
    position: int  # order within the document
    text: str  # verbatim substring of the page text
    page: int | None
    section: str  # nearest heading above it ("" when none)
    start: int  # character offsets into the page text
    end: int
    page_label: str | None = None  # the printed page number, where the document prints one
    ocr: bool = False  # its page was read by OCR
    # An answer of answered Kamervragen: the Kamer's question(s) it answers, indexed beside
    # the text but never quoted, and their numbers ("8", "3, 4, 5")
    context: str = ""
    answers: str = ""

    def context_text(self, title: str) -> str:
        """Text with its document title, heading and context in front: what the retrieval
        legs index."""
        parts = [title, self.section, self.context, self.text]
        return " — ".join(p for p in parts if p)


@dataclass
class Query:
    """A question prepared once for retrieval and the answer step.

    `text` is what the user asked; `search_text` the text searched (a follow-up carries the
    question before it). `terms` are the BM25 terms, a term listed n times weighing n times;
    `weights` the fusion weight per leg for this question, `vectors` the query vector of each
    dense leg that counts.
    """

    text: str
    search_text: str
    language: str  # "nl" or "en"
    terms: list[str] = field(default_factory=list)
    expansions: list[str] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    bridges: list[str] = field(default_factory=list)  # English words for a Dutch question

    @property
    def english(self) -> bool:
        return self.language == "en"

    def weight(self, leg: str) -> float:
        return self.weights.get(leg, 0.0)


@dataclass
class Evidence:
    """A quote of one to three sentences inside a retrieved chunk, with its scores."""

    chunk: Chunk
    quote: str  # verbatim substring of chunk.text
    score: float
    meta: DocumentMeta
    leg_ranks: dict[str, int] = field(default_factory=dict)


@dataclass
class Citation:
    """A numbered source as shown to the user and exported."""

    n: int
    document: str
    title: str
    doc_type: str
    date: str | None
    kenmerk: str | None
    page: int | None
    section: str
    quote: str
    score: float
    answers: str = ""  # an earlier answer: the numbers of the Kamervragen it answers
    page_label: str | None = None  # the printed page number; `page` opens the file
    ocr: bool = False  # the quote was read from a scan by OCR
    author: str | None = None  # the organisation that wrote it, for a study

    @property
    def page_ref(self) -> str | None:
        """The page as the document prints it ("p. 14"), else the physical page."""
        page = self.page_label or self.page
        return f"p. {page}" if page else None

    @property
    def earlier_answer(self) -> bool:
        """An answer the government gave before, in answered Kamervragen."""
        return bool(self.answers)

    def reference(self) -> str:
        """The way staff cite a source: (titel, kenmerk, datum, p. N); an earlier answer as
        "Eerder antwoord: Aanhangsel Handelingen II 2023/24, nr. 2129, antwoord op vraag 8
        (titel, datum, p. N)"."""
        if self.earlier_answer:
            parts = [self.title, dutch_date(self.date), self.page_ref]
            where = "(" + ", ".join(p for p in parts if p) + ")"
            return f"{messages.earlier_answer(self.kenmerk, self.answers)} {where}"
        parts = [self.title, self.author, self.kenmerk, dutch_date(self.date)]
        parts.append(self.page_ref or self.section or None)
        parts.append(messages.OCR_MARK if self.ocr else None)
        return "(" + ", ".join(p for p in parts if p) + ")"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    """The assistant's reply to one question."""

    question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    open_parts: list[str] = field(default_factory=list)  # parts of the question left unsaid
    # the answer names the passage that contradicts the question's premise (abstained: the
    # documents do not confirm it; answered: "Klopt het dat …?" answered by that passage)
    corrects: bool = False

    @property
    def cited(self) -> list[Citation]:
        """The citations the answer text refers to with its [n] markers."""
        numbers = {int(n) for n in CITATION_MARKER.findall(self.answer)}
        return [c for c in self.citations if c.n in numbers]

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "corrects": self.corrects,
            "open_parts": self.open_parts,
            "citations": [c.to_dict() for c in self.citations],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
            "notes": self.notes,
        }


@dataclass
class BriefingSection:
    """One document's part of a briefing: its key points, then its passages with figures."""

    document: str
    title: str
    doc_type: str
    date: str | None
    kenmerk: str | None
    points: list[Citation]
    figures: list[Citation]


@dataclass
class Briefing:
    """Key points on a topic grouped by document, newest documents first.

    `points` holds every passage shown, numbered [1], [2], ... in the order shown; `notes`
    the figures that differ between documents; `left_out` the passages found but left out as
    boilerplate; `reason` why nothing is shown, when the documents do not cover the topic.
    """

    topic: str
    points: list[Citation]
    notes: list[str]
    sections: list[BriefingSection] = field(default_factory=list)
    left_out: int = 0
    reason: str = ""


@dataclass
class IngestFailure:
    path: str
    error: str


@dataclass
class IngestReport:
    """What an ingest run did; the CLI prints it as JSON."""

    documents: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[IngestFailure] = field(default_factory=list)
    warnings: list[IngestFailure] = field(default_factory=list)  # indexed, but not whole

    def to_dict(self) -> dict:
        return asdict(self)
