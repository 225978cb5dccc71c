"""Dense retrieval: normalised embeddings in a FAISS inner-product index (inner product = cosine)."""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

from ingest.types import Chunk

from .types import Embedder, Filters, Hit

__all__ = ["DenseRetriever", "build_faiss_index"]


def build_faiss_index(vectors: np.ndarray) -> faiss.Index:
    """Exact inner-product index over ``vectors`` (rows already L2-normalised)."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


class DenseRetriever:
    def __init__(self, embedder: Embedder, chunks: Sequence[Chunk], index: faiss.Index) -> None:
        self.embedder = embedder
        self.chunks = chunks
        self.index = index

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.search_vector(self.embedder.embed_query(query), k, filters)

    def search_vector(self, vector: np.ndarray, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        params = None
        if filters is not None:
            allowed = [i for i, chunk in enumerate(self.chunks) if filters.allows(chunk)]
            if not allowed:
                return []
            selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
        k = min(k, self.index.ntotal)
        if k <= 0:
            return []
        scores, ids = self.index.search(vector.reshape(1, -1).astype(np.float32), k, params=params)
        return [Hit(self.chunks[i], float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
