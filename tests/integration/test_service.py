"""The Assistant with the real models: exports of a real answer, and questions while an
ingest and the E5 fill run. Uploads, removal and metadata edits are on the fake embedder
(tests/unit/test_service.py)."""

import threading
import time
from pathlib import Path

import docx

from assistant.present.export import answer_markdown, write_docx
from assistant.service import Assistant
from eval.distractors import write_distractors

BUREAU = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"
EZK_NOTA = "(Periodiek onderzoek naar de Nederlandse"
EZK_REFERENCE = "DGBI-TOP / 105818908, 15 april 2026"
DISTRACTORS = 10  # generated documents of about 25 chunks each


def test_exports_cite_the_way_staff_do(shared_assistant, tmp_path: Path):
    answer = shared_assistant.ask(BUREAU)
    assert not answer.abstained and "Berenschot" in answer.answer
    markdown = answer_markdown(answer)
    assert EZK_NOTA in markdown and EZK_REFERENCE in markdown
    path = write_docx([("", answer)], tmp_path / "antwoord.docx", "Antwoord")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Berenschot" in text and EZK_REFERENCE in text and "[1]" in text


def test_questions_are_answered_while_an_ingest_and_the_fill_run(
    shared_copy, shared_assistant, monkeypatch
):
    import assistant.index.fill as fill_module

    monkeypatch.setattr(fill_module, "FILL_BATCH_CHUNKS", 8)  # stop points come sooner
    assistant = Assistant(shared_copy, embedders=shared_assistant.index.embedders)
    assert assistant.pending_vectors() == 0 and len(assistant.documents()) == 4
    write_distractors(shared_copy.corpus_dir / "extra", documents=DISTRACTORS, seed=11)
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
            answers.append(assistant.ask(BUREAU))
        except Exception as exc:  # any error is a failure of this test
            errors.append(exc)
    thread.join()
    assert errors == []
    assert len(answers) >= 3, "the ingest finished before questions overlapped it"
    assert all("Berenschot" in a.answer and not a.abstained for a in answers)
    assert (reports[0].added, reports[0].unchanged, reports[0].failed) == (DISTRACTORS, 4, [])
    assert reports[0].documents == 4 + DISTRACTORS
    assert assistant.check().consistent

    # the E5 vectors of the new documents are added in the background while questions go on
    pending = assistant.pending_vectors()
    added = [d for d in assistant.documents() if d.path.startswith("extra/")]
    assert len(added) == DISTRACTORS and pending == sum(d.chunks for d in added) > 100
    filler = assistant.fill_in_background()
    assert filler is not None and filler.is_alive()
    asked = []
    deadline = time.monotonic() + 120
    while assistant.pending_vectors() == pending and time.monotonic() < deadline:
        asked.append(assistant.ask("Wie voerde het onderzoek uit?"))
    asked.append(assistant.ask("Wie voerde het onderzoek uit?"))
    assistant.stop_fill()  # between two batches
    assert all("Berenschot" in a.answer for a in asked)
    left = assistant.pending_vectors()
    assert not filler.is_alive() and 0 < left < pending  # some batches in, not all
    check = assistant.check()
    assert check.consistent and check.pending == {"e5": left}  # pending, not missing
    assistant.close()
