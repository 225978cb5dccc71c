"""FAISS structures at scale, on synthetic 384-d vectors shaped like sentence embeddings.

Uniform random vectors are the worst case for every approximate index and unlike real embeddings, which
crowd around topics; the synthetic set is a mixture of normalised Gaussian clusters (many topics, wide
spread), and the queries are fresh draws from the same mixture, not copies of indexed rows. For each size
and structure: build time, vector memory, query p50 / p95 (one query at a time, as the API searches) and
recall@10 against the exact index.

    python -m eval.scale --sizes 100000,1000000 --queries 300
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import faiss
import numpy as np

from index.dense import build_faiss_index, index_bytes

__all__ = ["ScaleRow", "synthetic", "measure", "scale_table", "STRUCTURES"]

DIM = 384


@dataclass(frozen=True)
class ScaleRow:
    size: int
    structure: str
    build_s: float
    memory_mb: float
    p50_ms: float
    p95_ms: float
    recall_at_10: float


def synthetic(n: int, seed: int, topics: int = 2000, spread: float = 0.9) -> np.ndarray:
    """``n`` unit vectors from a mixture of ``topics`` Gaussian clusters (float32)."""
    rng = np.random.default_rng(seed)
    centers = np.random.default_rng(12345).standard_normal((topics, DIM)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    out = np.empty((n, DIM), dtype=np.float32)
    step = 100_000
    for start in range(0, n, step):
        m = min(step, n - start)
        rows = centers[rng.integers(0, topics, m)]
        rows = rows + spread * rng.standard_normal((m, DIM)).astype(np.float32) / np.sqrt(DIM)
        out[start : start + m] = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return out


def _exact_top10(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    index = faiss.IndexFlatIP(DIM)
    index.add(vectors)
    _, ids = index.search(queries, 10)
    return ids


def _hnsw(vectors: np.ndarray) -> faiss.Index:
    index = faiss.index_factory(DIM, "HNSW32,SQ8", faiss.METRIC_INNER_PRODUCT)
    hnsw = faiss.downcast_index(index)
    hnsw.hnsw.efConstruction = 80  # type: ignore[attr-defined]
    index.train(vectors[:100_000])
    index.add(vectors)
    hnsw.hnsw.efSearch = 128  # type: ignore[attr-defined]
    return index


def _ivfpq(vectors: np.ndarray) -> faiss.Index:
    n = len(vectors)
    nlist = max(64, int(2 * np.sqrt(n)))
    index = faiss.index_factory(DIM, f"IVF{nlist},PQ96x4fs,Refine(SQ8)", faiss.METRIC_INNER_PRODUCT)
    index.train(vectors[: min(n, 100_000)])
    index.add(vectors)
    faiss.extract_index_ivf(index).nprobe = 64
    faiss.downcast_index(index).k_factor = 4  # type: ignore[attr-defined]  # re-rank 4 x 10 PQ candidates with the SQ8 codes
    return index


STRUCTURES: dict[str, Callable[[np.ndarray], faiss.Index]] = {
    "exact (flat)": lambda v: build_faiss_index(v, kind="flat"),
    "IVF + SQ8 (auto above the flat limit)": lambda v: build_faiss_index(v, kind="ivf-sq8"),
    "HNSW32 + SQ8": _hnsw,
    "IVF + PQ96x4fs, SQ8 refine": _ivfpq,
}


def measure(size: int, queries: int, structures: dict[str, Callable[[np.ndarray], faiss.Index]]) -> list[ScaleRow]:
    vectors = synthetic(size, seed=1)
    asked = synthetic(queries, seed=2)
    truth = _exact_top10(vectors, asked)
    rows = []
    for name, build in structures.items():
        started = time.perf_counter()
        index = build(vectors)
        build_s = time.perf_counter() - started
        times, found = [], 0
        for i in range(queries):
            t = time.perf_counter()
            _, ids = index.search(asked[i : i + 1], 10)
            times.append((time.perf_counter() - t) * 1000)
            found += len(set(ids[0].tolist()) & set(truth[i].tolist()))
        times.sort()
        rows.append(
            ScaleRow(
                size,
                name,
                round(build_s, 1),
                round(index_bytes(index) / 2**20, 1),
                round(statistics.median(times), 2),
                round(times[int(0.95 * (len(times) - 1))], 2),
                round(found / (10 * queries), 3),
            )
        )
        del index
    return rows


def scale_table(rows: list[ScaleRow]) -> str:
    head = "| vectors | structure | build s | vector memory MB | query p50 ms | query p95 ms | recall@10 |"
    lines = [head, "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r.size:,} | {r.structure} | {r.build_s} | {r.memory_mb} | {r.p50_ms} | {r.p95_ms} | {r.recall_at_10} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--skip", default="", help="comma-separated structure names to leave out")
    args = parser.parse_args()
    faiss.omp_set_num_threads(2)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        chosen = {k: v for k, v in STRUCTURES.items() if k not in args.skip.split(",")}
        rows += measure(size, args.queries, chosen)
        sys.stdout.write(scale_table(rows) + "\n\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
