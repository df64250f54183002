"""An upload followed by the removal of that same file leaves the index as it was: the same
expansion vocabulary and the same answers with the same sources."""

from __future__ import annotations

from pathlib import Path

# Words no seed nota holds, some close to the questions' words ("bureau", "voerde").
UPLOAD = (
    "Adviesbureau onderzoek defensie\n\nHet consultancybureau Berenschotgroep en het "
    "adviesbureau Technopolis voerden een marktverkenning uit naar de defensie-industrie, de "
    "munitieproductie en de financieringsknelpunten van de NLDTIB in 2026.\n"
)
QUESTIONS = [
    "Welk bureau voerde het onderzoek naar de NLDTIB uit?",
    "Wat is de omvang van de defensie-industrie?",
    "Wanneer gaat de strategie naar de Kamer?",
]


def _vocabulary(assistant) -> list[str]:
    return [r["word"] for r in assistant.index.store.query("SELECT word FROM vocab ORDER BY word")]


def _answers(assistant) -> list[tuple]:
    answers = [assistant.ask(q) for q in QUESTIONS]
    return [(a.answer, [(c.document, c.page, c.quote) for c in a.citations]) for a in answers]


def test_upload_then_removal_leaves_vocabulary_and_answers_as_before(fake_assistant, tmp_path):
    vocabulary, answers = _vocabulary(fake_assistant), _answers(fake_assistant)
    upload = tmp_path / "adviesbureaus.txt"
    upload.write_text(UPLOAD)
    report = fake_assistant.add_files([(upload.name, Path(upload))])
    assert report.added == 1
    if fake_assistant._filler is not None:
        fake_assistant._filler.join()
    assert {"technopolis", "voerden"} <= set(_vocabulary(fake_assistant))
    fake_assistant.remove_document(upload.name)
    assert _vocabulary(fake_assistant) == vocabulary
    assert _answers(fake_assistant) == answers


def test_prune_keeps_the_words_still_in_use(fake_assistant):
    before = _vocabulary(fake_assistant)
    assert before and fake_assistant.index.prune_vocabulary() == 0
    assert _vocabulary(fake_assistant) == before
