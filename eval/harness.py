"""The eval harness: `python -m assistant eval [--json]`, run from a checkout.

Judged at the evidence level: a hit is a returned quote (from the gold document) that
contains the gold evidence string, whitespace normalised. Reports recall@1/3/5, MRR,
abstention precision and recall, and latency, for the assistant and for two baselines
built from llama-index's naive pipeline with the same embedding model, on the corpus alone
and on the corpus plus generated distractors.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.config import Settings
from assistant.index.legs import BY_NAME
from eval.configs import CONFIGS
from eval.distractors import write_distractors

HERE = Path(__file__).resolve().parent
QUESTIONS = HERE / "questions.jsonl"
QUOTE_BUDGET = 500


@dataclass
class Question:
    id: str
    question: str
    kind: str
    lang: str
    doc: str | None
    evidence: str | None
    split: str | None = None  # "dev" or "test" in the real set: tune on dev, report test

    @property
    def answerable(self) -> bool:
        return self.evidence is not None


@dataclass
class Returned:
    """What a system returned for one question: quotes with their documents, best first."""

    quotes: list[tuple[str, str]]  # (document path, quote)
    abstained: bool
    latency_ms: float
    # the quotes (1-based ranks) the answer itself quotes; None: it presents all of them
    cited: frozenset[int] | None = None

    def presents(self, rank: int) -> bool:
        """Whether the quote at `rank` is presented as (part of) the answer."""
        return not self.abstained and (self.cited is None or rank in self.cited)


@dataclass
class Scores:
    system: str
    recall: dict[int, float] = field(default_factory=dict)
    mrr: float = 0.0
    abstain_precision: float | None = None
    abstain_recall: float | None = None
    false_abstention: float | None = None
    # of the answerable questions answered: the share whose answer quotes the gold passage
    answered_with_gold: float | None = None
    # of all questions answered: the share whose answer quotes no gold passage (the question
    # is unanswerable, or the quoted passages are not the gold one): the answers that look
    # sourced but may not answer. For an answerable question another passage can state the
    # same fact, so this is an upper bound.
    answered_without_gold: float | None = None
    latency_p50_ms: float = 0.0
    latency_p95_ms: float = 0.0
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "system": self.system,
            **{f"recall@{k}": round(v, 3) for k, v in self.recall.items()},
            "mrr": round(self.mrr, 3),
            "abstain_precision": _round(self.abstain_precision),
            "abstain_recall": _round(self.abstain_recall),
            "false_abstention": _round(self.false_abstention),
            "answered_with_gold": _round(self.answered_with_gold),
            "answered_without_gold": _round(self.answered_without_gold),
            "latency_p50_ms": round(self.latency_p50_ms, 1),
            "latency_p95_ms": round(self.latency_p95_ms, 1),
            "by_kind": self.by_kind,
            "misses": self.misses,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    return [Question(**json.loads(line)) for line in path.read_text().splitlines() if line.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def gold_ranks(question: Question, returned: Returned) -> list[int]:
    """1-based ranks of the quotes from the gold document containing the gold evidence.
    Spaces do not count: the gold phrase was copied from the raw extraction, where some PDFs
    run words together that ingest sets apart again."""
    if not question.answerable:
        return []
    gold = _norm(question.evidence or "").replace(" ", "")
    document = Path(question.doc or "").name
    return [
        rank
        for rank, (doc, quote) in enumerate(returned.quotes, start=1)
        if Path(doc).name == document and gold in _norm(quote).replace(" ", "")
    ]


def hit_rank(question: Question, returned: Returned) -> int | None:
    """1-based rank of the first quote holding the gold evidence (see `gold_ranks`)."""
    ranks = gold_ranks(question, returned)
    return ranks[0] if ranks else None


def score(system: str, questions: list[Question], results: list[Returned]) -> Scores:
    """Evidence-level retrieval figures, abstention figures and latency."""
    out = Scores(system=system)
    # each question's gold quotes, found once: recall reads the first, the answer figures all
    golds = [gold_ranks(q, r) for q, r in zip(questions, results, strict=True)]
    answerable = [(q, r) for q, r in zip(questions, results, strict=True) if q.answerable]
    ranks = [g[0] if g else None for q, g in zip(questions, golds, strict=True) if q.answerable]
    for k in (1, 3, 5):
        out.recall[k] = sum(1 for r in ranks if r is not None and r <= k) / max(1, len(ranks))
    out.mrr = sum(1 / r for r in ranks if r) / max(1, len(ranks))
    out.misses = [q.id for (q, _), r in zip(answerable, ranks, strict=True) if not r or r > 5]
    kinds = sorted({q.kind for q, _ in answerable})
    for kind in kinds:
        sub = [r for (q, _), r in zip(answerable, ranks, strict=True) if q.kind == kind]
        out.by_kind[kind] = {
            "n": len(sub),
            "recall@5": round(sum(1 for r in sub if r and r <= 5) / len(sub), 3),
            "mrr": round(sum(1 / r for r in sub if r) / len(sub), 3),
        }
    abstained = [(q, r.abstained) for q, r in zip(questions, results, strict=True)]
    for kind in sorted({q.kind for q, _ in abstained if not q.answerable}):
        sub = [a for q, a in abstained if q.kind == kind and not q.answerable]
        out.by_kind[kind] = {"n": len(sub), "abstained": round(sum(sub) / len(sub), 3)}
    if any(a for _, a in abstained) or any(not q.answerable for q, _ in abstained):
        tp = sum(1 for q, a in abstained if a and not q.answerable)
        n_abstained = sum(1 for _, a in abstained if a)
        n_unanswerable = sum(1 for q, _ in abstained if not q.answerable)
        out.abstain_precision = tp / n_abstained if n_abstained else 0.0
        out.abstain_recall = tp / n_unanswerable if n_unanswerable else None
        out.false_abstention = sum(1 for q, a in abstained if a and q.answerable) / max(
            1, len(answerable)
        )
    answered = [
        (q, any(r.presents(rank) for rank in g))
        for q, r, g in zip(questions, results, golds, strict=True)
        if not r.abstained
    ]
    with_gold = sum(quotes_gold for _, quotes_gold in answered)
    answered_answerable = sum(q.answerable for q, _ in answered)
    if answered_answerable:
        out.answered_with_gold = with_gold / answered_answerable
    if answered:
        out.answered_without_gold = 1 - with_gold / len(answered)
    latencies = sorted(r.latency_ms for r in results)
    out.latency_p50_ms = statistics.median(latencies)
    out.latency_p95_ms = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
    return out


def run_questions(ask: Callable[[str], Returned], questions: list[Question]) -> list[Returned]:
    ask(questions[0].question)  # warm: load models before timing
    return [ask(q.question) for q in questions]


# --- systems --------------------------------------------------------------------------------


def assistant_system(settings: Settings) -> Callable[[str], Returned]:
    from assistant.service import Assistant

    assistant = Assistant(settings)

    def ask(question: str) -> Returned:
        answer = assistant.ask(question, top_k=5)
        shown = answer.cited
        return Returned(
            quotes=[(c.document, c.quote) for c in answer.citations],
            abstained=answer.abstained,
            latency_ms=answer.timings_ms["total"],
            cited=frozenset(i for i, c in enumerate(answer.citations, start=1) if c in shown),
        )

    return ask


def configure_llama_index(settings: Settings, embedder=None) -> None:
    """llama-index's global settings for a reference pipeline: the given dense model (default
    the assistant's primary one) and a mock LLM (unset, llama-index would import OpenAI)."""
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms import MockLLM

    from assistant.index.embedders import as_llama_embedding
    from assistant.index.legs import primary_embedder

    LlamaSettings.llm = MockLLM()
    LlamaSettings.embed_model = as_llama_embedding(embedder or primary_embedder(settings))


