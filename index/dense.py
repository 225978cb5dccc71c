"""Dense retrieval: normalised embeddings in a FAISS inner-product index (inner product = cosine)."""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

from ingest.types import Chunk

from .columns import ChunkColumns, MaskSelector
from .types import Embedder, Filters, Hit

__all__ = ["DenseRetriever", "build_faiss_index", "choose_index_kind", "index_kind", "index_bytes", "FLAT_LIMIT"]

# Below this an exact scan is fast enough (13 ms per query at 100k on 2 cores) and costs no recall; from
# here on, IVF with 8-bit scalar quantization: a quarter of the memory, recall@10 0.98 and well under
# a millisecond per query at 100k (eval/scale.py; figures at 1M in eval/reports/bench.md).
FLAT_LIMIT = 100_000
NPROBE = 48


def choose_index_kind(n: int) -> str:
    """The FAISS structure for ``n`` vectors; recorded in the manifest as ``dense_index``."""
    return "flat" if n < FLAT_LIMIT else "ivf-sq8"


def build_faiss_index(vectors: np.ndarray, kind: str | None = None) -> faiss.Index:
    """An inner-product index over ``vectors`` (rows already L2-normalised): exact below FLAT_LIMIT rows,
    IVF + SQ8 above (or as ``kind`` says)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    kind = kind or choose_index_kind(n)
    if kind == "flat":
        index: faiss.Index = faiss.IndexFlatIP(dim)
    elif kind == "ivf-sq8":
        nlist = max(16, min(65_536, int(2 * np.sqrt(max(n, 1)))))
        index = faiss.index_factory(dim, f"IVF{nlist},SQ8", faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.extract_index_ivf(index)
        sample = vectors[np.random.default_rng(0).permutation(n)[: min(n, 40 * nlist)]]
        index.train(sample)
        ivf.nprobe = NPROBE
        ivf.make_direct_map()  # reconstruct(i), for incremental rebuilds
    else:
        raise ValueError(f"unknown dense index kind {kind!r}: use 'flat' or 'ivf-sq8'")
    if n:
        index.add(vectors)
    return index


def index_kind(index: faiss.Index) -> str:
    return "ivf-sq8" if isinstance(index, faiss.IndexIVF) else "flat"


def index_bytes(index: faiss.Index) -> int:
    """The memory an index's vectors take, measured as its serialised size."""
    return int(faiss.serialize_index(index).nbytes)


class DenseRetriever:
    def __init__(
        self, embedder: Embedder, chunks: Sequence[Chunk], index: faiss.Index, columns: ChunkColumns | None = None
    ) -> None:
        self.embedder = embedder
        self.chunks = chunks
        self.index = index
        self.columns = columns or ChunkColumns.of(chunks)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.search_vector(self.embedder.embed_query(query), k, filters)

    def search_vector(self, vector: np.ndarray, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        params: faiss.SearchParameters | None = None
        if filters is not None:
            mask = self.columns.mask(filters)
            if not mask.any():
                return []
            selector = MaskSelector(mask)  # held until the search returns: FAISS reads its bitmap
            if isinstance(self.index, faiss.IndexIVF):
                params = faiss.SearchParametersIVF(sel=selector.selector, nprobe=self.index.nprobe)  # type: ignore[call-arg,assignment]
            else:
                params = faiss.SearchParameters(sel=selector.selector)  # type: ignore[call-arg]
        k = min(k, self.index.ntotal)
        if k <= 0:
            return []
        scores, ids = self.index.search(vector.reshape(1, -1).astype(np.float32), k, params=params)
        return [Hit(self.chunks[i], float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0]
