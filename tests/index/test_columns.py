"""Filters as vectorised masks and top-k by partition give exactly what the per-chunk rule and a full stable
sort give (hypothesis), and FAISS searched through a mask returns only allowed rows."""

from __future__ import annotations

import bm25s
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.columns import ChunkColumns
from index.dense import DenseRetriever, build_faiss_index
from index.lexical import BM25Retriever, _best_rows
from index.types import Filters
from ingest.types import Chunk
from tests.fakes import HashEmbedder

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
_ORGS = st.sampled_from([None, "HEUNI", "UNAFEI", "AIC", "Nordic Centre for Prison Studies"])
_YEARS = st.sampled_from([None, 2018, 2019, 2020, 2023])


def _chunk(i: int, org: str | None, year: int | None) -> Chunk:
    return Chunk(chunk_id=f"c{i}", doc_id="d", title="t", text=f"passage {i}", start=0, end=1, org=org, year=year)


_CHUNKS = st.lists(st.tuples(_ORGS, _YEARS), max_size=40).map(
    lambda rows: [_chunk(i, org, year) for i, (org, year) in enumerate(rows)]
)
_FILTERS = st.builds(
    Filters,
    orgs=st.one_of(st.none(), st.frozensets(_ORGS.filter(bool), max_size=3)),
    years=st.one_of(st.none(), st.frozensets(_YEARS.filter(bool), max_size=3)),
)


@_SETTINGS
@given(chunks=_CHUNKS, filters=_FILTERS)
def test_the_mask_allows_what_the_filter_allows(chunks: list[Chunk], filters: Filters) -> None:
    mask = ChunkColumns.of(chunks).mask(filters)
    assert mask.tolist() == [filters.allows(c) for c in chunks]


@_SETTINGS
@given(
    scores=st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.25]), max_size=50),
    k=st.integers(min_value=0, max_value=60),
)
def test_best_rows_equal_a_stable_full_sort(scores: list[float], k: int) -> None:
    """Ties are the hard case: many equal scores across the k-th place keep row order."""
    array = np.asarray(scores, dtype=np.float32)
    expected = [int(i) for i in np.argsort(-array, kind="stable")[:k] if array[i] > 0]
    assert _best_rows(array, k).tolist() == expected


def test_a_filtered_dense_search_returns_only_allowed_rows_best_first() -> None:
    chunks = [_chunk(i, ("HEUNI", "AIC", None)[i % 3], 2019 + i % 2) for i in range(30)]
    embedder = HashEmbedder()
    vectors = embedder.embed_documents([c.text for c in chunks])
    dense = DenseRetriever(embedder, chunks, build_faiss_index(vectors))
    query = vectors[4]  # chunk 4 itself: AIC, 2019
    hits = dense.search_vector(query, k=5, filters=Filters(orgs=frozenset({"AIC"}), years=frozenset({2019})))
    assert hits and all(h.chunk.org == "AIC" and h.chunk.year == 2019 for h in hits)
    assert hits[0].chunk.chunk_id == "c4"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert dense.search_vector(query, k=5, filters=Filters(orgs=frozenset({"UNICRI"}))) == []


def test_kept_masks_are_the_computed_ones_and_read_only() -> None:
    chunks = [_chunk(i, org, 2000 + i % 30) for i, org in enumerate(["HEUNI", "AIC", None] * 40)]
    columns = ChunkColumns.of(chunks)
    asked = [Filters(years=frozenset({2000 + y})) for y in range(40)] + [Filters(orgs=frozenset({"AIC"}))]
    for _ in range(2):  # more filters than are kept: the oldest are computed again, never mixed up
        for filters in asked:
            mask = columns.mask(filters)
            assert mask.tolist() == [filters.allows(c) for c in chunks] and not mask.flags.writeable


@_SETTINGS
@given(
    rows=st.lists(st.tuples(_ORGS, _YEARS, st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.25])), max_size=50),
    filters=_FILTERS,
    k=st.integers(min_value=0, max_value=60),
)
def test_filtered_lexical_top_k_equals_a_stable_sort_of_the_allowed_chunks(
    rows: list[tuple[str | None, int | None, float]], filters: Filters, k: int
) -> None:
    chunks = [_chunk(i, org, year) for i, (org, year, _) in enumerate(rows)]
    scores = np.asarray([score for _, _, score in rows], dtype=np.float32)
    retriever = BM25Retriever(chunks, bm25s.BM25())
    allowed = [i for i in np.argsort(-scores, kind="stable") if filters.allows(chunks[i]) and scores[i] > 0]
    hits = retriever.top(scores, k, filters)
    assert [(h.chunk.chunk_id, h.score) for h in hits] == [(f"c{i}", float(scores[i])) for i in allowed[:k]]
    assert _rows_match(retriever.columns, filters)


def _rows_match(columns: ChunkColumns, filters: Filters) -> bool:
    """The kept rows of a filter are the rows its mask allows, and read-only like the mask."""
    rows = columns.rows(filters)
    return rows.tolist() == np.flatnonzero(columns.mask(filters)).tolist() and not rows.flags.writeable