def naive_baseline(
    settings: Settings,
    documents: list[tuple[str, str]],
    *,
    chunk_size: int | None,
    top_k: int,
    embedder=None,
) -> Callable[[str], Returned]:
    """llama-index's naive pipeline: SentenceSplitter + VectorStoreIndex, with one of the
    assistant's dense models (default: the first dense leg of the settings).

    `documents` are (path, extracted text) pairs; the node text, cut to the quote budget,
    is the quote, so the baseline is judged at the same granularity as the assistant.
    """
    from llama_index.core import Document as LlamaDocument
    from llama_index.core import VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    configure_llama_index(settings, embedder)
    splitter = (
        SentenceSplitter()
        if chunk_size is None
        else SentenceSplitter(chunk_size=chunk_size, chunk_overlap=20)
    )
    docs = [LlamaDocument(text=text, metadata={"path": path}) for path, text in documents]
    index = VectorStoreIndex.from_documents(docs, transformations=[splitter])
    retriever = index.as_retriever(similarity_top_k=top_k)

    def ask(question: str) -> Returned:
        started = time.perf_counter()
        nodes = retriever.retrieve(question)
        elapsed = (time.perf_counter() - started) * 1000
        quotes = [(n.node.metadata["path"], n.node.get_content()[:QUOTE_BUDGET]) for n in nodes]
        return Returned(quotes=quotes, abstained=False, latency_ms=elapsed)

    return ask


# --- the run ----------------------------------------------------------------------------------


