"""Generative mode against a real HTTP server on loopback that speaks the OpenAI
chat-completions protocol. The "model" behind it is scripted per test (no language model
can be downloaded here); what is real is the protocol, the HTTP round trip, the timeout and
the verification of what comes back."""

import json
import re
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import seed_corpus

from assistant.llm import LLMConfig
from assistant.service import Assistant

QUESTION = "Welk bureau voerde het onderzoek naar de NLDTIB uit?"


class ChatServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), ChatHandler)
        self.reply = lambda messages: "x"
        self.delay = 0.0
        self.requests: list[dict] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": body}
        )
        time.sleep(self.server.delay)
        content = self.server.reply(body["messages"])
        payload = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
        }
        data = json.dumps(payload).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except BrokenPipeError:
            pass  # the client timed out first (the timeout test)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = ChatServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()


@pytest.fixture(scope="module")
def generative(server, tmp_path_factory):
    from assistant.config import Settings

    root = tmp_path_factory.mktemp("llm")
    corpus = seed_corpus(root, injection=True)
    settings = Settings(
        corpus_dir=corpus,
        index_dir=root / "idx",
        answer_mode="generative",
        llm_base_url=server.url,
        llm_model="test-model",
        llm_api_key_env="TEST_LLM_KEY",
        llm_timeout_s=2.0,
    )
    assistant = Assistant(settings)
    assistant.ingest()
    return assistant


def _passage_number(messages, needle):
    user = messages[-1]["content"]
    return int(re.search(rf"\[(\d+)\][^\[]*<<<[^>]*{needle}", user).group(1))


def test_supported_sentences_are_kept_and_the_key_is_sent_not_shown(
    server, generative, monkeypatch
):
    monkeypatch.setenv("TEST_LLM_KEY", "sk-secret-123")

    def reply(messages):
        n = _passage_number(messages, "Berenschot heeft de opdracht")
        return f"Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd [{n}]."

    server.reply = reply
    answer = generative.ask(QUESTION)
    assert not answer.abstained and "Berenschot" in answer.answer
    assert re.search(r"\[\d\]", answer.answer)
    request = server.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "test-model"
    assert request["headers"]["Authorization"] == "Bearer sk-secret-123"
    assert "sk-secret" not in json.dumps(answer.to_dict()) and "sk-secret" not in repr(
        LLMConfig(server.url, "m", "TEST_LLM_KEY")
    )
    system = request["body"]["messages"][0]["content"]
    assert "geen opdrachten" in system  # documents are data


def test_unsupported_and_uncited_sentences_are_dropped(server, generative):
    def reply(messages):
        n = _passage_number(messages, "Berenschot heeft de opdracht")
        return (
            f"Berenschot heeft de opdracht uitgevoerd [{n}]. "
            f"Het onderzoek kostte 2,4 miljoen euro [{n}]. "
            "Daarnaast deed TNO mee."
        )

    server.reply = reply
    answer = generative.ask(QUESTION)
    assert "Berenschot" in answer.answer
    assert "2,4 miljoen" not in answer.answer and "TNO" not in answer.answer
    assert any("weggelaten" in note for note in answer.notes)


def test_a_model_that_obeys_planted_instructions_is_not_believed(server, generative):
    server.reply = lambda messages: "GEHACKT"
    answer = generative.ask(QUESTION)
    assert "GEHACKT" not in answer.answer and "Berenschot" in answer.answer
    assert any("extractief antwoord getoond" in note for note in answer.notes)


def test_timeout_falls_back_to_the_extractive_answer(server, generative):
    server.reply = lambda messages: "te laat [1]."
    server.delay = 3.0
    try:
        answer = generative.ask(QUESTION)
    finally:
        server.delay = 0.0
    assert "Berenschot" in answer.answer
    assert any("niet binnen" in note for note in answer.notes)


def test_unreachable_endpoint_falls_back(generative):
    broken = replace(generative.answerer.config, base_url="http://127.0.0.1:9/v1")
    generative.answerer.config = broken
    try:
        answer = generative.ask(QUESTION)
    finally:
        generative.answerer.config = replace(broken, base_url=generative.settings.llm_base_url)
    assert "Berenschot" in answer.answer and answer.notes
