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

from assistant.answer.answerability import (
    FEATURES,
    QUESTION_FEATURES,
    AnswerabilityModel,
    LogisticModel,
)
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


# A hand-set answerability model for pipelines on fake vectors (the fitted one expects real
# E5 similarities): a question passes the first judgement when a quote holds the asked-for
# fact and no word of it is unknown to the corpus; then the question's subject words, the
# fact and the retrieval rank decide which quotes answer.
FAKE_QUOTE_WEIGHTS = {
    "coverage": 4.0,
    "type_attached": 4.0,
    "english": 3.0,
    "score_relative": 3.0,
    "rank": -1.0,
}


def _hand_model(features: tuple[str, ...], weights: dict[str, float], intercept: float):
    return LogisticModel(
        features=features,
        mean=(0.0,) * len(features),
        scale=(1.0,) * len(features),
        weights=tuple(weights.get(name, 0.0) for name in features),
        intercept=intercept,
        threshold=0.5,
    )


def fake_answerability() -> AnswerabilityModel:
    return AnswerabilityModel(
        question=_hand_model(
            QUESTION_FEATURES, {"unknown_terms": -10.0, "any_type_attached": 10.0}, -5.0
        ),
        quote=_hand_model(FEATURES, FAKE_QUOTE_WEIGHTS, -7.0),
    )


def fake_parts() -> dict:
    """Keyword arguments for an `Assistant` that loads no model."""
    return {"embedders": fake_embedders(), "answerability": fake_answerability()}
