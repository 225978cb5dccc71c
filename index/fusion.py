"""Reciprocal-rank fusion, the one place rankings are combined: each run (a ranked list of chunks and the
weight of its kind, dense or lexical) adds weight / (rrf_k + rank) to every chunk it ranks. Both stores
hand their runs here (files: FAISS and bm25s; PostgreSQL: pgvector and BM25 in SQL), so a question ranks the
same way on either."""

from __future__ import annotations

from collections.abc import Sequence

from ingest.types import Chunk

from .types import FusionWeights

__all__ = ["fuse", "best_possible"]


def fuse(
    runs: Sequence[tuple[Sequence[Chunk], float]], rrf_k: int, cut: int | None = None, own_from: int | None = None
) -> list[tuple[Chunk, float]]:
    """(chunk, fused score), best first; equal scores keep the order in which the runs first ranked them.

    ``runs[own_from:]`` rank within the institutes the question names, the others over all chunks, each cut at
    ``cut`` results. A named institute's passage missing from a run over all chunks that was cut ranks below its
    end, not nowhere: it counts as ranked just past it. Else other institutes' passages filling the first
    ``cut`` places would take a whole run's weight from it (a collection grown by three reports sent the UN
    report's paragraph on the AIC from 10th to 19th for a question naming the AIC)."""
    fused: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    for ranked, weight in runs:
        for rank, chunk in enumerate(ranked):
            chunks.setdefault(chunk.chunk_id, chunk)
            fused[chunk.chunk_id] = fused.get(chunk.chunk_id, 0.0) + weight / (rrf_k + rank + 1)
    if cut is not None and own_from is not None:
        own = {chunk.chunk_id for ranked, _ in runs[own_from:] for chunk in ranked}
        for ranked, weight in runs[:own_from]:
            if len(ranked) >= cut:
                for chunk_id in own.difference(chunk.chunk_id for chunk in ranked):
                    fused[chunk_id] += weight / (rrf_k + cut + 1)
    ranked_ids = sorted(fused, key=lambda cid: -fused[cid])  # stable
    return [(chunks[cid], fused[cid]) for cid in ranked_ids]


def best_possible(weights: FusionWeights, own_runs: bool) -> float:
    """The score of a chunk ranked first by every run: fused scores divided by it fall in [0, 1]."""
    per_pair = (weights.dense + weights.lexical) / (weights.rrf_k + 1)
    return 2 * per_pair if own_runs else per_pair
