"""Server mode: a real `chroma run` on loopback from the installed chromadb package holds the
vectors; ingest and ask go through chromadb.HttpClient."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import free_port, wait_for_port

from assistant.service import Assistant


@pytest.fixture
def chroma_server(tmp_path):
    chroma = Path(sys.executable).parent / "chroma"
    port = free_port()
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for_port(port, proc, 60)
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def test_ingest_and_ask_against_a_chroma_server(seeded, chroma_server):
    settings = replace(seeded, chroma_host="127.0.0.1", chroma_port=chroma_server)
    assistant = Assistant(settings)
    try:
        report = assistant.ingest()
        assert report.added == 2 and report.failed == []
        assert not settings.chroma_path.exists()  # nothing in the local folder
        answer = assistant.ask("Welk bureau voerde het onderzoek naar de NLDTIB uit?")
        assert "Berenschot" in answer.answer
        assert assistant.check().consistent
    finally:
        assistant.close()

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.HttpClient(
        host="127.0.0.1", port=chroma_server, settings=ChromaSettings(anonymized_telemetry=False)
    )
    names = {c.name for c in client.list_collections()}
    assert names == {"nldtib-use-m3", "nldtib-e5-small"}  # the default dense legs
    for name in names:  # the E5 leg filled by the ingest too
        assert client.get_collection(name).count() == report.chunks
