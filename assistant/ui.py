"""Stage 6, present: the gradio workspace (Dutch). A thin layer: every action calls the
`Assistant` service; this module only lays out components and formats results as HTML.

Entry point: `build_app(assistant)`, `serve(settings, host, port)`.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # before gradio is imported

import gradio as gr  # noqa: E402

from assistant.access import LOCAL_HOSTS, Login, load_users  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.export import (  # noqa: E402
    answer_markdown,
    safe_filename,
    write_briefing_docx,
    write_docx,
)
from assistant.index import document_file  # noqa: E402
from assistant.ingest import read_text  # noqa: E402
from assistant.kamervragen import (  # noqa: E402
    KamerVraag,
    KamerVragen,
    briefing_markdown,
    draft_markdown,
    split_questions,
)
from assistant.models import DOC_TYPES, Answer, Filters, dutch_date  # noqa: E402
from assistant.service import Assistant  # noqa: E402

TYPE_LABELS = {"nota": "Nota", "kamerbrief": "Kamerbrief", "studie": "Studie", "other": "Overig"}
CSS = """
.source-card {border: 1px solid #d0d7de; border-radius: 8px; padding: 10px 14px; margin: 8px 0;}
.source-card h4 {margin: 0 0 4px 0;}
.source-meta {color: #57606a; font-size: 0.9em; margin-bottom: 6px;}
.source-card mark {background: #fff3b0; padding: 0 2px;}
.passage {font-size: 0.95em; line-height: 1.45;}
"""


def _filters(doc_types, date_from, date_to, documents) -> Filters:
    return Filters(
        doc_types=tuple(doc_types or ()),
        date_from=(date_from or "").strip() or None,
        date_to=(date_to or "").strip() or None,
        documents=tuple(documents or ()),
    )


def source_cards(assistant: Assistant, answer: Answer) -> str:
    """One card per citation: metadata, and the quote highlighted inside its passage."""
    if not answer.citations:
        return "<p>Geen passages gevonden.</p>"
    store = assistant.index.store
    cards = []
    heading = "Bronnen" if not answer.abstained else "Mogelijk relevante passages"
    for c in answer.citations:
        page_text = store.page_text(c.document, c.page)
        at = page_text.find(c.quote)
        start, end = max(0, at - 300), min(len(page_text), at + len(c.quote) + 300)
        before = html.escape(page_text[start:at]) if at >= 0 else ""
        after = html.escape(page_text[at + len(c.quote) : end]) if at >= 0 else ""
        passage = (
            f"{'…' if start else ''}{before}<mark>{html.escape(c.quote)}</mark>{after}"
            f"{'…' if end < len(page_text) else ''}"
        ).replace("\n", "<br>")
        meta = [TYPE_LABELS.get(c.doc_type, c.doc_type)]
        meta += [f"kenmerk {c.kenmerk}" if c.kenmerk else "", dutch_date(c.date) or ""]
        meta.append(f"p. {c.page}" if c.page else (c.section or ""))
        link = ""
        file = document_file(c.document, assistant.settings.corpus_dir)
        if file.suffix.lower() == ".pdf" and file.exists():
            anchor = f"#page={c.page}" if c.page else ""
            link = (
                f' · <a href="/gradio_api/file={html.escape(str(file.resolve()))}{anchor}"'
                f' target="_blank">open document{" op p. " + str(c.page) if c.page else ""}</a>'
            )
        cards.append(
            f'<div class="source-card"><h4>[{c.n}] {html.escape(c.title)}</h4>'
            f'<div class="source-meta">{html.escape(" · ".join(m for m in meta if m))}{link}</div>'
            f'<div class="passage">{passage}</div></div>'
        )
    return f"<h3>{heading}</h3>" + "".join(cards)


def documents_table(assistant: Assistant) -> list[list]:
    return [
        [d["path"], d["title"], d["doc_type"], d["date"] or "", d["kenmerk"] or "", d["chunks"]]
        for d in assistant.documents()
    ]


def answer_text(answer: Answer) -> str:
    """The API's answer: the text with [n] markers, then the numbered sources and quotes."""
    return answer_markdown(answer)


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks app over one Assistant."""

    def doc_choices() -> list[str]:
        return [d["path"] for d in assistant.documents()]

    def ask(question, doc_types, date_from, date_to, documents, history, request: gr.Request):
        if not (question or "").strip():
            raise gr.Error("Typ eerst een vraag.")
        try:
            filters = _filters(doc_types, date_from, date_to, documents)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        answer = assistant.ask(question, filters, history=history or [], user=_user(request))
        history = [*(history or []), question.strip()][-5:]
        notes = "".join(f"\n\n_{n}_" for n in answer.notes)
        return (
            f"### Antwoord\n\n{answer.answer}{notes}",
            source_cards(assistant, answer),
            answer,
            history,
        )

    def api_ask(question: str, request: gr.Request) -> str:
        """Ask one question; returns the answer with its numbered sources (Markdown)."""
        return answer_text(assistant.ask(question, user=_user(request)))

    def export(answer: Answer | None, kind: str):
        if answer is None:
            raise gr.Error("Stel eerst een vraag.")
        folder = Path(tempfile.mkdtemp(prefix="nldtib-export-"))
        if kind == "md":
            path = folder / safe_filename(answer.question, ".md")
            path.write_text(answer_markdown(answer), encoding="utf-8")
        else:
            path = write_docx(
                [("", answer)], folder / safe_filename(answer.question, ".docx"), "Antwoord"
            )
        return str(path)

    def upload(files, progress=gr.Progress()):  # noqa: B008 (gradio injects progress)
        if not files:
            raise gr.Error("Kies eerst een of meer bestanden.")

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=f"Indexeren: {name}")

        pairs = [(Path(f).name, Path(f)) for f in files]
        report = assistant.add_files(pairs, progress=tick)
        lines = [
            f"**{report.added} toegevoegd, {report.updated} bijgewerkt, "
            f"{report.unchanged} ongewijzigd, {len(report.failed)} mislukt.**"
        ]
        lines += [f"- ❌ `{f.path}`: {f.error}" for f in report.failed]
        pending = assistant.pending_vectors()
        if pending:
            lines.append(
                f"Doorzoekbaar. De E5-vectoren van {pending} fragmenten worden op de achtergrond"
                " berekend; tot dan telt E5 voor die fragmenten niet mee."
            )
        choices = doc_choices()
        return (
            "\n".join(lines),
            documents_table(assistant),
            gr.update(choices=choices),
            gr.update(choices=choices),
        )

    def remove(path):
        if not path:
            raise gr.Error("Kies een document.")
        assistant.remove_document(path)
        choices = doc_choices()
        return (
            f"`{path}` verwijderd.",
            documents_table(assistant),
            gr.update(choices=choices, value=None),
            gr.update(choices=choices),
        )

    def load_meta(path):
        doc = assistant.index.store.document(path) if path else None
        if not doc:
            return "", None, "", ""
        return doc["title"], doc["doc_type"], doc["date"] or "", doc["kenmerk"] or ""

    def save_meta(path, title, doc_type, date, kenmerk):
        if not path:
            raise gr.Error("Kies een document.")
        try:
            assistant.update_metadata(
                path, title=title, doc_type=doc_type, date=date, kenmerk=kenmerk
            )
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        return f"Metadata van `{path}` opgeslagen.", documents_table(assistant)

    def split(text, file):
        if file:
            text = read_text(Path(file))
        vragen = split_questions(text or "")
        if not vragen.questions:
            raise gr.Error("Geen genummerde vragen gevonden (verwacht 'Vraag 1', '1.' of '1)').")
        rows = [[q.number, q.text, q.stem] for q in vragen.questions]
        return vragen.header, rows

    def draft(header, rows, progress=gr.Progress()):  # noqa: B008 (gradio injects progress)
        values = rows.values.tolist() if hasattr(rows, "values") else rows
        questions = [
            KamerVraag(str(n), str(t), str(s or "")) for n, t, s in values if str(t).strip()
        ]
        if not questions:
            raise gr.Error("Splits eerst de vragen.")
        vragen = KamerVragen(header or "", questions)

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=name)

        answers = assistant.answer_questions(vragen, progress=tick)
        folder = Path(tempfile.mkdtemp(prefix="nldtib-draft-"))
        sections = [(f"Vraag {v.number}", a) for v, a in zip(questions, answers, strict=True)]
        path = write_docx(sections, folder / "conceptantwoorden.docx", "Conceptantwoorden", header)
        return draft_markdown(vragen, answers), str(path)

    def brief(topic):
        if not (topic or "").strip():
            raise gr.Error("Geef een onderwerp.")
        briefing = assistant.brief(topic)
        folder = Path(tempfile.mkdtemp(prefix="nldtib-brief-"))
        path = write_briefing_docx(briefing, folder / safe_filename(topic, ".docx"))
        return briefing_markdown(briefing), str(path)

    with gr.Blocks(title="NLDTIB-beleidsassistent") as app:
        gr.Markdown(
            "# NLDTIB-beleidsassistent\n"
            "Stel een vraag over de geïndexeerde studies, nota's en Kamerbrieven. Elk antwoord "
            "verwijst met [n] naar een passage die u kunt controleren en citeren. Staat het er "
            "niet in, dan zegt de assistent dat."
        )
        last_answer = gr.State(None)
        history = gr.State([])
        with gr.Tab("Vragen"):
            with gr.Row():
                with gr.Column(scale=3):
                    question = gr.Textbox(
                        label="Vraag",
                        placeholder="Bijv.: Welk bureau voerde het onderzoek naar de NLDTIB uit?",
                        lines=2,
                    )
                    ask_button = gr.Button("Vraag stellen", variant="primary")
                with gr.Column(scale=2), gr.Accordion("Filters", open=False):
                    doc_types = gr.CheckboxGroup(
                        choices=[(TYPE_LABELS[t], t) for t in DOC_TYPES], label="Documenttype"
                    )
                    with gr.Row():
                        date_from = gr.Textbox(label="Datum vanaf (jjjj-mm-dd)")
                        date_to = gr.Textbox(label="Datum t/m (jjjj-mm-dd)")
                    documents = gr.Dropdown(
                        choices=doc_choices(), multiselect=True, label="Alleen deze documenten"
                    )
            answer_md = gr.Markdown(elem_id="answer")
            sources_html = gr.HTML(elem_id="sources")
            with gr.Row():
                md_button = gr.Button("Exporteer als Markdown")
                docx_button = gr.Button("Exporteer als Word (.docx)")
            export_file = gr.File(label="Download", interactive=False)
            inputs = [question, doc_types, date_from, date_to, documents, history]
            outputs = [answer_md, sources_html, last_answer, history]
            # the UI's own events share one queue of 8 workers; the public API is `ask` below
            for trigger in (ask_button.click, question.submit):
                trigger(
                    ask, inputs, outputs, api_name="ask_ui", api_visibility="private",
                    concurrency_limit=8, concurrency_id="ask",
                )  # fmt: skip
            md_button.click(
                lambda a: export(a, "md"), [last_answer], [export_file], api_visibility="private"
            )
            docx_button.click(
                lambda a: export(a, "docx"), [last_answer], [export_file], api_visibility="private"
            )
        with gr.Tab("Documenten"):
            table = gr.Dataframe(
                value=documents_table(assistant),
                headers=["Bestand", "Titel", "Type", "Datum", "Kenmerk", "Fragmenten"],
                interactive=False,
                wrap=True,
                column_widths=["20%", "38%", "9%", "10%", "15%", "8%"],
                label="Geïndexeerde documenten",
            )
            with gr.Row():
                with gr.Column():
                    uploads = gr.File(
                        label="Documenten toevoegen (PDF, txt, md, docx)",
                        file_count="multiple",
                        file_types=[".pdf", ".txt", ".md", ".docx"],
                    )
                    upload_button = gr.Button("Toevoegen en indexeren", variant="primary")
                    upload_status = gr.Markdown(elem_id="upload-status")
                with gr.Column():
                    chosen = gr.Dropdown(choices=doc_choices(), value=None, label="Document")
                    title = gr.Textbox(label="Titel")
                    doc_type = gr.Dropdown(choices=list(DOC_TYPES), value=None, label="Type")
                    date = gr.Textbox(label="Datum (jjjj-mm-dd)")
                    kenmerk = gr.Textbox(label="Kenmerk")
                    with gr.Row():
                        save_button = gr.Button("Metadata opslaan")
                        remove_button = gr.Button("Document verwijderen", variant="stop")
                    doc_status = gr.Markdown()
            upload_button.click(
                upload,
                [uploads],
                [upload_status, table, chosen, documents],
                api_visibility="private",
            )
            chosen.change(
                load_meta, [chosen], [title, doc_type, date, kenmerk], api_visibility="private"
            )
            save_button.click(
                save_meta, [chosen, title, doc_type, date, kenmerk], [doc_status, table],
                api_visibility="private",
            )  # fmt: skip
            remove_button.click(
                remove, [chosen], [doc_status, table, chosen, documents], api_visibility="private"
            )
        with gr.Tab("Kamervragen"):
            gr.Markdown(
                "Plak een set schriftelijke vragen of upload het bestand. Controleer de splitsing"
                " (pas tekst aan of leeg een rij), en laat per vraag een conceptantwoord maken."
            )
            with gr.Row():
                vragen_text = gr.Textbox(label="Kamervragen (tekst)", lines=8)
                vragen_file = gr.File(
                    label="of een bestand", file_types=[".pdf", ".txt", ".md", ".docx"]
                )
            split_button = gr.Button("Splits vragen")
            header_box = gr.Textbox(label="Kop (wie vraagt wie waarover)")
            split_table = gr.Dataframe(
                headers=["Nr", "Vraag", "Hoofdvraag"], interactive=True, label="Gesplitste vragen"
            )
            draft_button = gr.Button("Maak conceptantwoorden", variant="primary")
            draft_md = gr.Markdown(elem_id="drafts")
            draft_file = gr.File(label="Conceptantwoorden (.docx)", interactive=False)
            split_button.click(
                split,
                [vragen_text, vragen_file],
                [header_box, split_table],
                api_visibility="private",
            )
            draft_button.click(
                draft, [header_box, split_table], [draft_md, draft_file], api_visibility="private",
                concurrency_id="ask",
            )  # fmt: skip
        with gr.Tab("Briefing"):
            topic = gr.Textbox(
                label="Onderwerp", placeholder="Bijv.: financiering defensie-industrie"
            )
            brief_button = gr.Button("Maak briefing", variant="primary")
            brief_md = gr.Markdown(elem_id="briefing")
            brief_file = gr.File(label="Briefing (.docx)", interactive=False)
            brief_button.click(
                brief,
                [topic],
                [brief_md, brief_file],
                api_visibility="private",
                concurrency_id="ask",
            )
        gr.api(api_ask, api_name="ask", concurrency_limit=8, concurrency_id="ask")
    return app


def _user(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None)


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Start the workspace; bound to localhost unless a host is given. No share link.

    With a users file in the settings, everyone logs in; a host other than localhost is
    refused without one.
    """
    auth = Login(load_users(settings.users_file)) if settings.users_file else None
    if auth is None and host not in LOCAL_HOSTS:
        raise ValueError(
            f"--host {host} stelt de werkruimte open voor het netwerk: dat kan alleen met "
            "inloggen. Maak gebruikers aan met `python -m assistant user add NAAM` en zet "
            "users_file in assistant.toml (of NLDTIB_USERS_FILE)."
        )
    assistant = Assistant(settings)
    warming = assistant.warm_up(background=True)  # overlaps building the app
    app = build_app(assistant)
    warming.join()
    assistant.fill_in_background()  # E5 vectors an earlier ingest left to do
    app.queue(default_concurrency_limit=8)
    app.launch(
        server_name=host,
        server_port=port,
        share=False,
        ssr_mode=False,
        run_history=False,
        show_error=True,
        auth=auth,
        allowed_paths=[str(settings.corpus_dir.resolve())],
        max_file_size=f"{settings.max_upload_mb}mb",
        css=CSS,
        footer_links=["api"],
    )
