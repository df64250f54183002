"""The restrictions a user puts on a question, and their three renderings.

`Filters` parses and validates what a user typed (document types, dates in ISO or Dutch
form, document paths); the store asks SQL (`sql`), the vector legs ask Chroma (`chroma_where`)
and anything else checks a candidate with `admits`. The three must agree: a document
without a date fails every date filter, in each of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant import messages
from assistant.models import DOC_TYPES
from assistant.text.dates import parse_date


class FilterError(ValueError):
    """A filter that cannot be applied; the message is for the user."""


def date_number(iso: str | None) -> int:
    """yyyy-mm-dd as the integer yyyymmdd (0 when unknown): Chroma compares numbers only. A
    month only (yyyy-mm) counts as day 0 of that month, as SQLite's text order has it."""
    return int(iso.replace("-", "")[:8].ljust(8, "0")) if iso else 0


@dataclass(frozen=True)
class Filters:
    """Restrictions applied to every candidate of every retrieval leg and pass."""

    doc_types: tuple[str, ...] = ()
    date_from: str | None = None  # as typed; kept as ISO yyyy-mm-dd, inclusive
    date_to: str | None = None
    documents: tuple[str, ...] = ()  # document paths

    def __post_init__(self) -> None:
        unknown = sorted(set(self.doc_types) - set(DOC_TYPES))
        if unknown:
            raise FilterError(messages.unknown_doc_types(unknown, DOC_TYPES))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not str(value).strip():
                value = None
            elif value is not None:
                parsed = parse_date(str(value))
                if parsed is None:
                    raise FilterError(messages.bad_date(str(value)))
                value = parsed
            object.__setattr__(self, name, value)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError(messages.dates_reversed(self.date_from, self.date_to))
        object.__setattr__(self, "doc_types", tuple(self.doc_types))
        object.__setattr__(self, "documents", tuple(self.documents))

    @property
    def empty(self) -> bool:
        return not (self.doc_types or self.date_from or self.date_to or self.documents)

    def admits(self, path: str, doc_type: str, date: str | None) -> bool:
        """Whether a document with this path, type and ISO date (or None) passes."""
        return self._admits(path, doc_type, date_number(date))

    def _admits(self, path: str, doc_type: str, number: int) -> bool:
        """`admits` with the date as the number yyyymmdd (0 when unknown)."""
        return (
            (not self.doc_types or doc_type in self.doc_types)
            and (not self.documents or path in self.documents)
            and (number > 0 or not (self.date_from or self.date_to))  # undated fails a date filter
            and (not self.date_from or number >= date_number(self.date_from))
            and (not self.date_to or number <= date_number(self.date_to))
        )

    def sql(self, alias: str = "d") -> tuple[str, list]:
        """Conditions on the documents table `alias`, each prefixed with AND, and params."""
        clauses, params = [], []
        if self.doc_types:
            clauses.append(f"{alias}.doc_type IN ({','.join('?' * len(self.doc_types))})")
            params += list(self.doc_types)
        if self.documents:
            clauses.append(f"{alias}.path IN ({','.join('?' * len(self.documents))})")
            params += list(self.documents)
        if self.date_from:
            clauses.append(f"{alias}.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{alias}.date <= ?")
            params.append(self.date_to)
        return "".join(f" AND {c}" for c in clauses), params

    def chroma_where(self) -> dict | None:
        """A Chroma `where` over the vector metadata of `vector_metadata` (None when empty)."""
        parts: list[dict] = []
        if self.doc_types:
            parts.append({"doc_type": {"$in": list(self.doc_types)}})
        if self.documents:
            parts.append({"doc_path": {"$in": list(self.documents)}})
        if self.date_from:
            parts.append({"date": {"$gte": date_number(self.date_from)}})
        if self.date_to:
            if not self.date_from:  # undated documents are stored as 0: they fail it too
                parts.append({"date": {"$gt": 0}})
            parts.append({"date": {"$lte": date_number(self.date_to)}})
        if len(parts) > 1:
            return {"$and": parts}
        return parts[0] if parts else None

    def admits_vector(self, metadata: dict) -> bool:
        """`admits` for the metadata a vector leg stores (the date as yyyymmdd)."""
        return self._admits(metadata.get("doc_path", ""), metadata.get("doc_type", ""),
                            int(metadata.get("date") or 0))  # fmt: skip
