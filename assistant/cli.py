"""Command line: `python -m assistant ingest|ask|check|serve|eval|bench`.

Holds no logic of its own: every command calls the `Assistant` service (or the eval and
bench harnesses) and prints what comes back.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.config import load_settings
from assistant.models import Answer, Filters


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        doc_types=tuple(args.doc_type or ()),
        date_from=args.date_from,
        date_to=args.date_to,
        documents=tuple(args.document or ()),
    )


def format_answer(answer: Answer) -> str:
    """Readable text: the answer with [n] markers, then the numbered sources."""
    lines = [answer.answer, ""]
    if answer.citations:
        lines.append("Bronnen:" if not answer.abstained else "Mogelijk relevante passages:")
        for c in answer.citations:
            lines.append(f"[{c.n}] {c.reference()}")
            lines.append(f"    “{c.quote}”")
    return "\n".join(lines)


def cmd_ingest(args: argparse.Namespace) -> int:
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    progress = None
    bar = None
    if sys.stderr.isatty() and not args.json:
        from tqdm import tqdm

        bar = tqdm(total=0, unit="bestand", file=sys.stderr)

        def progress(name: str, number: int, total: int) -> None:
            bar.total = total
            bar.set_postfix_str(name[-40:])
            bar.update(1)

    def page_progress(name: str, page: int, pages: int) -> None:
        """Where a long PDF is: on the bar, or every 250 pages on stderr."""
        if bar is not None and page % 25 == 0:
            bar.set_postfix_str(f"{name[-30:]} p. {page}/{pages}")
        elif bar is None and not args.json and pages >= 250 and page % 250 == 0:
            print(f"  {name}: pagina {page}/{pages}", file=sys.stderr, flush=True)

    report = assistant.ingest(
        args.paths or None,
        rebuild=args.rebuild,
        progress=progress,
        page_progress=page_progress,
        fill=False,
    )
    if bar is not None:
        bar.close()
    if args.json:
        _print_json(report.to_dict())
    else:
        print(
            f"{report.documents} documenten, {report.chunks} fragmenten: {report.added} nieuw, "
            f"{report.updated} bijgewerkt, {report.unchanged} ongewijzigd, "
            f"{report.removed} verwijderd, {len(report.failed)} mislukt"
        )
        for failure in report.failed:
            print(f"  MISLUKT {failure.path}: {failure.error}", file=sys.stderr)
    if not args.no_fill:
        _fill(assistant, quiet=args.json)
    return 2 if report.failed else 0


def _fill(assistant, quiet: bool) -> None:
    """Add the E5 vectors the ingest left to do; Ctrl-C stops between batches."""
    pending = assistant.pending_vectors()
    if not pending:
        return
    bar = None
    if sys.stderr.isatty() and not quiet:
        from tqdm import tqdm

        bar = tqdm(total=pending, unit="fragment", desc="E5-vectoren", file=sys.stderr)
    elif not quiet:
        print(f"E5-vectoren berekenen voor {pending} fragmenten…", file=sys.stderr, flush=True)

    def progress(leg: str, done: int, total: int) -> None:
        if bar is not None:
            bar.update(done - bar.n)

    try:
        assistant.fill_vectors(progress)
    except KeyboardInterrupt:
        print(
            f"\nonderbroken: {assistant.pending_vectors()} fragmenten zonder E5-vector; de"
            " volgende ingest of de werkruimte gaat verder",
            file=sys.stderr,
        )
    finally:
        if bar is not None:
            bar.close()


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.service import Assistant

    assistant = Assistant(
        load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir, answer_mode=args.mode)
    )
    assistant.warm_up(background=True)
    if not assistant.documents():
        print("De index is leeg: voer eerst `python -m assistant ingest` uit.", file=sys.stderr)
        return 1
    if args.question == "-":
        if sys.stdin.isatty():
            print("Stel een vraag per regel (Ctrl-D stopt).", file=sys.stderr)
        questions = (q for q in (line.strip() for line in sys.stdin) if q)  # answered as read
    else:
        questions = iter([args.question])
    filters = _filters(args)
    for question in questions:
        answer = assistant.ask(question, filters, args.top_k)
        if args.json:
            _print_json(answer.to_dict())
        else:
            print(format_answer(answer))
            print()
        sys.stdout.flush()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    report = assistant.check(repair=args.repair)
    _print_json(report.to_dict())
    return 0 if report.consistent or args.repair else 1


def cmd_draft(args: argparse.Namespace) -> int:
    from assistant.export import write_docx
    from assistant.ingest import read_text
    from assistant.kamervragen import draft_markdown
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    text = sys.stdin.read() if str(args.file) == "-" else read_text(args.file)
    vragen, answers = assistant.draft(text)
    if args.out:
        sections = [
            (f"Vraag {v.number}", a) for v, a in zip(vragen.questions, answers, strict=True)
        ]
        write_docx(sections, args.out, "Conceptantwoorden Kamervragen", intro=vragen.header)
    if args.json:
        _print_json(
            {
                "header": vragen.header,
                "questions": [
                    {"number": v.number, "question": v.text, **a.to_dict()}
                    for v, a in zip(vragen.questions, answers, strict=True)
                ],
            }
        )
    else:
        print(draft_markdown(vragen, answers))
    return 0


def cmd_brief(args: argparse.Namespace) -> int:
    from assistant.export import write_briefing_docx
    from assistant.kamervragen import briefing_markdown
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    briefing = assistant.brief(args.topic)
    if args.out:
        write_briefing_docx(briefing, args.out)
    print(briefing_markdown(briefing))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.ui import serve

    serve(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir), args.host, args.port)
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    import getpass

    from assistant.access import add_user

    settings = load_settings()
    path = args.users_file or settings.users_file
    if path is None:
        raise ValueError("geef --users-file of zet users_file in assistant.toml")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Wachtwoord voor {args.name}: ")
        if getpass.getpass("Nogmaals: ") != password:
            raise ValueError("de wachtwoorden verschillen")
    add_user(path, args.name, password)
    print(f"gebruiker {args.name} opgeslagen in {path} (alleen de hash)")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.evaluation import evaluate, format_table

    settings = load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    settings_list = [False] if args.corpus_only else [False, True]
    if args.configs:
        from assistant.evaluation import evaluate_configs

        results = [evaluate_configs(settings, distractors=d) for d in settings_list]
    else:
        results = [
            evaluate(settings, distractors=d, baselines=not args.no_baselines)
            for d in settings_list
        ]
    if args.json:
        _print_json(results)
    else:
        print(format_table(results))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from assistant.bench import DEFAULT_SIZES, format_bench, run_bench

    settings = load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    sizes = tuple(args.chunks or DEFAULT_SIZES)
    result = run_bench(settings, sizes, reference=not args.no_reference, pdf=not args.no_pdf)
    if args.json:
        _print_json(result)
    else:
        print(format_bench(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="NLDTIB-beleidsassistent: antwoorden met controleerbare bronnen.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--index-dir", type=Path, help="index folder (default: indexes/)")
        p.add_argument("--corpus-dir", type=Path, help="corpus folder (default: corpus/)")

    p = sub.add_parser("ingest", help="index the corpus (incremental)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--rebuild", action="store_true", help="re-embed everything from scratch")
    p.add_argument(
        "--no-fill",
        action="store_true",
        help="leave the slow E5 vectors to the workspace or the next ingest",
    )
    common(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", help="answer a question ('-' reads one per line from stdin)")
    p.add_argument("question")
    p.add_argument("--top-k", type=int, default=None)
    p.add_argument("--json", action="store_true", help="one JSON object per question")
    p.add_argument("--doc-type", action="append", choices=["nota", "kamerbrief", "studie", "other"])
    p.add_argument("--date-from", help="yyyy-mm-dd")
    p.add_argument("--date-to", help="yyyy-mm-dd")
    p.add_argument("--document", action="append", help="restrict to this document path")
    p.add_argument(
        "--mode", choices=["extractive", "generative"], help="generative needs llm_* settings"
    )
    common(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("check", help="verify that Chroma and the store agree")
    p.add_argument("--repair", action="store_true")
    common(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("draft", help="draft answers to a set of Kamervragen")
    p.add_argument("file", type=Path, help=".txt, .md, .docx or .pdf ('-' reads stdin)")
    p.add_argument("--out", type=Path, help="write the drafts to this .docx")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("brief", help="key points on a topic across all documents")
    p.add_argument("topic")
    p.add_argument("--out", type=Path, help="write the briefing to this .docx")
    common(p)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("serve", help="start the gradio workspace")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default: localhost only)")
    p.add_argument("--port", type=int, default=7860)
    common(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("user", help="manage the logins of an exposed workspace")
    users = p.add_subparsers(dest="action", required=True)
    p = users.add_parser("add", help="add a user or set a new password (stored as a hash)")
    p.add_argument("name")
    p.add_argument("--users-file", type=Path, help="default: users_file from the settings")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=cmd_user_add)

    p = sub.add_parser("eval", help="retrieval and abstention figures against the baselines")
    p.add_argument("--json", action="store_true")
    p.add_argument("--corpus-only", action="store_true", help="skip the distractor setting")
    p.add_argument("--no-baselines", action="store_true", help="score the assistant only")
    p.add_argument("--configs", action="store_true", help="compare retrieval configurations")
    common(p)
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="ingest speed, query latency, memory and index size")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--chunks", type=int, nargs="+", help="corpus sizes (default: 1000 10000 100000)"
    )
    p.add_argument("--no-reference", action="store_true", help="skip llama-index's pipeline")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF pages/s measurement")
    common(p)
    p.set_defaults(func=cmd_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, RuntimeError) as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return 1
