"""The workspace's layout: tabs, controls and which handler each event calls."""

from __future__ import annotations

import gradio as gr

from assistant import messages
from assistant.models import DOC_TYPES
from assistant.present.ui.cards import type_label
from assistant.present.ui.dutch import SOURCES_JS, VIEWER_JS
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
        turns = gr.State([])  # the session's answers, oldest first
        with gr.Tab(L["tab_questions"]):
            only_documents = _questions_tab(h, turns)
        with gr.Tab(L["tab_documents"]):
            _documents_tab(h, app, only_documents)
        with gr.Tab(L["tab_kamervragen"]):
            _kamervragen_tab(h)
        with gr.Tab(L["tab_briefing"]):
            _briefing_tab(h)
        gr.api(h.api_ask, api_name="ask", concurrency_limit=8, concurrency_id="ask")
    return app


def _questions_tab(h: Handlers, turns: gr.State) -> gr.Dropdown:
    """The conversation beside its sources, the filters above; returns the document filter."""
    with gr.Accordion(L["filters"], open=False):
        with gr.Row():
            doc_types = gr.CheckboxGroup(
                choices=[(type_label(t), t) for t in DOC_TYPES], label=L["doc_type"], scale=2
            )
            date_from = gr.Textbox(label=L["date_from"], elem_id="date-from", scale=1)
            date_to = gr.Textbox(label=L["date_to"], elem_id="date-to", scale=1)
        documents = gr.Dropdown(choices=h.doc_choices(), multiselect=True, label=L["documents"],
                                elem_id="only-documents")  # fmt: skip
    filters = [doc_types, date_from, date_to, documents]
    line = gr.Markdown(h.filters_line(None, None, None, None), elem_id="filters-line")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            chat = gr.Chatbot(label=L["conversation"], elem_id="conversation", height=560,
                              buttons=["copy"], feedback_options=None)  # fmt: skip
            question = gr.Textbox(label=L["question"], placeholder=L["question_placeholder"],
                                  lines=1, max_lines=8, elem_id="question")  # fmt: skip
            with gr.Row():
                ask_button = gr.Button(L["ask"], variant="primary")
                new_button = gr.Button(L["new_conversation"])
            with gr.Row():
                md_button = gr.Button(L["export_md"], size="sm")
                docx_button = gr.Button(L["export_docx"], size="sm")
                export_file = gr.DownloadButton(
                    L["download"], visible=False, size="sm", elem_id="export-file"
                )
        with gr.Column(scale=2, min_width=360, elem_id="sources-column"):
            with gr.Group(visible=False, elem_id="viewer") as viewer:
                viewer_title = gr.Markdown(elem_id="viewer-title")
                viewer_image = gr.Image(show_label=False, interactive=False, type="pil",
                                        buttons=["fullscreen", "download"],
                                        elem_id="viewer-page", visible=False)  # fmt: skip
                viewer_text = gr.HTML(elem_id="viewer-text", visible=False,
                                      js_on_load=VIEWER_JS)  # fmt: skip
                with gr.Row():
                    viewer_file = gr.DownloadButton(L["viewer_download"], size="sm")
                    close_button = gr.Button(L["viewer_close"], size="sm")
            sources = gr.HTML(h.sources_placeholder(), elem_id="sources", js_on_load=SOURCES_JS)
    for control in filters:
        control.change(h.filters_line, filters, [line], **PRIVATE)
    # the UI's own events share one queue of 8 workers with the public API
    for trigger in (ask_button.click, question.submit):
        trigger(h.ask, [question, *filters, chat, turns], [chat, sources, turns, question],
                api_name="ask_ui", concurrency_limit=8, concurrency_id="ask",
                **PRIVATE)  # fmt: skip
    for clear in (new_button.click, chat.clear):  # the thread's own bin starts afresh too
        clear(h.new_conversation, None, [chat, sources, turns, question, viewer], **PRIVATE)
    sources.click(h.view, [turns], [viewer, viewer_title, viewer_image, viewer_text, viewer_file],
                  **PRIVATE)  # fmt: skip
    close_button.click(h.close_viewer, None, [viewer], **PRIVATE)
    md_button.click(lambda t: h.export(t, "md"), [turns], [export_file], **PRIVATE)
    docx_button.click(lambda t: h.export(t, "docx"), [turns], [export_file], **PRIVATE)
    return documents


