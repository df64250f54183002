"""Which files the index takes, their identity in the index and their content hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

from assistant import messages

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")


class IngestError(Exception):
    """A file that cannot be ingested, with the reason in plain words (Dutch)."""


def check_file(path: Path) -> None:
    """Raise `IngestError` unless `path` is an existing file of a supported type."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise IngestError(messages.unsupported_type(path.suffix, SUPPORTED_SUFFIXES))
    if not path.is_file():
        raise IngestError(messages.FILE_MISSING)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def document_key(file: Path, corpus: Path) -> str:
    """A document's identity: its path relative to the corpus, or absolute outside it."""
    try:
        return file.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return file.resolve().as_posix()


def document_file(key: str, corpus: Path) -> Path:
    """The file of a document key (the inverse of `document_key`)."""
    path = Path(key)
    return path if path.is_absolute() else corpus / path


def collect_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The supported files under `paths` (hidden ones skipped, each once) and the folders
    that were scanned."""
    files: list[Path] = []
    dirs: list[Path] = []
    for path in paths:
        if path.is_dir():
            dirs.append(path)
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, dirs
