"""Who may use an exposed workspace, and what they asked.

Passwords are stored only as scrypt hashes (stdlib `hashlib.scrypt`, random salt) in a
TOML users file::

    [users]
    jansen = "scrypt$16384$8$1$<salt>$<hash>"

`python -m assistant user add NAME` writes an entry. The audit log, when switched on in the
settings, is one JSON line per question: time, user, question, abstained, sources.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import tomli_w

from assistant import messages

_N, _R, _P = 2**14, 8, 1
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def hash_password(password: str) -> str:
    """An scrypt hash with a random salt, as one string."""
    if not password:
        raise ValueError(messages.EMPTY_PASSWORD)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        actual = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, _unb64(digest))


def load_users(path: Path) -> dict[str, str]:
    """User name → password hash from the users file; refuses a file with plain passwords."""
    try:
        users = tomllib.loads(path.read_text(encoding="utf-8")).get("users", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(messages.users_file_unreadable(path, exc)) from exc
    for name, value in users.items():
        if not str(value).startswith("scrypt$"):
            raise ValueError(messages.plain_password(name, path))
    if not users:
        raise ValueError(messages.users_file_empty(path))
    return dict(users)


def add_user(path: Path, name: str, password: str) -> None:
    """Add or replace a user in the users file (created when missing)."""
    name = name.strip()
    if not name or any(c.isspace() for c in name):
        raise ValueError(messages.BAD_USER_NAME)
    users = load_users(path) if path.is_file() else {}
    users[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps({"users": users}), encoding="utf-8")
    path.chmod(0o600)


class Login:
    """The check gradio calls with (username, password) at login."""

    def __init__(self, users: dict[str, str]) -> None:
        if not users:
            raise ValueError(messages.NO_USERS)
        self.users = users

    def __call__(self, username: str, password: str) -> bool:
        stored = self.users.get(username)
        return stored is not None and verify_password(password, stored)


class AuditLog:
    """Appends one JSON line per question; safe to share between request threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)

    def record(self, user: str | None, question: str, abstained: bool, sources: list[str]) -> None:
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "user": user,
            "question": question,
            "abstained": abstained,
            "sources": sources,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())