def _documents_tab(h: Handlers, app: gr.Blocks, only: gr.Dropdown) -> None:
    """The document list, uploads, metadata edits and removal; `only` is the Vragen tab's
    document filter, kept in step. Every list is read again on each page load."""
    table = gr.Dataframe(
        value=h.table(),
        headers=L["table_headers"],
        interactive=False,
        wrap=True,
        column_widths=["20%", "38%", "9%", "10%", "15%", "8%"],
        label=L["indexed_documents"],
        elem_id="documents-table",
    )
    with gr.Row():
        with gr.Column():
            uploads = gr.File(label=L["upload"], file_count="multiple", file_types=FILE_TYPES)
            upload_button = gr.Button(L["upload_button"], variant="primary")
            upload_status = gr.Markdown(elem_id="upload-status")
        with gr.Column():
            chosen = gr.Dropdown(choices=h.file_choices(), value=None, label=L["document"],
                                 elem_id="chosen-document")  # fmt: skip
            title = gr.Textbox(label=L["title"])
            doc_type = gr.Dropdown(
                choices=[(type_label(t), t) for t in DOC_TYPES], value=None, label=L["type"]
            )
            date = gr.Textbox(label=L["date"])
            kenmerk = gr.Textbox(label=L["kenmerk"])
            with gr.Row():
                save_button = gr.Button(L["save_meta"])
                remove_button = gr.Button(L["remove"], variant="stop")
            with gr.Group(visible=False, elem_id="confirm-removal") as confirm:
                confirm_text = gr.Markdown()
                with gr.Row():
                    confirm_button = gr.Button(L["confirm_remove"], variant="stop")
                    cancel_button = gr.Button(L["cancel"])
            doc_status = gr.Markdown(elem_id="document-status")
    lists = [table, chosen, only]
    app.load(h.refresh, [chosen, only], lists, **PRIVATE)
    upload_button.click(h.upload, [uploads, only], [upload_status, *lists, uploads], **PRIVATE)
    chosen.change(h.load_meta, [chosen], [title, doc_type, date, kenmerk], **PRIVATE)
    chosen.change(h.cancel_removal, None, [confirm, confirm_text], **PRIVATE)
    save_button.click(h.save_meta, [chosen, title, doc_type, date, kenmerk, only],
                      [doc_status, *lists], **PRIVATE)  # fmt: skip
    remove_button.click(h.ask_removal, [chosen], [confirm, confirm_text], **PRIVATE)
    cancel_button.click(h.cancel_removal, None, [confirm, confirm_text], **PRIVATE)
    confirm_button.click(h.remove, [chosen, only], [confirm, doc_status, *lists], **PRIVATE)


def _kamervragen_tab(h: Handlers) -> None:
    gr.Markdown(L["kamervragen_intro"])
    with gr.Row():
        vragen_text = gr.Textbox(label=L["kamervragen_text"], lines=8)
        vragen_file = gr.File(label=L["kamervragen_file"], file_types=FILE_TYPES)
    split_button = gr.Button(L["split"])
    split_status = gr.Markdown(elem_id="split-status")
    header_box = gr.Textbox(label=L["header"])
    # the split, to correct before drafting: numbers and texts stay text
    split_table = gr.Dataframe(headers=L["split_headers"], datatype=["str", "str", "str"],
                               interactive=True, wrap=True, column_widths=["8%", "62%", "30%"],
                               label=L["split_table"], elem_id="split-table")  # fmt: skip
    draft_button = gr.Button(L["draft"], variant="primary")
    draft_md = gr.Markdown(elem_id="drafts")
    draft_file = gr.File(label=L["draft_file"], file_count="multiple", interactive=False)
    split_button.click(h.split, [vragen_text, vragen_file],
                       [header_box, split_table, split_status], **PRIVATE)  # fmt: skip
    draft_button.click(h.draft, [header_box, split_table], [draft_md, draft_file],
                       concurrency_id="ask", **PRIVATE)  # fmt: skip


def _briefing_tab(h: Handlers) -> None:
    topic = gr.Textbox(label=L["topic"], placeholder=L["topic_placeholder"])
    brief_button = gr.Button(L["brief"], variant="primary")
    brief_md = gr.Markdown(elem_id="briefing")
    brief_file = gr.File(label=L["brief_file"], interactive=False)
    brief_button.click(h.brief, [topic], [brief_md, brief_file], concurrency_id="ask", **PRIVATE)
