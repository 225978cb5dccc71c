"""Data produced by retrieval, and the seams retrievers and embedders plug into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ingest.types import Chunk


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk and its score (higher is better; scales differ between retrievers)."""

    chunk: Chunk
    score: float


@dataclass(frozen=True)
class Filters:
    """Restrict a search to chunks of these organisations and/or years (None: no restriction)."""

    orgs: frozenset[str] | None = None
    years: frozenset[int] | None = None

    def allows(self, chunk: Chunk) -> bool:
        if self.orgs is not None and chunk.org not in self.orgs:
            return False
        return self.years is None or chunk.year in self.years


class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors (so inner product is cosine similarity)."""

    name: str
    dimension: int

    def embed_documents(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class Retriever(Protocol):
    """Dense, lexical and hybrid retrievers share this one signature."""

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]: ...


class VectorSearch(Retriever, Protocol):
    """Dense retrieval in one vector space (FAISS in files, pgvector in PostgreSQL)."""

    def search_vector(self, vector: np.ndarray, k: int = 10, filters: Filters | None = None) -> list[Hit]: ...


class SentenceSource(Protocol):
    """The vectors of the sentences of chunk ``row`` (answers quote sentences without embedding them)."""

    def of_chunk(self, row: int) -> np.ndarray: ...


@dataclass(frozen=True)
class FusionWeights:
    """How hybrid retrieval weighs its runs and boosts (index/hybrid.py; the stores' ``fused`` take it)."""

    dense: float = 1.0
    lexical: float = 1.0
    rrf_k: int = 60
    candidates: int = 50
    org_section: float = 0.5  # chunk belongs to the institute the question names
    org_mention: float = 0.25  # chunk text names that institute
    year: float = 0.2  # chunk's report covers the year the question names
    name: float = 0.2  # chunk's text holds a name the question coins in capitals ("TRACE-LABOUR")
    rerank_candidates: int = 20  # how many fused hits the optional cross-encoder re-scores
