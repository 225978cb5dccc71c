"""Reciprocal-rank fusion (index/fusion.py): runs over all chunks cut at a number of candidates, and runs within
the institutes a question names."""

from __future__ import annotations

import pytest

from index.fusion import fuse
from ingest.types import Chunk


def _chunks(prefix: str, n: int) -> list[Chunk]:
    return [Chunk(f"{prefix}{i}", "d", "t", "text", 0, 4) for i in range(n)]


def test_a_named_institutes_passage_past_the_cut_of_a_run_over_all_chunks_ranks_just_below_it() -> None:
    # Other institutes' passages fill the first three places of the runs over all chunks (cut at 3); the named
    # institute's own runs rank "own0" first and "own1" second. "own1" is also 3rd in the dense run over all.
    others = _chunks("other", 2)
    own0, own1 = _chunks("own", 2)
    dense_all, lexical_all = [*others, own1], [*others, Chunk("x", "d", "t", "text", 0, 4)]
    runs = [(dense_all, 1.0), (lexical_all, 1.0), ([own0, own1], 1.0), ([own0, own1], 1.0)]
    scores = {c.chunk_id: s for c, s in fuse(runs, rrf_k=60, cut=3, own_from=2)}
    # own0, absent from both runs over all chunks, counts as ranked 4th in each: not nowhere.
    assert scores["own0"] == pytest.approx(2 / 61 + 2 / 64)
    # A passage the runs over all chunks did rank keeps its rank; no floor for one outside the named institute.
    assert scores["own1"] == pytest.approx(1 / 63 + 2 / 62 + 1 / 64)
    assert scores["other0"] == pytest.approx(2 / 61)
    assert scores["x"] == pytest.approx(1 / 63)
    # Without runs within a named institute, fusion is as it was: a chunk missing from a run gets nothing from it.
    plain = {c.chunk_id: s for c, s in fuse(runs[:2], rrf_k=60, cut=3, own_from=2)}
    assert plain["own1"] == pytest.approx(1 / 63) and "own0" not in plain


def test_runs_shorter_than_the_cut_rank_every_chunk_they_could() -> None:
    own0, own1 = _chunks("own", 2)
    runs = [([own1], 1.0), ([own1], 1.0), ([own0, own1], 1.0), ([own0, own1], 1.0)]
    scores = {c.chunk_id: s for c, s in fuse(runs, rrf_k=60, cut=3, own_from=2)}
    assert scores["own0"] == pytest.approx(
        2 / 61
    )  # the runs over all chunks were not cut: own0 is not among their results
