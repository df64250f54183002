"""A dense leg's vectors in Chroma: written through llama-index, searched directly."""

from __future__ import annotations

import contextlib

import numpy as np

from assistant import messages
from assistant.config import Settings
from assistant.filters import Filters, date_number
from assistant.index.embedders import Embedder
from assistant.index.legs import Leg
from assistant.models import Chunk, DocumentMeta

# Chroma keeps the vectors written since it last saved a collection's HNSW graph in its log,
# and every process that opens the collection adds them to the graph again, several at a
# time: the graph then differs from one start to the next, and so do the neighbours past the
# first few dozen that a wide dense search returns (the same question could get other
# passages after a restart). Saving after every write leaves nothing to add again; the graph
# is written once per write batch, which costs far less than embedding the batch.
SYNC_THRESHOLD = 2  # chroma's smallest
# A dense search asks for up to a few hundred neighbours (the legs' candidates and their
# tails); at chroma's default of 100 the last of them are often not the nearest ones, and a
# wider search costs little beside embedding the question.
SEARCH_EF = 400
HNSW = {"sync_threshold": SYNC_THRESHOLD, "ef_search": SEARCH_EF}


class IndexMismatchError(RuntimeError):
    """The index was built with another embedding model than the settings name."""


def chroma_client(settings: Settings):
    """A Chroma client for the settings: a server when a host is set, else a local folder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class VectorLeg:
    """One embedding model and its Chroma collection, written and read through llama-index."""

    def __init__(self, leg: Leg, embedder: Embedder, client, collection_name: str) -> None:
        self.leg = leg
        self.name = leg.name
        self.embedder = embedder
        self.deferred = leg.deferred  # filled after the ingest by `Index.fill`
        self.collection_name = collection_name
        self._client = client
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            # embedding_function=None: chroma must never fall back to its default model
            collection = self._client.get_or_create_collection(
                self.collection_name,
                metadata={"embed_model": self.embedder.name},
                configuration={"hnsw": {"space": "cosine", **HNSW}},
                embedding_function=None,
            )
            built_with = (collection.metadata or {}).get("embed_model")
            if built_with != self.embedder.name:
                raise IndexMismatchError(
                    messages.index_mismatch(self.collection_name, built_with, self.embedder.name)
                )
            # a collection made before: set as a new one (what its log holds yet is saved
            # with the next write)
            hnsw = (collection.configuration or {}).get("hnsw") or {}
            if any(hnsw.get(key) != value for key, value in HNSW.items()):
                collection.modify(configuration={"hnsw": HNSW})
            self._collection = collection
        return self._collection

    @property
    def vector_store(self):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.collection)

    def drop(self) -> None:
        with contextlib.suppress(Exception):  # not there: nothing to drop
            self._client.delete_collection(self.collection_name)
        self._collection = None

    def add(self, chunks: list[Chunk], metas: list[DocumentMeta]) -> np.ndarray:
        """Embed and store the chunks; returns their vectors (for the document centroid)."""
        if not chunks:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.embed(chunks, metas)
        self.write(chunks, metas, vectors)
        return vectors

    def embed(self, chunks: list[Chunk], metas: list[DocumentMeta]) -> np.ndarray:
        """The chunks' vectors: each chunk embedded with its document title and heading."""
        texts = [c.context_text(m.indexed_title) for c, m in zip(chunks, metas, strict=True)]
        return self.embedder.embed_documents(texts)

    def write(self, chunks: list[Chunk], metas: list[DocumentMeta], vectors: np.ndarray) -> None:
        """Store chunks with their vectors (an id already there gets the new vector)."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=c.id,
                text=c.text,
                embedding=v.tolist(),
                metadata=vector_metadata(c, m),
                excluded_embed_metadata_keys=["doc_path"],
            )
            for c, m, v in zip(chunks, metas, vectors, strict=True)
        ]
        self.delete([c.id for c in chunks])  # chroma's add keeps an existing id's old vector
        self.vector_store.add(nodes)

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 5000):
            batch = ids[start : start + 5000]
            if batch:
                self.collection.delete(ids=batch)

    def update_metadata(self, chunks: list[Chunk], meta: DocumentMeta) -> None:
        if chunks:
            self.collection.update(
                ids=[c.id for c in chunks], metadatas=[vector_metadata(c, meta) for c in chunks]
            )

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Chunk id → stored vector, for the ids the collection holds."""
        if not ids:
            return {}
        got = self.collection.get(ids=ids, include=["embeddings"])
        return {
            cid: np.asarray(vector, dtype=np.float32)
            for cid, vector in zip(got["ids"], got["embeddings"], strict=True)
        }

    def ids(self) -> set[str]:
        found: set[str] = set()
        offset, page = 0, 20000
        while True:
            batch = self.collection.get(include=[], limit=page, offset=offset)["ids"]
            found.update(batch)
            if len(batch) < page:
                return found
            offset += page

    def search(self, vector: np.ndarray, k: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, for a query vector of this leg's model.

        Reads go to the Chroma collection directly (writes go through llama-index): the
        query path then never imports llama-index, which is slow to import for a one-shot
        `ask`. Chroma's metadata filter scans every row, so a filtered search first asks for
        5k neighbours without it and keeps those that pass; only when fewer than k pass
        does Chroma filter.
        """
        where = filters.chroma_where()
        if where is None:
            return [(cid, sim) for cid, sim, _ in self._query(vector, k, None)]
        wide = self._query(vector, 5 * k, None, metadatas=True)
        kept = [(cid, sim) for cid, sim, meta in wide if filters.admits_vector(meta)]
        if len(kept) >= k:
            return kept[:k]
        return [(cid, sim) for cid, sim, _ in self._query(vector, k, where)]

    def _query(self, vector: np.ndarray, k: int, where: dict | None, metadatas: bool = False):
        """(id, similarity, metadata) best first; fetching metadata costs more than the search."""
        result = self.collection.query(
            query_embeddings=[vector.tolist()],
            n_results=k,
            where=where,
            include=["distances", "metadatas"] if metadatas else ["distances"],
        )
        metas = result.get("metadatas") or [[{}] * len(result["ids"][0])]
        # chroma's cosine distance is 1 - similarity
        return [
            (cid, 1.0 - float(distance), meta or {})
            for cid, distance, meta in zip(
                result["ids"][0], result["distances"][0], metas[0], strict=True
            )
        ]


def vector_metadata(chunk: Chunk, meta: DocumentMeta) -> dict:
    return {
        "doc_path": chunk.doc_path,
        "doc_type": meta.doc_type,
        "date": date_number(meta.date),
        "page": chunk.page if chunk.page is not None else -1,
        "position": chunk.position,
    }
