"""Login with hashed passwords, the refusal to expose the workspace without it, the audit log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from conftest import REPO, free_port, wait_for_port

from assistant.access import Login, add_user, hash_password, load_users, verify_password
from assistant.config import Settings
from assistant.present.ui import serve


def test_passwords_are_stored_only_as_salted_hashes(tmp_path):
    first, second = hash_password("Geheim-123"), hash_password("Geheim-123")
    assert first != second  # a random salt per hash
    assert verify_password("Geheim-123", first) and not verify_password("geheim-123", first)
    users = tmp_path / "users.toml"
    add_user(users, "jansen", "Geheim-123")
    assert "Geheim-123" not in users.read_text() and oct(users.stat().st_mode)[-3:] == "600"
    login = Login(load_users(users))
    assert login("jansen", "Geheim-123")
    assert not login("jansen", "fout") and not login("pietersen", "Geheim-123")


def test_a_users_file_with_a_plain_password_is_refused(tmp_path):
    users = tmp_path / "users.toml"
    users.write_text('[users]\njansen = "Geheim-123"\n')
    with pytest.raises(ValueError, match="alleen wachtwoord-hashes"):
        load_users(users)


def test_exposing_the_workspace_without_login_is_refused(workspace):
    with pytest.raises(ValueError, match="kan alleen met inloggen"):
        serve(workspace, host="0.0.0.0")  # refused before anything starts listening


def test_login_and_audit_log_on_a_launched_workspace(seeded, tmp_path):
    from gradio_client import Client

    users = tmp_path / "users.toml"
    created = subprocess.run(
        [sys.executable, "-m", "assistant", "user", "add", "jansen", "--password-stdin",
         "--users-file", str(users)],
        input="Geheim-123\n", capture_output=True, text=True, cwd=REPO, check=True,
    )  # fmt: skip
    assert "alleen de hash" in created.stdout
    audit = tmp_path / "audit.jsonl"
    env = {**os.environ, "NLDTIB_USERS_FILE": str(users), "NLDTIB_AUDIT_LOG": str(audit)}
    common = ["--index-dir", str(seeded.index_dir), "--corpus-dir", str(seeded.corpus_dir)]
    subprocess.run([sys.executable, "-m", "assistant", "ingest", *common], cwd=REPO, check=True)
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(port), *common],
            cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for_port(port, proc, 120, log_path)
        time.sleep(1)
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(Exception):  # noqa: B017 (gradio_client raises a plain error)
            Client(url, verbose=False).predict("Wie deed het onderzoek?", api_name="/ask")
        with pytest.raises(Exception):  # noqa: B017
            Client(url, auth=("jansen", "fout"), verbose=False)
        client = Client(url, auth=("jansen", "Geheim-123"), verbose=False)
        answer = client.predict("Welk bureau voerde het onderzoek uit?", api_name="/ask")
        assert "Berenschot" in answer
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    entries = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [(e["user"], e["question"]) for e in entries] == [
        ("jansen", "Welk bureau voerde het onderzoek uit?")
    ]
    assert entries[0]["abstained"] is False and entries[0]["sources"]


def test_no_audit_log_unless_switched_on(seeded):
    from assistant.service import Assistant

    assistant = Assistant(seeded)
    try:
        assistant.ingest()
        assistant.ask("Welk bureau voerde het onderzoek uit?")
        assert assistant.audit is None
    finally:
        assistant.close()
    assert not list(seeded.index_dir.rglob("*.jsonl"))
    assert Settings().audit_log is None and Settings().users_file is None
