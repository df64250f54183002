"""What each control of the workspace does: one method per event, each a call to the
`Assistant` service and a formatting of what it returns. Errors reach the user in Dutch
through `gr.Error`.
"""

from __future__ import annotations

import functools
import logging
import re
import tempfile
from pathlib import Path

import gradio as gr

from assistant import messages
from assistant.ingest.kamervragen import KamerVraag, KamerVragen
from assistant.models import Answer
from assistant.present.draft import draft_markdown, write_draft_docx
from assistant.present.export import (
    answer_markdown,
    briefing_markdown,
    safe_filename,
    write_briefing_docx,
    write_docx,
)
from assistant.present.ui.cards import card_of, documents_table, sources_panel
from assistant.present.ui.conversation import answer_message, filters_line, history, make_filters
from assistant.present.ui.viewer import marked_text, render_pdf_page
from assistant.service import Assistant, IndexBusyError, IndexMismatchError

log = logging.getLogger(__name__)
# A ValueError of Python itself rather than one the service raised for the user.
_PYTHON_MESSAGE = re.compile(
    r"invalid literal|could not convert|base 10|has no attribute|unsupported operand|"
    r"out of range|not subscriptable|unpack|substring not found|is not in list"
)


def dutch_errors(handler):
    """Errors reach the user as a Dutch sentence under a Dutch title, never as Python's."""

    @functools.wraps(handler)
    def wrapper(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except gr.Error:
            raise
        except (ValueError, IndexBusyError, IndexMismatchError) as exc:
            text = str(exc)
            if not text or _PYTHON_MESSAGE.search(text):
                log.exception(messages.UI_UNEXPECTED)
                text = messages.UI_UNEXPECTED
            raise gr.Error(text, title=messages.UI_ERROR_TITLE, print_exception=False) from exc
        except Exception as exc:
            log.exception(messages.UI_UNEXPECTED)
            raise gr.Error(messages.UI_UNEXPECTED, title=messages.UI_ERROR_TITLE) from exc

    return wrapper


def error(text: str) -> gr.Error:
    return gr.Error(text, title=messages.UI_ERROR_TITLE, print_exception=False)


def _user(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None)


def _folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"nldtib-{prefix}-"))


