"""A deterministic fake embedding model for the fast tests: no model file, no load time.

Each word is hashed to a signed position of a small vector, so texts that share words are
close and others are not; the same text always gives the same vector. Its name is stored
with the vectors like a real model's, so an index built with it never mixes with one built
with a real model.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from assistant.index.embedders import Embedder
from assistant.index.legs import E5, USE


class FakeEmbedder(Embedder):
    """Bag of hashed words, 64 dimensions."""

    dimensions = 64

    def __init__(self, name: str = "fake-hashing-64") -> None:
        super().__init__(threads=1)
        self.name = name
        self.loads = 0

    def load(self):
        self.loads += 1
        return self

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            position = int.from_bytes(digest[:4], "little") % self.dimensions
            vector[position] += 1.0 if digest[4] % 2 else -1.0
        if not vector.any():
            vector[0] = 1.0
        return vector

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        self.model  # noqa: B018 (counts as a load, as a real model would)
        return np.vstack([self._vector(t) for t in texts])

    def encode_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def fake_embedders() -> dict[str, Embedder]:
    """Fakes for the dense legs on by default (USE and E5)."""
    return {USE: FakeEmbedder("fake-use"), E5: FakeEmbedder("fake-e5")}
