"""The Vragen tab's conversation: the filters as the user set them, in one visible line, and
each answer as a chat message whose [n] markers link to their source cards."""

from __future__ import annotations

from assistant import messages
from assistant.filters import FilterError, Filters
from assistant.models import CITATION_MARKER, Answer
from assistant.service import Assistant
from assistant.text.dates import dutch_date

HISTORY = 5  # earlier questions handed to the service for a follow-up


def make_filters(doc_types, date_from, date_to, documents) -> Filters:
    """The filters as set in the form; a `FilterError` (Dutch) when a date is not one."""
    return Filters(
        doc_types=tuple(doc_types or ()),
        date_from=(date_from or "").strip() or None,
        date_to=(date_to or "").strip() or None,
        documents=tuple(documents or ()),
    )


def describe(assistant: Assistant, filters: Filters) -> str:
    """ "type Nota · vanaf 1 april 2026 · documenten: …", or that there are none."""
    if filters.empty:
        return messages.UI_NO_FILTERS
    parts = []
    if filters.doc_types:
        labels = [messages.DOC_TYPE_LABELS.get(t, t) for t in filters.doc_types]
        parts.append(f"{messages.UI_TYPES} {', '.join(labels)}")
    if filters.date_from:
        parts.append(f"{messages.UI_FROM} {dutch_date(filters.date_from)}")
    if filters.date_to:
        parts.append(f"{messages.UI_TO} {dutch_date(filters.date_to)}")
    if filters.documents:
        titles = [_title(assistant, path) for path in filters.documents]
        parts.append(f"{messages.UI_DOCUMENTS}: {'; '.join(titles)}")
    return " · ".join(parts)


def _title(assistant: Assistant, path: str) -> str:
    record = assistant.document(path)
    return record.title if record and record.title else path


def filters_line(assistant: Assistant, doc_types, date_from, date_to, documents) -> str:
    """The line above the conversation: the active filters and how many documents pass, a
    warning when nothing passes, or the Dutch reason a date was not understood."""
    try:
        filters = make_filters(doc_types, date_from, date_to, documents)
    except FilterError as exc:
        return f"**{messages.UI_FILTERS}:** ⚠️ {exc}"
    line = f"**{messages.UI_FILTERS}:** {describe(assistant, filters)}"
    if filters.empty:
        return line
    count = len(assistant.documents(filters))
    if not count:
        return f"{line} — ⚠️ {messages.UI_NOTHING_MATCHES}"
    return f"{line} ({messages.documents_matching(count)})"


def linked(text: str, turn: int) -> str:
    """Every [n] in an answer as a link to its card in the sources panel."""
    return CITATION_MARKER.sub(
        lambda m: f'<a href="#bron-{turn}-{m.group(1)}">[{m.group(1)}]</a>', text
    )


def answer_message(assistant: Assistant, answer: Answer, turn: int, filters: Filters) -> str:
    """The chat message of one answer: its text with linked markers, the reason when it
    abstained, and the filters it was given."""
    lines = [linked(answer.answer, turn)]
    lines += [f"_{note}_" for note in answer.notes]
    if not filters.empty:
        lines.append(f"_{messages.UI_FILTERS}: {describe(assistant, filters)}_")
    return "\n\n".join(lines)


def history(turns: list[Answer]) -> list[str]:
    """The earlier questions of the conversation, for a follow-up."""
    return [answer.question for answer in turns][-HISTORY:]
