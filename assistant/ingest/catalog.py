"""The curator's catalog (`catalog.toml` in a corpus folder): metadata that wins over what
is read from a document, keyed by the file's path relative to that folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

import tomli_w

from assistant import messages
from assistant.ingest.files import IngestError
from assistant.models import DOC_TYPES, DocumentMeta

CATALOG_FIELDS = ("title", "doc_type", "date", "kenmerk", "author", "source_url")


def load_catalog(path: Path) -> dict[str, dict]:
    """Curator overrides per file, keyed by the path relative to the corpus folder."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(messages.catalog_not_toml(path, exc)) from exc
    catalog = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            continue
        unknown = set(entry) - set(CATALOG_FIELDS)
        if unknown:
            raise IngestError(messages.catalog_unknown_fields(path, key, sorted(unknown)))
        if "doc_type" in entry and entry["doc_type"] not in DOC_TYPES:
            raise IngestError(messages.catalog_bad_type(path, key, DOC_TYPES))
        catalog[key] = {k: str(v) for k, v in entry.items()}
    return catalog


def apply_catalog(extracted: DocumentMeta, entry: dict | None) -> DocumentMeta:
    """The document's metadata with the curator's catalog values taking precedence."""
    return DocumentMeta(**{**extracted.to_dict(), **(entry or {})})


def read_catalog(path: Path) -> dict[str, dict]:
    """The catalog as stored, for editing (unvalidated)."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle)


def write_catalog(path: Path, catalog: dict[str, dict]) -> None:
    """Write the catalog atomically (a crash leaves the old or the new file, never half)."""
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(messages.CATALOG_HEADER + tomli_w.dumps({k: v for k, v in catalog.items() if v}))
    tmp.replace(path)
