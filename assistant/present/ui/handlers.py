"""What each control of the workspace does: one method per event, each a call to the
`Assistant` service and a formatting of what it returns. Errors reach the user in Dutch
through `gr.Error`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from assistant import messages
from assistant.filters import Filters
from assistant.ingest.kamervragen import KamerVraag, KamerVragen
from assistant.models import Answer
from assistant.present.export import (
    answer_markdown,
    briefing_markdown,
    draft_markdown,
    safe_filename,
    write_briefing_docx,
    write_docx,
    write_draft_docx,
)
from assistant.present.ui.cards import documents_table, source_cards
from assistant.service import Assistant


def _user(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None)


def _folder(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"nldtib-{prefix}-"))


class Handlers:
    """The workspace's event handlers over one `Assistant`."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def doc_choices(self) -> list[str]:
        return [d.path for d in self.assistant.documents()]

    def table(self) -> list[list]:
        return documents_table(self.assistant.documents())

    def ask(self, question, doc_types, date_from, date_to, documents, history,
            request: gr.Request):  # fmt: skip
        if not (question or "").strip():
            raise gr.Error(messages.UI_ASK_FIRST)
        try:
            filters = Filters(
                doc_types=tuple(doc_types or ()),
                date_from=date_from,
                date_to=date_to,
                documents=tuple(documents or ()),
            )
            answer = self.assistant.ask(
                question, filters, history=history or [], user=_user(request)
            )
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        history = [*(history or []), question.strip()][-5:]
        notes = "".join(f"\n\n_{n}_" for n in answer.notes)
        return (
            f"{messages.UI_ANSWER_HEADING}\n\n{answer.answer}{notes}",
            source_cards(self.assistant, answer),
            answer,
            history,
        )

    def api_ask(self, question: str, request: gr.Request) -> str:
        """Ask one question; returns the answer with its numbered sources (Markdown)."""
        try:
            return answer_markdown(self.assistant.ask(question, user=_user(request)))
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc

    def export(self, answer: Answer | None, kind: str) -> str:
        if answer is None:
            raise gr.Error(messages.UI_NO_ANSWER_YET)
        folder = _folder("export")
        if kind == "md":
            path = folder / safe_filename(answer.question, ".md")
            path.write_text(answer_markdown(answer), encoding="utf-8")
        else:
            path = write_docx([("", answer)], folder / safe_filename(answer.question, ".docx"),
                              messages.ANSWER)  # fmt: skip
        return str(path)

    def upload(self, files, progress=gr.Progress()):  # noqa: B008 (gradio injects progress)
        if not files:
            raise gr.Error(messages.UI_CHOOSE_FILES)

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=messages.indexing(name))

        pairs = [(Path(f).name, Path(f)) for f in files]
        report = self.assistant.add_files(pairs, progress=tick)
        lines = [messages.upload_summary(report)]
        lines += [messages.upload_failure(f.path, f.error) for f in report.failed]
        pending = self.assistant.pending_vectors()
        if pending:
            lines.append(messages.upload_pending(pending))
        choices = self.doc_choices()
        return (
            "\n".join(lines),
            self.table(),
            gr.update(choices=choices),
            gr.update(choices=choices),
        )

    def remove(self, path):
        if not path:
            raise gr.Error(messages.UI_CHOOSE_DOCUMENT)
        try:
            self.assistant.remove_document(path)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        choices = self.doc_choices()
        return (
            messages.removed(path),
            self.table(),
            gr.update(choices=choices, value=None),
            gr.update(choices=choices),
        )

    def load_meta(self, path):
        doc = self.assistant.document(path) if path else None
        if not doc:
            return "", None, "", ""
        return doc.title, doc.meta.doc_type, doc.meta.date or "", doc.meta.kenmerk or ""

    def save_meta(self, path, title, doc_type, date, kenmerk):
        if not path:
            raise gr.Error(messages.UI_CHOOSE_DOCUMENT)
        try:
            self.assistant.update_metadata(
                path, title=title, doc_type=doc_type, date=date, kenmerk=kenmerk
            )
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        return messages.metadata_saved(path), self.table()

    def split(self, text, file):
        try:
            if file:
                text = self.assistant.read_file(Path(file))
            vragen = self.assistant.split_questions(text or "")
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        rows = [[q.number, q.text, q.stem] for q in vragen.questions]
        return vragen.header, rows

    def draft(self, header, rows, progress=gr.Progress()):  # noqa: B008 (gradio injects it)
        values = rows.values.tolist() if hasattr(rows, "values") else rows
        questions = [
            KamerVraag(str(n), str(t), str(s or "")) for n, t, s in values if str(t).strip()
        ]
        if not questions:
            raise gr.Error(messages.UI_SPLIT_FIRST)
        vragen = KamerVragen(header or "", questions)

        def tick(name: str, number: int, total: int) -> None:
            progress((number - 1, total), desc=name)

        answers = self.assistant.answer_questions(vragen, progress=tick)
        path = write_draft_docx(vragen, answers, _folder("draft") / "conceptantwoorden.docx")
        return draft_markdown(vragen, answers), str(path)

    def brief(self, topic):
        if not (topic or "").strip():
            raise gr.Error(messages.UI_TOPIC_FIRST)
        briefing = self.assistant.brief(topic)
        path = write_briefing_docx(briefing, _folder("brief") / safe_filename(topic, ".docx"))
        return briefing_markdown(briefing), str(path)
