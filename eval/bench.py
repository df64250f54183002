"""The benchmark: `python -m assistant bench [--json] [--chunks N ...]`, from a checkout.

For each size, in a fresh process of its own (so peak memory is that size's): write the
generated corpus of eval/distractors.py plus the two seed nota's until it holds about N
chunks, ingest it end to end (extract, clean, chunk, analyse, embed, write Chroma and the
store), then ask the eval questions warm, QUESTION_PASSES times over, and time retrieval,
answer and total (percentiles over every pass; each pass's p50 shows the spread, several
milliseconds from run to run on a shared 2-core machine). The same
data then goes through llama-index's default pipeline (`VectorStoreIndex` over
`SentenceSplitter()` nodes with the same embedding model) as the reference. PDF extraction
speed (pages/s) is measured once, on generated PDFs of the same text, and OCR speed and
character accuracy on generated scans (eval/scans.py) where Tesseract is installed.
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import time
from dataclasses import replace
from pathlib import Path

from assistant.config import Settings
from assistant.ingest import ocr
from eval.distractors import write_distractors
from eval.scans import measure_ocr

CHUNKS_PER_DOCUMENT = 26  # what eval/distractors.py writes per document, measured
DEFAULT_SIZES = (1_000, 10_000, 100_000)
PDF_DOCUMENTS = 20
OCR_PAGES = 12  # generated scans (eval/scans.py): a third of them turned a quarter
OCR_NOISE = (1.0, 3.0)  # a scanned print, and a poor copy of a copy
QUESTION_PASSES = 3


def run_bench(
    settings: Settings,
    sizes: tuple[int, ...] = DEFAULT_SIZES,
    *,
    reference: bool = True,
    pdf: bool = True,
) -> dict:
    """Measure every size in its own process; returns the machine and one row per system."""
    context = multiprocessing.get_context("spawn")
    rows = []
    for size in sizes:
        jobs = [_measure_assistant] + ([_measure_reference] if reference else [])
        for job in jobs:
            with context.Pool(1) as pool:
                rows.append(pool.apply(job, (settings, size)))
    result = {"machine": machine(), "rows": rows}
    if pdf:
        with context.Pool(1) as pool:
            result["pdf"] = pool.apply(_measure_pdf, (settings,))
        if ocr.available():  # else Tesseract is not installed: nothing to measure
            with context.Pool(1) as pool:
                result["ocr"] = pool.apply(_measure_ocr, (settings,))
    return result


def machine() -> dict:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }


# --- the corpus ----------------------------------------------------------------------------


def bench_corpus(settings: Settings, size: int) -> Path:
    """A fresh folder with the seeds and enough generated documents for ~size chunks."""
    folder = settings.index_dir / f"bench-{size}" / "corpus"
    if folder.parent.exists():
        shutil.rmtree(folder.parent)
    folder.mkdir(parents=True)
    for source in settings.corpus_dir.iterdir():
        if source.is_file():
            shutil.copy(source, folder / source.name)
    write_distractors(folder / "generated", documents=max(1, size // CHUNKS_PER_DOCUMENT))
    return folder


# --- the measurements (each runs in a child process) --------------------------------------


def _measure_assistant(settings: Settings, size: int) -> dict:
    from assistant.index import Index
    from assistant.service import Assistant
    from eval.harness import load_questions

    corpus = bench_corpus(settings, size)
    bench_settings = replace(settings, corpus_dir=corpus, index_dir=corpus.parent / "index")
    started = time.perf_counter()
    index = Index(bench_settings)
    report = index.sync()
    ingest_s = time.perf_counter() - started
    filled = index.fill()  # the deferred E5 leg, after the documents are searchable
    fill_s = time.perf_counter() - started - ingest_s
    index.close()
    assistant = Assistant(bench_settings)
    pages = sum(d.pages for d in assistant.documents())
    questions = [q.question for q in load_questions()]
    assistant.warm_up()
    passes = [[assistant.ask(q).timings_ms for q in questions] for _ in range(QUESTION_PASSES)]
    timings = [t for one_pass in passes for t in one_pass]
    row = {
        "system": "assistant",
        "target_chunks": size,
        "chunks": report.chunks,
        "documents": report.documents,
        "failed": len(report.failed),
        "ingest_s": round(ingest_s, 1),
        "ingest_pages_per_s": round(pages / ingest_s, 1),
        "ingest_chunks_per_s": round(report.chunks / ingest_s, 1),
        "fill_s": round(fill_s, 1),
        "fill_chunks_per_s": round(filled / fill_s, 1) if filled else None,
        **{
            f"{part}_{stat}_ms": value
            for part in ("retrieve", "answer", "total")
            for stat, value in _percentiles([t[part] for t in timings]).items()
        },
        "total_p50_ms_per_pass": [_percentiles([t["total"] for t in p])["p50"] for p in passes],
        "peak_memory_mb": _peak_memory_mb(),
        "index_mb": _size_mb(bench_settings.index_dir),
    }
    return row


def _measure_reference(settings: Settings, size: int) -> dict:
    """llama-index's default pipeline on the same files and the same embedding model."""
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    from eval.harness import configure_llama_index, load_questions

    corpus = settings.index_dir / f"bench-{size}" / "corpus"
    if not corpus.is_dir():
        corpus = bench_corpus(settings, size)
    configure_llama_index(settings)
    started = time.perf_counter()
    documents = SimpleDirectoryReader(
        str(corpus), recursive=True, required_exts=[".txt", ".md"]
    ).load_data()
    index = VectorStoreIndex.from_documents(documents)
    ingest_s = time.perf_counter() - started
    persist = corpus.parent / "llama-index"
    index.storage_context.persist(persist_dir=str(persist))
    retriever = index.as_retriever()
    questions = [q.question for q in load_questions()]
    retriever.retrieve(questions[0])
    passes = []
    for _ in range(QUESTION_PASSES):
        latencies = []
        for question in questions:
            started = time.perf_counter()
            retriever.retrieve(question)
            latencies.append((time.perf_counter() - started) * 1000)
        passes.append(latencies)
    nodes = len(index.docstore.docs)
    stats = _percentiles([ms for one_pass in passes for ms in one_pass])
    return {
        "system": "llama-index default (reference)",
        "target_chunks": size,
        "chunks": nodes,
        "documents": len(documents),
        "failed": 0,
        "ingest_s": round(ingest_s, 1),
        "ingest_pages_per_s": None,
        "ingest_chunks_per_s": round(nodes / ingest_s, 1),
        **{f"retrieve_{k}_ms": v for k, v in stats.items()},
        "answer_p50_ms": None,
        "answer_p95_ms": None,
        **{f"total_{k}_ms": v for k, v in stats.items()},
        "total_p50_ms_per_pass": [_percentiles(one_pass)["p50"] for one_pass in passes],
        "peak_memory_mb": _peak_memory_mb(),
        "index_mb": _size_mb(persist),
    }


