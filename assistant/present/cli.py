"""Command line: `python -m assistant ingest|ask|check|draft|brief|serve|user|eval|bench`.

Holds no logic of its own: every command calls the `Assistant` service (or, for eval and
bench, the harness in the checkout's eval/ folder) and prints what comes back.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant import messages
from assistant.config import load_settings
from assistant.filters import Filters
from assistant.models import DOC_TYPES


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        doc_types=tuple(args.doc_type or ()),
        date_from=args.date_from,
        date_to=args.date_to,
        documents=tuple(args.document or ()),
    )


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
            print(messages.page_progress(name, page, pages), file=sys.stderr, flush=True)

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
        print(messages.ingest_summary(report))
        for failure in report.failed:
            print(messages.ingest_failure(failure.path, failure.error), file=sys.stderr)
        for warning in report.warnings:
            print(messages.ingest_warning(warning.path, warning.error), file=sys.stderr)
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

        bar = tqdm(total=pending, unit="fragment", desc=messages.FILL_LABEL, file=sys.stderr)
    elif not quiet:
        print(messages.fill_started(pending), file=sys.stderr, flush=True)

    def progress(leg: str, done: int, total: int) -> None:
        if bar is not None:
            bar.update(done - bar.n)

    try:
        assistant.fill_vectors(progress)
    except KeyboardInterrupt:
        print(messages.fill_interrupted(assistant.pending_vectors()), file=sys.stderr)
    finally:
        if bar is not None:
            bar.close()


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.present.export import answer_plain
    from assistant.service import Assistant

    assistant = Assistant(
        load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir, answer_mode=args.mode)
    )
    assistant.warm_up(background=True)
    if not assistant.documents():
        print(messages.INDEX_EMPTY, file=sys.stderr)
        return 1
    if args.question == "-":
        if sys.stdin.isatty():
            print(messages.ASK_STDIN, file=sys.stderr)
        questions = (q for q in (line.strip() for line in sys.stdin) if q)  # answered as read
    else:
        questions = iter([args.question])
    filters = _filters(args)  # a bad filter is refused before any question is read
    for question in questions:
        answer = assistant.ask(question, filters, args.top_k)
        if args.json:
            _print_json(answer.to_dict())
        else:
            print(answer_plain(answer))
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
    from assistant.present.draft import draft_markdown, write_draft_docx
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    text = sys.stdin.read() if str(args.file) == "-" else assistant.read_file(args.file)
    vragen, answers = assistant.draft(text)
    if args.out:
        write_draft_docx(vragen, answers, args.out)
    if args.json:
        _print_json(
            {
                "header": vragen.header,
                "asked": vragen.asked,
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
    from assistant.present.export import briefing_markdown, write_briefing_docx
    from assistant.service import Assistant

    assistant = Assistant(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir))
    briefing = assistant.brief(args.topic)
    if args.out:
        write_briefing_docx(briefing, args.out)
    print(briefing_markdown(briefing))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from assistant.present.ui import serve

    serve(load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir), args.host, args.port)
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    import getpass

    from assistant.access import add_user

    settings = load_settings()
    path = args.users_file or settings.users_file
    if path is None:
        raise ValueError(messages.USERS_FILE_NEEDED)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(messages.password_prompt(args.name))
        if getpass.getpass(messages.PASSWORD_AGAIN) != password:
            raise ValueError(messages.PASSWORDS_DIFFER)
    add_user(path, args.name, password)
    print(messages.user_saved(args.name, path))
    return 0


def _harness(module: str):
    """A module of the evaluation harness in the checkout's eval/ folder (not installed)."""
    import importlib

    try:
        return importlib.import_module(f"eval.{module}")
    except ModuleNotFoundError as exc:
        if exc.name not in ("eval", f"eval.{module}"):
            raise
        raise RuntimeError(messages.HARNESS_MISSING) from exc


