import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import REPO

from assistant.export import answer_markdown, write_docx
from assistant.service import Assistant, contextualise, upload_problem


def test_follow_up_questions_carry_the_previous_question():
    history = ["Wanneer stuurt Defensie de vernieuwde strategie naar de Kamer?"]
    assert contextualise("En wat staat er in die strategie?", history).endswith(history[0])
    assert contextualise("Welk bureau deed het NLDTIB-onderzoek?", history) == (
        "Welk bureau deed het NLDTIB-onderzoek?"
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [("../../etc/passwd.txt", "buiten de corpusmap"), (".verborgen.pdf", "buiten de corpusmap"),
     ("script.sh", "niet ondersteund"), ("groot.pdf", "te groot")],
)  # fmt: skip
def test_uploads_are_refused_with_a_reason(tmp_path: Path, name: str, problem: str):
    source = tmp_path / "upload.bin"
    source.write_bytes(b"x" * 2048)
    assert problem in upload_problem(
        name, source, limit_bytes=1024 if name == "groot.pdf" else 10**6
    )


def test_upload_remove_and_edit_metadata(seeded, tmp_path: Path):
    assistant = Assistant(seeded)
    assistant.ingest()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    brief = uploads / "kamerbrief.txt"
    brief.write_text("Kamerbrief\n\nHet kabinet investeert 250 miljoen euro in munitieproductie.\n")
    evil = uploads / "evil.txt"
    evil.write_text("Dit bestand probeert uit de corpusmap te ontsnappen met zijn naam.\n")
    report = assistant.add_files([("kamerbrief.txt", brief), ("../evil.txt", evil)])
    assert report.added == 1 and [f.path for f in report.failed] == ["../evil.txt"]
    assert (seeded.corpus_dir / "kamerbrief.txt").exists()
    assert not (seeded.corpus_dir.parent / "evil.txt").exists()
    assert assistant.index.store.document("kamerbrief.txt")  # searchable before E5 is in
    filler = assistant.fill_in_background()  # the upload started it; this returns that one
    if filler is not None:
        filler.join(timeout=120)
    assert assistant.pending_vectors() == 0

    assistant.update_metadata(
        "kamerbrief.txt", title="Kamerbrief munitie", doc_type="kamerbrief", date="2026-05-01"
    )
    row = assistant.index.store.document("kamerbrief.txt")
    assert (row["title"], row["doc_type"], row["date"]) == (
        "Kamerbrief munitie",
        "kamerbrief",
        "2026-05-01",
    )
    assert 'title = "Kamerbrief munitie"' in seeded.catalog_path.read_text()
    with pytest.raises(ValueError, match="doc_type"):
        assistant.update_metadata("kamerbrief.txt", doc_type="memo")

    assistant.remove_document("kamerbrief.txt")
    assert assistant.index.store.document("kamerbrief.txt") is None
    assert not (seeded.corpus_dir / "kamerbrief.txt").exists()
    assert "kamerbrief.txt" not in seeded.catalog_path.read_text()
    assert assistant.check().consistent


def test_exports_cite_the_way_staff_do(seeded, tmp_path: Path):
    assistant = Assistant(seeded)
    assistant.ingest()
    answer = assistant.ask("Welk bureau voerde het onderzoek naar de NLDTIB uit?")
    markdown = answer_markdown(answer)
    assert (
        "(Periodiek onderzoek naar de Nederlandse" in markdown
        and "DGBI-TOP / 105818908, 15 april 2026" in markdown
    )
    path = write_docx([("", answer)], tmp_path / "antwoord.docx", "Antwoord")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Berenschot" in text and "DGBI-TOP / 105818908, 15 april 2026" in text and "[1]" in text


def test_questions_are_answered_while_an_ingest_runs(seeded):
    import threading

    sys.path.insert(0, str(REPO / "eval"))
    from distractors import write_distractors

    assistant = Assistant(seeded)
    assistant.ingest()
    write_distractors(seeded.corpus_dir / "extra", documents=40, seed=11)
    reports, answers, errors = [], [], []
    done = threading.Event()

    def ingest() -> None:
        try:
            reports.append(assistant.ingest(fill=False))
        finally:
            done.set()

    thread = threading.Thread(target=ingest)
    thread.start()
    while not done.is_set():
        try:
            answers.append(assistant.ask("Welk bureau voerde het onderzoek naar de NLDTIB uit?"))
        except Exception as exc:  # any error is a failure of this test
            errors.append(exc)
    thread.join()
    assert errors == []
    assert len(answers) >= 3, "the ingest finished before questions overlapped it"
    assert all("Berenschot" in a.answer and not a.abstained for a in answers)
    assert reports[0].added == 40 and reports[0].failed == []
    assert assistant.check().consistent

    # the E5 vectors of the 40 documents are added in the background while questions go on
    pending = assistant.pending_vectors()
    assert pending > 500
    filler = assistant.fill_in_background()
    asked = [assistant.ask("Wie voerde het onderzoek uit?") for _ in range(20)]
    assert all("Berenschot" in a.answer for a in asked)
    time.sleep(5)
    assistant.stop_fill()
    assert not filler.is_alive() and 0 < pending - assistant.pending_vectors() < pending
    assert assistant.check().consistent  # what is left is pending, not missing
    assistant.close()
