"""The workspace's layout: tabs, controls and which handler each event calls."""

from __future__ import annotations

import gradio as gr

from assistant import messages
from assistant.models import DOC_TYPES
from assistant.present.ui.cards import type_label
from assistant.present.ui.handlers import Handlers
from assistant.service import Assistant

L = messages.UI_LABELS
PRIVATE = {"api_visibility": "private"}  # the public API is `ask` alone
FILE_TYPES = [".pdf", ".txt", ".md", ".docx"]


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks app over one Assistant."""
    h = Handlers(assistant)
    with gr.Blocks(title=messages.UI_TITLE) as app:
        gr.Markdown(messages.UI_INTRO)
        last_answer = gr.State(None)
        history = gr.State([])
        with gr.Tab(L["tab_questions"]):
            only_documents = _questions_tab(h, last_answer, history)
        with gr.Tab(L["tab_documents"]):
            _documents_tab(h, only_documents)
        with gr.Tab(L["tab_kamervragen"]):
            _kamervragen_tab(h)
        with gr.Tab(L["tab_briefing"]):
            _briefing_tab(h)
        gr.api(h.api_ask, api_name="ask", concurrency_limit=8, concurrency_id="ask")
    return app


def _questions_tab(h: Handlers, last_answer: gr.State, history: gr.State) -> gr.Dropdown:
    """The question, its filters, the answer and its sources; returns the document filter."""
    with gr.Row():
        with gr.Column(scale=3):
            question = gr.Textbox(
                label=L["question"], placeholder=L["question_placeholder"], lines=2
            )
            ask_button = gr.Button(L["ask"], variant="primary")
        with gr.Column(scale=2), gr.Accordion(L["filters"], open=False):
            doc_types = gr.CheckboxGroup(
                choices=[(type_label(t), t) for t in DOC_TYPES], label=L["doc_type"]
            )
            with gr.Row():
                date_from = gr.Textbox(label=L["date_from"])
                date_to = gr.Textbox(label=L["date_to"])
            documents = gr.Dropdown(choices=h.doc_choices(), multiselect=True, label=L["documents"])
    answer_md = gr.Markdown(elem_id="answer")
    sources_html = gr.HTML(elem_id="sources")
    with gr.Row():
        md_button = gr.Button(L["export_md"])
        docx_button = gr.Button(L["export_docx"])
    export_file = gr.File(label=L["download"], interactive=False)
    inputs = [question, doc_types, date_from, date_to, documents, history]
    outputs = [answer_md, sources_html, last_answer, history]
    # the UI's own events share one queue of 8 workers with the public API
    for trigger in (ask_button.click, question.submit):
        trigger(h.ask, inputs, outputs, api_name="ask_ui", concurrency_limit=8,
                concurrency_id="ask", **PRIVATE)  # fmt: skip
    md_button.click(lambda a: h.export(a, "md"), [last_answer], [export_file], **PRIVATE)
    docx_button.click(lambda a: h.export(a, "docx"), [last_answer], [export_file], **PRIVATE)
    return documents


def _documents_tab(h: Handlers, only: gr.Dropdown) -> None:
    """The document list, uploads, metadata edits and removal; `only` is the Vragen tab's
    document filter, kept in step."""
    table = gr.Dataframe(
        value=h.table(),
        headers=L["table_headers"],
        interactive=False,
        wrap=True,
        column_widths=["20%", "38%", "9%", "10%", "15%", "8%"],
        label=L["indexed_documents"],
    )
    with gr.Row():
        with gr.Column():
            uploads = gr.File(label=L["upload"], file_count="multiple", file_types=FILE_TYPES)
            upload_button = gr.Button(L["upload_button"], variant="primary")
            upload_status = gr.Markdown(elem_id="upload-status")
        with gr.Column():
            chosen = gr.Dropdown(choices=h.doc_choices(), value=None, label=L["document"])
            title = gr.Textbox(label=L["title"])
            doc_type = gr.Dropdown(
                choices=[(type_label(t), t) for t in DOC_TYPES], value=None, label=L["type"]
            )
            date = gr.Textbox(label=L["date"])
            kenmerk = gr.Textbox(label=L["kenmerk"])
            with gr.Row():
                save_button = gr.Button(L["save_meta"])
                remove_button = gr.Button(L["remove"], variant="stop")
            doc_status = gr.Markdown()
    upload_button.click(h.upload, [uploads], [upload_status, table, chosen, only], **PRIVATE)
    chosen.change(h.load_meta, [chosen], [title, doc_type, date, kenmerk], **PRIVATE)
    save_button.click(h.save_meta, [chosen, title, doc_type, date, kenmerk],
                      [doc_status, table], **PRIVATE)  # fmt: skip
    remove_button.click(h.remove, [chosen], [doc_status, table, chosen, only], **PRIVATE)


def _kamervragen_tab(h: Handlers) -> None:
    gr.Markdown(L["kamervragen_intro"])
    with gr.Row():
        vragen_text = gr.Textbox(label=L["kamervragen_text"], lines=8)
        vragen_file = gr.File(label=L["kamervragen_file"], file_types=FILE_TYPES)
    split_button = gr.Button(L["split"])
    header_box = gr.Textbox(label=L["header"])
    split_table = gr.Dataframe(headers=L["split_headers"], interactive=True, label=L["split_table"])
    draft_button = gr.Button(L["draft"], variant="primary")
    draft_md = gr.Markdown(elem_id="drafts")
    draft_file = gr.File(label=L["draft_file"], interactive=False)
    split_button.click(h.split, [vragen_text, vragen_file], [header_box, split_table],
                       **PRIVATE)  # fmt: skip
    draft_button.click(h.draft, [header_box, split_table], [draft_md, draft_file],
                       concurrency_id="ask", **PRIVATE)  # fmt: skip


def _briefing_tab(h: Handlers) -> None:
    topic = gr.Textbox(label=L["topic"], placeholder=L["topic_placeholder"])
    brief_button = gr.Button(L["brief"], variant="primary")
    brief_md = gr.Markdown(elem_id="briefing")
    brief_file = gr.File(label=L["brief_file"], interactive=False)
    brief_button.click(h.brief, [topic], [brief_md, brief_file], concurrency_id="ask", **PRIVATE)
