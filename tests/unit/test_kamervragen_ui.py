"""The Kamervragen tab's handlers on the fake embedder: the split to correct, then the drafts
as Markdown, .docx and .md, with progress per question."""

from pathlib import Path

import docx

from assistant import messages
from assistant.present.ui.handlers import Handlers

SET = """Vragen van het lid Jansen (CDA) aan de Minister van Defensie over het onderzoek naar
de defensie-industrie (ingezonden 3 maart 2025).

Vraag 1
Welk bureau voerde het onderzoek naar de NLDTIB uit?

Vraag 2
Hoeveel kost een ruimtestation op de maan?
"""


def test_split_then_draft_with_progress_per_question(fake_assistant):
    handlers = Handlers(fake_assistant)
    header, rows, summary = handlers.split(SET, None)
    assert header.startswith("Vragen van het lid Jansen (CDA)")
    assert [row[0] for row in rows] == ["1", "2"]
    assert summary.startswith("2 vragen gevonden: 1, 2.")
    rows[1][1] = "Hoeveel kost een ruimtestation op de maan volgens de documenten?"  # corrected
    ticks = []
    text, files = handlers.draft(header, rows, progress=lambda done, desc, unit: ticks.append(desc))
    assert ticks == ["Vraag 1", "Vraag 2"]
    assert text.startswith(f"# {messages.DRAFT_ANSWER_TITLE} van het lid Jansen (CDA) over ")
    assert "volgens de documenten?" in text
    docx_path, md_path = (Path(f) for f in files)
    assert Path(md_path).read_text(encoding="utf-8") == text
    styles = [p.style.name for p in docx.Document(str(docx_path)).paragraphs]
    assert styles[0] == "Title" and styles.count("Heading 1") >= 4