def _eval_folder(settings: Settings, root: Path, sources: list[Path]) -> Settings:
    """Settings for a corpus folder and index of its own under `root`, holding copies of
    `sources` (a copy is renewed only when its source changed, so the index stays current)."""
    corpus = root / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for source in sources:
        target = corpus / source.name
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copy(source, target)
    return replace(settings, corpus_dir=corpus, index_dir=root / "index")


def _prepare(settings: Settings, name: str, distractors: bool) -> Settings:
    """A corpus folder and index of its own for one eval setting (reused when current)."""
    seeds = [p for p in settings.corpus_dir.iterdir() if p.is_file()]
    prepared = _eval_folder(settings, settings.index_dir / f"eval-{name}", seeds)
    if distractors:
        write_distractors(prepared.corpus_dir / "distractors")
    else:  # a setting without them never measures them, whatever an earlier call left
        shutil.rmtree(prepared.corpus_dir / "distractors", ignore_errors=True)
    return prepared


def evaluate(settings: Settings, *, distractors: bool, baselines: bool = True) -> dict:
    """Index (incrementally) and score the assistant and the baselines for one setting."""
    from assistant.index import Index

    name = "distractors" if distractors else "corpus"
    eval_settings = _prepare(settings, name, distractors)
    index = Index(eval_settings)
    report = index.sync()
    index.fill()
    questions = load_questions()
    systems = [("assistant", assistant_system(eval_settings))]
    if baselines:
        texts = [(d.path, index.store.document_text(d.path)) for d in index.store.documents()]
        # with each dense model the assistant uses, so neither baseline lacks the better one
        for leg, embedder in index.embedders.items():
            model = BY_NAME[leg].label
            for label, size, k in (("default (1024 tok, top-2)", None, 2),
                                   ("128-token chunks (top-5)", 128, 5)):  # fmt: skip
                ask = naive_baseline(eval_settings, texts, chunk_size=size, top_k=k,
                                     embedder=embedder)  # fmt: skip
                systems.append((f"llama-index {label}, {model}", ask))
    scores = [score(label, questions, run_questions(ask, questions)) for label, ask in systems]
    return _result(name, report, questions, scores)


def _result(name: str, report, questions: list[Question], scores: list[Scores]) -> dict:
    return {
        "setting": name,
        "documents": report.documents,
        "chunks": report.chunks,
        "questions": len(questions),
        "answerable": sum(q.answerable for q in questions),
        "systems": [s.to_dict() for s in scores],
    }


def evaluate_configs(settings: Settings, *, distractors: bool) -> dict:
    """Score every configuration in eval/configs.py on one setting (assistant only)."""
    from assistant.index import Index

    name = "distractors" if distractors else "corpus"
    base = _prepare(settings, name, distractors)
    every_leg = replace(base, use_multilingual_leg=True, sentence_transformer_leg=True, e5_leg=True)
    index = Index(every_leg)
    report = index.sync()
    index.fill()
    questions = load_questions()
    rows = []
    for label, overrides in CONFIGS.items():
        config = replace(base, **overrides)  # its Index re-analyses BM25 if the analyser differs
        rows.append(score(label, questions, run_questions(assistant_system(config), questions)))
    Index(base).close()
    return _result(name, report, questions, rows)


# --- the real set: real documents, held-out questions, a fixed dev/test split ---------------

REAL_QUESTIONS = HERE / "real"
# Where the real public documents are: ../shared/real-corpus beside the checkout, or the
# folder named by NLDTIB_REAL_CORPUS.
REAL_CORPUS = Path(
    os.environ.get("NLDTIB_REAL_CORPUS", HERE.parent.parent / "shared" / "real-corpus")
)


def real_corpus() -> Path | None:
    """The real-corpus folder, when it is there."""
    return REAL_CORPUS if (REAL_CORPUS / "docs").is_dir() else None


def load_real_questions(folder: Path = REAL_QUESTIONS) -> list[Question]:
    """Every question of eval/real/questions-*.jsonl, in file order."""
    return [q for path in sorted(folder.glob("questions-*.jsonl")) for q in load_questions(path)]


