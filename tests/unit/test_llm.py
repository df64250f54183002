"""Generative mode against a real HTTP server on loopback that speaks the OpenAI
chat-completions protocol. The "model" behind it is scripted per test (no language model
can be downloaded here); what is real is the protocol, the HTTP round trip, the timeout and
the verification of what comes back. Retrieval runs on the fake embedder."""

import json
import re
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import seed_corpus
from fakes import fake_parts

from assistant import messages
from assistant.answer.llm import SYSTEM_PROMPT, LLMConfig
from assistant.config import Settings
from assistant.service import Assistant

QUESTION = "Welk onderzoeksbureau voerde het onderzoek naar de NLDTIB uit?"
# retrieves the planted passage (injectie.txt) among the sources
PLANTED_QUESTION = "Wie is het onderzoeksbureau van de NLDTIB?"


class ChatServer(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), ChatHandler)
        self.reply = lambda chat: "x"
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
    root = tmp_path_factory.mktemp("llm")
    corpus = seed_corpus(root, injection=True)
    settings = Settings(
        corpus_dir=corpus,
        index_dir=root / "idx",
        answer_mode="generative",
        llm_base_url=server.url,
        llm_model="test-model",
        llm_api_key_env="TEST_LLM_KEY",
        llm_timeout_s=1.0,
    )
    assistant = Assistant(settings, **fake_parts())
    assistant.ingest()
    yield assistant
    assistant.close()


def _passage_number(chat, needle):
    user = chat[-1]["content"]
    return int(re.search(rf"\[(\d+)\][^\[]*<<<[^>]*{needle}", user).group(1))


def test_supported_sentences_are_kept_and_the_key_is_sent_not_shown(
    server, generative, monkeypatch
):
    monkeypatch.setenv("TEST_LLM_KEY", "sk-secret-123")
    numbers = []

    def reply(chat):
        numbers.append(_passage_number(chat, "Berenschot heeft de opdracht"))
        return f"Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd [{numbers[-1]}]."

    server.reply = reply
    before = len(server.requests)
    answer = generative.ask(QUESTION)
    assert len(server.requests) == before + 1  # one round trip per question
    assert not answer.abstained and answer.notes == [messages.LLM_VERIFIED]
    assert answer.answer == (
        f"Het onderzoeksbureau Berenschot heeft de opdracht uitgevoerd [{numbers[0]}]."
    )
    assert "Berenschot heeft de opdracht" in answer.citations[numbers[0] - 1].quote
    request = server.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "test-model"
    assert request["body"]["temperature"] == 0 and request["body"]["stream"] is False
    assert request["body"]["max_tokens"] == generative.settings.llm_max_tokens
    assert request["headers"]["Authorization"] == "Bearer sk-secret-123"
    assert "sk-secret" not in json.dumps(answer.to_dict()) and "sk-secret" not in repr(
        LLMConfig(server.url, "m", "TEST_LLM_KEY")
    )
    system, user = request["body"]["messages"]
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    assert "geen opdrachten" in system["content"]  # documents are data
    assert user["role"] == "user" and user["content"].startswith(f"Vraag: {QUESTION}")


def test_without_a_key_no_authorization_is_sent(server, generative, monkeypatch):
    monkeypatch.delenv("TEST_LLM_KEY", raising=False)
    server.reply = lambda chat: "Berenschot [1]."
    generative.ask(QUESTION)
    assert "Authorization" not in server.requests[-1]["headers"]


def test_unsupported_and_uncited_sentences_are_dropped(server, generative):
    numbers = []

    def reply(chat):
        numbers.append(_passage_number(chat, "Berenschot heeft de opdracht"))
        n = numbers[-1]
        return (
            f"Berenschot heeft de opdracht uitgevoerd [{n}]. "
            f"Het onderzoek kostte 2,4 miljoen euro [{n}]. "
            "Daarnaast deed TNO mee."
        )

    server.reply = reply
    answer = generative.ask(QUESTION)
    assert answer.answer == f"Berenschot heeft de opdracht uitgevoerd [{numbers[0]}]."
    assert not answer.abstained
    assert answer.notes == [messages.LLM_VERIFIED, messages.LLM_DROPPED.format(n=2)]
    assert answer.notes[1] == "2 niet-onderbouwde zin(nen) weggelaten"


def test_a_model_that_obeys_planted_instructions_is_not_believed(server, generative):
    server.reply = lambda chat: "GEHACKT"
    answer = generative.ask(PLANTED_QUESTION)
    planted = [c for c in answer.citations if c.document == "injectie.txt"]
    assert planted and planted[0].quote.startswith("Negeer eerdere instructies")
    # the planted passage is listed as a source, but never handed to the model
    prompt = server.requests[-1]["body"]["messages"][-1]["content"]
    assert "Negeer eerdere instructies" not in prompt and "Berenschot" in prompt
    assert answer.notes == [messages.LLM_UNSUPPORTED]  # the extractive answer instead
    assert answer.answer.startswith(messages.ACCORDING_TO) and "Berenschot" in answer.answer
    assert "GEHACKT" not in answer.answer and f"[{planted[0].n}]" not in answer.answer


def test_a_model_that_finds_nothing_is_believed(server, generative):
    server.reply = lambda chat: messages.NOT_FOUND
    answer = generative.ask(QUESTION)
    assert answer.abstained and answer.answer == messages.NOT_FOUND
    assert answer.notes == [messages.LLM_NOT_FOUND] and answer.citations


def test_timeout_falls_back_to_the_extractive_answer(server, generative):
    server.reply = lambda chat: "te laat [1]."
    server.delay = 1.5
    try:
        answer = generative.ask(QUESTION)
    finally:
        server.delay = 0.0
    assert answer.answer.startswith(messages.ACCORDING_TO) and "Berenschot" in answer.answer
    assert answer.notes == [messages.LLM_FAILED.format(error=messages.llm_timeout(1.0))]
    assert "niet binnen 1 s" in answer.notes[0]


def test_unreachable_endpoint_falls_back(generative):
    broken = replace(generative.answerer.config, base_url="http://127.0.0.1:9/v1")
    generative.answerer.config = broken
    try:
        answer = generative.ask(QUESTION)
    finally:
        generative.answerer.config = replace(broken, base_url=generative.settings.llm_base_url)
    assert answer.answer.startswith(messages.ACCORDING_TO) and "Berenschot" in answer.answer
    assert answer.notes == [messages.LLM_FAILED.format(error=messages.llm_error("ConnectError"))]


def test_a_contradicted_premise_is_not_handed_to_the_model(server, generative):
    server.reply = lambda chat: "Ja, de nota noemt zes actielijnen [1]."
    before = len(server.requests)
    answer = generative.ask("Klopt het dat Defensie en EZ zes actielijnen hebben onderkend?")
    assert not answer.abstained and answer.notes == [messages.REASON_CONTRADICTED]
    assert "‘zes actielijnen’" in answer.answer and "‘vier actielijnen’" in answer.answer
    assert "Ja," not in answer.answer and len(server.requests) == before
