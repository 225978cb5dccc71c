"""Citations: a passage as the user sees it cited, with its report, section, institute, year and place."""

from __future__ import annotations

from index.types import Hit
from ingest.types import Chunk

from .types import Citation

__all__ = ["cite", "citation_for_hit"]


def cite(n: int, chunk: Chunk, score: float) -> Citation:
    """Citation [n] of ``chunk``, with where it is in its report."""
    return Citation(
        n=n,
        chunk_id=chunk.chunk_id,
        doc_id=chunk.doc_id,
        title=chunk.title,
        section=chunk.section,
        org=chunk.org,
        year=chunk.year,
        page=chunk.page,
        paragraph=chunk.paragraph,
        text=chunk.text,
        score=round(float(score), 4),
        start=chunk.start,
        end=chunk.end,
    )


def citation_for_hit(n: int, hit: Hit) -> Citation:
    """Citation [n] of a retrieved passage."""
    return cite(n, hit.chunk, hit.score)
