"""The Assistant service on the fake embedder: uploads, removal and metadata edits."""

from pathlib import Path

import pytest

from assistant import messages
from assistant.ingest.files import SUPPORTED_SUFFIXES
from assistant.models import DOC_TYPES
from assistant.service import upload_problem

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "problem"),
    [("../../etc/passwd.txt", messages.UPLOAD_NAME_REFUSED),
     (".verborgen.pdf", messages.UPLOAD_NAME_REFUSED),
     ("sub/dir.pdf", messages.UPLOAD_NAME_REFUSED),
     ("..\\evil.pdf", messages.UPLOAD_NAME_REFUSED),
     ("", messages.UPLOAD_NAME_REFUSED),
     ("script.sh", messages.unsupported_type(".sh", SUPPORTED_SUFFIXES)),
     ("zonder-achtervoegsel", messages.unsupported_type("", SUPPORTED_SUFFIXES)),
     ("groot.pdf", messages.upload_too_large(3, 1)),
     ("nota.PDF", None), ("brief.docx", None), ("kamerbrief 2026.txt", None)],
)  # fmt: skip
def test_uploads_are_refused_with_a_reason(tmp_path: Path, name: str, problem: str | None):
    source = tmp_path / "upload.bin"
    source.write_bytes(b"x" * (3 * MB if name == "groot.pdf" else 2048))
    assert upload_problem(name, source, limit_bytes=1 * MB) == problem


def test_the_refusals_are_dutch():
    assert messages.UPLOAD_NAME_REFUSED.startswith("bestandsnaam geweigerd")
    assert messages.unsupported_type(".sh", SUPPORTED_SUFFIXES).startswith(
        "bestandstype .sh niet ondersteund"
    )
    assert messages.upload_too_large(3, 1) == "bestand te groot (3 MB; de grens is 1 MB)"


def test_upload_remove_and_edit_metadata(fake_assistant, tmp_path: Path):
    assistant = fake_assistant
    corpus = assistant.settings.corpus_dir
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    brief = uploads / "kamerbrief.txt"
    brief.write_text("Kamerbrief\n\nHet kabinet investeert 250 miljoen euro in munitieproductie.\n")
    evil = uploads / "evil.txt"
    evil.write_text("Dit bestand probeert uit de corpusmap te ontsnappen met zijn naam.\n")
    report = assistant.add_files([("kamerbrief.txt", brief), ("../evil.txt", evil)])
    assert (report.added, report.documents) == (1, 3)
    assert [(f.path, f.error) for f in report.failed] == [
        ("../evil.txt", messages.UPLOAD_NAME_REFUSED)
    ]
    assert (corpus / "kamerbrief.txt").exists()
    assert not (corpus.parent / "evil.txt").exists()
    assert assistant.document("kamerbrief.txt") is not None  # searchable before E5 is in
    filler = assistant.fill_in_background()  # the upload started it; this returns that one
    if filler is not None:
        filler.join(timeout=60)
    assert assistant.pending_vectors() == 0
    assert assistant.fill_in_background() is None  # nothing left to fill

    assistant.update_metadata(
        "kamerbrief.txt", title="Kamerbrief munitie", doc_type="kamerbrief", date="1 mei 2026"
    )
    meta = assistant.document("kamerbrief.txt").meta
    assert (meta.title, meta.doc_type, meta.date) == ("Kamerbrief munitie", "kamerbrief",
                                                       "2026-05-01")  # fmt: skip
    catalog = assistant.settings.catalog_path.read_text()
    assert 'title = "Kamerbrief munitie"' in catalog and 'date = "2026-05-01"' in catalog
    with pytest.raises(ValueError) as raised:
        assistant.update_metadata("kamerbrief.txt", doc_type="memo")
    assert str(raised.value) == messages.doc_type_choice(DOC_TYPES)
    with pytest.raises(ValueError) as raised:
        assistant.update_metadata("kamerbrief.txt", date="gisteren")
    assert str(raised.value) == messages.DATE_FORMAT
    with pytest.raises(ValueError) as raised:
        assistant.update_metadata("kamerbrief.txt", auteur="X")
    assert str(raised.value) == messages.unknown_fields(["auteur"])
    with pytest.raises(ValueError) as raised:
        assistant.update_metadata("bestaat-niet.txt", title="X")
    assert str(raised.value) == messages.unknown_document("bestaat-niet.txt")
    assert assistant.document("kamerbrief.txt").meta.doc_type == "kamerbrief"  # unchanged

    assistant.remove_document("kamerbrief.txt")
    assert assistant.document("kamerbrief.txt") is None
    assert not (corpus / "kamerbrief.txt").exists()
    assert "kamerbrief.txt" not in assistant.settings.catalog_path.read_text()
    assert [d.path for d in assistant.documents()] == [
        "000_88b5e2bd4c0d9035.txt",
        "002_20a449703ecf9cc4.txt",
    ]
    check = assistant.check()
    assert check.consistent and check.pending == {"e5": 0}
    with pytest.raises(ValueError) as raised:
        assistant.remove_document("kamerbrief.txt")
    assert str(raised.value) == messages.unknown_document("kamerbrief.txt")