class Handlers:
    """The workspace's event handlers over one `Assistant`."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    # --- the documents' lists ------------------------------------------------------------

    def doc_choices(self) -> list[tuple[str, str]]:
        """The documents by title (the value is the path), for the filter."""
        docs = sorted(self.assistant.documents(), key=lambda d: (d.title or d.path).lower())
        return [(d.title or d.path, d.path) for d in docs]

    def file_choices(self) -> list[tuple[str, str]]:
        """The documents by title and file, for the Documenten tab."""
        return [(f"{title} — {path}" if title != path else path, path)
                for title, path in self.doc_choices()]  # fmt: skip

    def table(self) -> list[list]:
        return documents_table(self.assistant.documents())

    def refresh(self, chosen=None, only=None):
        """Table and lists as the index holds them now (on every page load and change)."""
        paths = {d.path for d in self.assistant.documents()}
        return (
            self.table(),
            gr.update(choices=self.file_choices(), value=chosen if chosen in paths else None),
            gr.update(choices=self.doc_choices(), value=[p for p in only or [] if p in paths]),
        )

    # --- the conversation ----------------------------------------------------------------

    def filters_line(self, doc_types, date_from, date_to, documents) -> str:
        return filters_line(self.assistant, doc_types, date_from, date_to, documents)

    @dutch_errors
    def ask(self, question, doc_types, date_from, date_to, documents, chat, turns,
            request: gr.Request):  # fmt: skip
        """One turn of the conversation: the question and its answer join the thread, the
        answer's sources fill the panel beside it."""
        if not (question or "").strip():
            raise error(messages.UI_ASK_FIRST)
        filters = make_filters(doc_types, date_from, date_to, documents)
        turns = list(turns or [])
        answer = self.assistant.ask(question, filters, history=history(turns), user=_user(request))
        turns.append(answer)
        chat = [
            *(chat or []),
            {"role": "user", "content": question.strip()},
            {"role": "assistant",
             "content": answer_message(self.assistant, answer, len(turns), filters)},
        ]  # fmt: skip
        return chat, sources_panel(self.assistant, turns), turns, ""

    def sources_placeholder(self) -> str:
        return sources_panel(self.assistant, [])

    def new_conversation(self):
        return [], sources_panel(self.assistant, []), [], "", gr.update(visible=False)

    @dutch_errors
    def view(self, turns, evt: gr.EventData):
        """A source opened where its quote stands: the PDF page with the quote lit up, or the
        text with it marked."""
        turn, n = int(evt.turn), int(evt.n)
        card = card_of(self.assistant, turns[turn - 1], n) if 0 < turn <= len(turns) else None
        if card is None:
            raise error(messages.UI_DOCUMENT_GONE)
        c = card.first
        file = self.assistant.document_file(c.document)
        if not file.exists() or self.assistant.document(c.document) is None:
            raise error(messages.UI_DOCUMENT_GONE)
        title = messages.viewer_title(c.title, c.page_ref)
        if file.suffix.lower() == ".pdf" and c.page:
            image, lit = render_pdf_page(file, c.page, card.quotes)
            note = "" if lit else f"\n\n_{messages.UI_QUOTE_NOT_FOUND}_"
            text = gr.update(value="", visible=False)
            picture = gr.update(value=image, visible=True)
        else:
            body = marked_text(self.assistant.page_text(c.document, c.page), card.quotes)
            note = ""
            text = gr.update(value=f'<div class="document-text">{body}</div>', visible=True)
            picture = gr.update(value=None, visible=False)
        return gr.update(visible=True), title + note, picture, text, str(file)

    def close_viewer(self):
        return gr.update(visible=False)

    @dutch_errors
    def api_ask(self, question: str, request: gr.Request) -> str:
        """Ask one question; returns the answer with its numbered sources (Markdown)."""
        return answer_markdown(self.assistant.ask(question, user=_user(request)))

    @dutch_errors
    def export(self, turns: list[Answer] | None, kind: str) -> dict:
        if not turns:
            raise error(messages.UI_NO_ANSWER_YET)
        answer = turns[-1]
        folder = _folder("export")
        if kind == "md":
            path = folder / safe_filename(answer.question, ".md")
            path.write_text(answer_markdown(answer), encoding="utf-8")
        else:
            path = write_docx([("", answer)], folder / safe_filename(answer.question, ".docx"),
                              messages.ANSWER)  # fmt: skip
        return gr.update(value=str(path), label=messages.download_file(path.name), visible=True)

    # --- the documents ---------------------------------------------------------------------

    @dutch_errors
    def upload(self, files, only=None, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
        if not files:
            raise error(messages.UI_CHOOSE_FILES)

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=messages.indexing(name),
                     unit=messages.UI_PROGRESS_UNIT)  # fmt: skip

        pairs = [(Path(f).name, Path(f)) for f in files]
        report = self.assistant.add_files(pairs, progress=tick)
        lines = [messages.upload_summary(report)]
        lines += [messages.upload_failure(f.path, f.error) for f in report.failed]
        lines += [messages.upload_warning(w.path, w.error) for w in report.warnings]
        pending = self.assistant.pending_vectors()
        if pending:
            lines.append(messages.upload_pending(pending))
        return ("\n\n".join(lines), *self.refresh(None, only), None)

    @dutch_errors
    def ask_removal(self, path):
        """The first step of a removal: what will go, and a confirmation to give."""
        doc = self.assistant.document(path) if path else None
        if doc is None:
            raise error(messages.UI_CHOOSE_DOCUMENT)
        return gr.update(visible=True), messages.confirm_removal(doc.title or path, path)

    def cancel_removal(self):
        return gr.update(visible=False), ""

    @dutch_errors
    def remove(self, path, only=None):
        doc = self.assistant.document(path) if path else None
        if doc is None:
            raise error(messages.UI_CHOOSE_DOCUMENT)
        self.assistant.remove_document(path)
        return (gr.update(visible=False), messages.removed(doc.title or path),
                *self.refresh(None, only))  # fmt: skip

    def load_meta(self, path):
        doc = self.assistant.document(path) if path else None
        if not doc:
            return "", None, "", ""
        return doc.title, doc.meta.doc_type, doc.meta.date or "", doc.meta.kenmerk or ""

    @dutch_errors
    def save_meta(self, path, title, doc_type, date, kenmerk, only=None):
        if not path:
            raise error(messages.UI_CHOOSE_DOCUMENT)
        self.assistant.update_metadata(
            path, title=title, doc_type=doc_type, date=date, kenmerk=kenmerk
        )
        return (messages.metadata_saved(path), *self.refresh(path, only))

    @dutch_errors
    def split(self, text, file):
        if file:
            text = self.assistant.read_file(Path(file))
        vragen = self.assistant.split_questions(text or "")
        rows = [[q.number, q.text, q.stem] for q in vragen.questions]
        return vragen.header, rows, messages.split_summary(vragen)

    @dutch_errors
    def draft(self, header, rows, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
        values = rows.values.tolist() if hasattr(rows, "values") else rows
        questions = [
            KamerVraag(str(n), str(t), str(s or "")) for n, t, s in values if str(t).strip()
        ]
        if not questions:
            raise error(messages.UI_SPLIT_FIRST)
        vragen = KamerVragen(header or "", questions)

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=name, unit=messages.UI_PROGRESS_QUESTIONS)

        answers = self.assistant.answer_questions(vragen, progress=tick)
        folder = _folder("draft")
        path = write_draft_docx(vragen, answers, folder / "conceptantwoorden.docx")
        text = draft_markdown(vragen, answers)
        twin = folder / "conceptantwoorden.md"
        twin.write_text(text, encoding="utf-8")
        return text, [str(path), str(twin)]

    @dutch_errors
    def brief(self, topic):
        if not (topic or "").strip():
            raise error(messages.UI_TOPIC_FIRST)
        briefing = self.assistant.brief(topic)
        path = write_briefing_docx(briefing, _folder("brief") / safe_filename(topic, ".docx"))
        return briefing_markdown(briefing), str(path)