def _measure_pdf(settings: Settings) -> dict:
    """Ingest speed on real PDF files (written with fpdf2 from the generated text)."""
    from fpdf import FPDF

    from assistant.index import Index

    root = settings.index_dir / "bench-pdf"
    if root.exists():
        shutil.rmtree(root)
    texts = write_distractors(root / "text", documents=PDF_DOCUMENTS)
    corpus = root / "corpus"
    corpus.mkdir()
    for text in texts:
        pdf = FPDF()
        pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        pdf.set_font("DejaVu", size=11)
        pdf.add_page()
        pdf.multi_cell(0, 6, text.read_text(encoding="utf-8"))
        pdf.output(str(corpus / f"{text.stem}.pdf"))
    bench_settings = replace(settings, corpus_dir=corpus, index_dir=root / "index")
    started = time.perf_counter()
    report = Index(bench_settings).sync()
    elapsed = time.perf_counter() - started
    pages = sum(d.pages for d in Index(bench_settings).store.documents())
    return {
        "documents": report.documents,
        "pages": pages,
        "chunks": report.chunks,
        "ingest_s": round(elapsed, 1),
        "pages_per_s": round(pages / elapsed, 1),
        "chunks_per_s": round(report.chunks / elapsed, 1),
    }


def _measure_ocr(settings: Settings) -> list[dict]:
    """OCR speed and character accuracy on generated scans (eval/scans.py), per noise."""
    root = settings.index_dir / "bench-ocr"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    return [measure_ocr(root, OCR_PAGES, noise) for noise in OCR_NOISE]


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def _peak_memory_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _size_mb(folder: Path) -> float:
    total = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return round(total / 2**20, 1)


def format_bench(result: dict) -> str:
    """The results as a Markdown table, with the machine."""
    m = result["machine"]
    lines = [
        f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}, {m['platform']}",
        "",
        "| system | chunks | ingest chunks/s | pages/s | retrieve p50/p95 ms "
        "| answer p50/p95 ms | total p50/p95 ms | peak MB | index MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:

        def pair(part: str, row: dict = r) -> str:
            low, high = row[f"{part}_p50_ms"], row[f"{part}_p95_ms"]
            return "–" if low is None else f"{low} / {high}"

        lines.append(
            f"| {r['system']} | {r['chunks']} | {r['ingest_chunks_per_s']} "
            f"| {r['ingest_pages_per_s'] or '–'} | {pair('retrieve')} | {pair('answer')} "
            f"| {pair('total')} | {r['peak_memory_mb']} | {r['index_mb']} |"
        )
    lines.append(f"\nTotal p50 of each of the {QUESTION_PASSES} passes over the questions (ms):")
    lines += [
        f"- {r['system']}, {r['chunks']} chunks: "
        + " / ".join(str(ms) for ms in r["total_p50_ms_per_pass"])
        for r in result["rows"]
    ]
    if "pdf" in result:
        p = result["pdf"]
        lines.append(
            f"\nPDF ingest: {p['documents']} PDFs, {p['pages']} pages, {p['chunks']} chunks in "
            f"{p['ingest_s']} s: {p['pages_per_s']} pages/s, {p['chunks_per_s']} chunks/s."
        )
    for o in result.get("ocr", []):
        lines.append(
            f"\nOCR, noise {o['noise']}: {o['pages']} generated scans (each with a redaction box "
            f"and its Woo ground, every third turned a quarter) in {o['seconds']} s: "
            f"{o['pages_per_s']} pages/s, {o['cpu_s_per_page']} CPU s/page; character accuracy "
            f"{o['char_accuracy']} (upright {o['char_accuracy_upright']}, turned "
            f"{o['char_accuracy_rotated']}); pages letting a redaction through: "
            f"{o['pages_leaking_redactions']}."
        )
    return "\n".join(lines)