def cmd_eval(args: argparse.Namespace) -> int:
    harness = _harness("harness")
    settings = load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    sets = args.sets or ["current", "real", "offtopic", "metadata"]
    results: list[dict] = []
    if "current" in sets:
        for distractors in [False] if args.corpus_only else [False, True]:
            if args.configs:
                results.append(harness.evaluate_configs(settings, distractors=distractors))
            else:
                results.append(harness.evaluate(settings, distractors=distractors,
                                                baselines=not args.no_baselines))  # fmt: skip
    if "real" in sets:
        results += harness.evaluate_real(
            settings, baselines=not args.no_baselines, limit=args.limit
        )
    if "offtopic" in sets:
        offtopic = harness.evaluate_offtopic(settings, limit=args.limit)
        results += [offtopic] if offtopic else []
    metadata = _harness("metadata").evaluate_metadata(settings) if "metadata" in sets else None
    # Kamervragen (splitting, earlier answers found, abstention with the set left out): on
    # request only, as its left-out pass asks every question again
    kamervragen = _harness("kamervragen") if "kamervragen" in sets else None
    asked = kamervragen.evaluate_kamervragen(settings) if kamervragen else None
    if args.json:
        _print_json([*results, *([metadata] if metadata else []), *([asked] if asked else [])])
    else:
        print(harness.format_table(results))
        if metadata:
            print(_harness("metadata").format_metadata(metadata))
        if asked:
            print(kamervragen.format_kamervragen(asked))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    bench = _harness("bench")
    settings = load_settings(index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    sizes = tuple(args.chunks or bench.DEFAULT_SIZES)
    result = bench.run_bench(settings, sizes, reference=not args.no_reference, pdf=not args.no_pdf)
    if args.json:
        _print_json(result)
    else:
        print(bench.format_bench(result))
    return 0


def build_parser() -> argparse.ArgumentParser:
    messages.dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="python -m assistant", description=messages.CLI_DESCRIPTION
    )
    sub = parser.add_subparsers(dest="command", required=True, title="opdrachten")
    h = messages.CLI_HELP

    def command(name: str, func, *, description: str | None = None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=h[name], description=description or h[name])
        p.set_defaults(func=func)
        return p

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--index-dir", type=Path, help=h["index_dir"])
        p.add_argument("--corpus-dir", type=Path, help=h["corpus_dir"])

    p = command("ingest", cmd_ingest)
    p.add_argument("paths", nargs="*", type=Path, help=h["paths"])
    p.add_argument("--json", action="store_true", help=h["json"])
    p.add_argument("--rebuild", action="store_true", help=h["rebuild"])
    p.add_argument("--no-fill", action="store_true", help=h["no_fill"])
    common(p)

    p = command("ask", cmd_ask)
    p.add_argument("question", help=h["question"])
    p.add_argument("--top-k", type=int, default=None, help=h["top_k"])
    p.add_argument("--json", action="store_true", help=h["json_each"])
    p.add_argument("--doc-type", action="append", choices=DOC_TYPES, help=h["doc_type"])
    p.add_argument("--date-from", help=h["date_from"])
    p.add_argument("--date-to", help=h["date_to"])
    p.add_argument("--document", action="append", help=h["document"])
    p.add_argument("--mode", choices=["extractive", "generative"], help=h["mode"])
    common(p)

    p = command("check", cmd_check)
    p.add_argument("--repair", action="store_true", help=h["repair"])
    common(p)

    p = command("draft", cmd_draft)
    p.add_argument("file", type=Path, help=h["file"])
    p.add_argument("--out", type=Path, help=h["out_draft"])
    p.add_argument("--json", action="store_true", help=h["json"])
    common(p)

    p = command("brief", cmd_brief)
    p.add_argument("topic", help=h["topic"])
    p.add_argument("--out", type=Path, help=h["out_brief"])
    common(p)

    p = command("serve", cmd_serve)
    p.add_argument("--host", default="127.0.0.1", help=h["host"])
    p.add_argument("--port", type=int, default=7860, help=h["port"])
    common(p)

    p = sub.add_parser("user", help=h["user"], description=h["user"])
    users = p.add_subparsers(dest="action", required=True, title="opdrachten")
    p = users.add_parser("add", help=h["user_add"], description=h["user_add"])
    p.add_argument("name", help=h["user_name"])
    p.add_argument("--users-file", type=Path, help=h["users_file"])
    p.add_argument("--password-stdin", action="store_true", help=h["password_stdin"])
    p.set_defaults(func=cmd_user_add)

    p = command("eval", cmd_eval)
    p.add_argument("--json", action="store_true", help=h["json"])
    p.add_argument("--corpus-only", action="store_true", help=h["corpus_only"])
    p.add_argument("--no-baselines", action="store_true", help=h["no_baselines"])
    p.add_argument("--configs", action="store_true", help=h["configs"])
    sets = ["current", "real", "offtopic", "metadata", "kamervragen"]
    p.add_argument("--sets", nargs="+", choices=sets, help=h["sets"])
    p.add_argument("--limit", type=int, help=h["limit"])
    common(p)

    p = command("bench", cmd_bench)
    p.add_argument("--json", action="store_true", help=h["json"])
    p.add_argument("--chunks", type=int, nargs="+", help=h["chunks"])
    p.add_argument("--no-reference", action="store_true", help=h["no_reference"])
    p.add_argument("--no-pdf", action="store_true", help=h["no_pdf"])
    common(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, RuntimeError) as exc:
        print(messages.cli_error(exc), file=sys.stderr)
        return 1