def offtopic_questions(real: Path) -> list[Question]:
    """The questions of the answered Kamervragen (kamervragen/vragen-*.txt), one per
    "Vraag N" block: none is about the defence industry, so against the seed corpus every
    one must be abstained. Footnote lines are left out and line-end hyphens undone."""
    from assistant.text.clean import join_lines

    questions: list[Question] = []
    for path in sorted((real / "kamervragen").glob("vragen-*.txt")):
        blocks: list[list[str]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^Vraag \d", line):
                blocks.append([])
            elif blocks and line.strip() and not re.match(r"^\d{1,2} [A-Z(«]", line):
                blocks[-1].append(line.strip())
        for number, block in enumerate(blocks, start=1):
            text = block[0] if block else ""
            for line in block[1:]:
                text = join_lines(text, line)
            qid = f"off-{path.stem.removeprefix('vragen-kamervragen-')[:9]}-{number}"
            questions.append(Question(qid, text, "offtopic", "nl", None, None, "offtopic"))
    return questions


def _real_settings(settings: Settings, real: Path, documents: list[str] | None = None
                   ) -> Settings:  # fmt: skip
    """A corpus of the seeds and the real documents (all, or those named; copied under the
    index folder, which is never committed) and its index."""
    root = settings.index_dir / ("eval-real" if documents is None else "eval-real-part")
    sources = [p for p in settings.corpus_dir.iterdir() if p.is_file()]
    sources += [p for p in sorted((real / "docs").iterdir())
                if documents is None or p.name in documents]  # fmt: skip
    return _eval_folder(settings, root, sources)


def evaluate_real(settings: Settings, *, baselines: bool = True, limit: int | None = None,
                  documents: list[str] | None = None) -> list[dict]:  # fmt: skip
    """The real set, scored per split (dev, test), with the naive baseline of 128-token
    chunks and E5 in the same run. `limit` takes the first questions of each split only;
    `documents` indexes only those real documents (with the seeds) and asks only the
    questions answered by them or by none (the CI smoke test)."""
    from assistant.index import Index
    from assistant.index.legs import E5

    real = real_corpus()
    if real is None:
        return []
    eval_settings = _real_settings(settings, real, documents)
    index = Index(eval_settings)
    report = index.sync()
    index.fill()
    indexed = {Path(d.path).name for d in index.store.documents()}
    questions = [q for q in load_real_questions() if q.doc is None or q.doc in indexed]
    systems = [("assistant", assistant_system(eval_settings))]
    if baselines and E5 in index.embedders:
        texts = [(d.path, index.store.document_text(d.path)) for d in index.store.documents()]
        ask = naive_baseline(eval_settings, texts, chunk_size=128, top_k=5,
                             embedder=index.embedders[E5])  # fmt: skip
        systems.append(("llama-index 128-token chunks (top-5), E5", ask))
    results = []
    for split in ("dev", "test"):
        subset = [q for q in questions if q.split == split][:limit]
        if not subset:
            continue
        scores = [score(label, subset, run_questions(ask, subset)) for label, ask in systems]
        results.append(_result(f"real, {split}", report, subset, scores))
    return results


def evaluate_offtopic(settings: Settings, *, limit: int | None = None) -> dict | None:
    """The Kamervragen's own questions asked against the seed corpus: all off-topic."""
    real = real_corpus()
    if real is None:
        return None
    from assistant.index import Index

    eval_settings = _prepare(settings, "corpus", distractors=False)
    index = Index(eval_settings)
    report = index.sync()
    index.fill()
    questions = offtopic_questions(real)[:limit]
    scores = [
        score("assistant", questions, run_questions(assistant_system(eval_settings), questions))
    ]
    return _result("off-topic Kamervragen against the seeds", report, questions, scores)


def format_table(results: list[dict]) -> str:
    """Markdown tables of the results; R@5 by kind of question for every system."""
    lines = []
    for result in results:
        lines.append(
            f"\n## {result['setting']}: {result['documents']} documents, {result['chunks']} chunks,"
            f" {result['questions']} questions ({result['answerable']} answerable)\n"
        )
        header = (
            "system R@1 R@3 R@5 MRR abstain-P abstain-R false-abst. answered-with-gold"
            " answered-without-gold p50-ms p95-ms by-kind-R@5"
        ).split()
        lines.append("| " + " | ".join(h.replace("-", " ") for h in header) + " |")
        lines.append("|" + "---|" * len(header))
        for s in result["systems"]:
            kinds = " / ".join(
                f"{k} {v['recall@5'] if 'recall@5' in v else 'abst. ' + str(v['abstained'])}"
                for k, v in s["by_kind"].items()
            )
            cells = [
                s["system"], s["recall@1"], s["recall@3"], s["recall@5"], s["mrr"],
                s["abstain_precision"], s["abstain_recall"], s["false_abstention"],
                s["answered_with_gold"], s["answered_without_gold"],
                s["latency_p50_ms"], s["latency_p95_ms"], kinds,
            ]  # fmt: skip
            lines.append("| " + " | ".join("–" if c is None else str(c) for c in cells) + " |")
        ours = result["systems"][0]
        lines.append(f"\n{ours['system']} misses (not in top 5): " + ", ".join(ours["misses"]))
    return "\n".join(lines)
