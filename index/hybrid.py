"""Hybrid retrieval over the reports: BM25 and dense fused, then boosted by institute and year.

Acronyms ("HEUNI") are rare in the passages, which say "the Institute"; the chunk's context path
carries the institute's names, and a question naming an institute lifts that institute's chunks
(and chunks that mention it) above the rest.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from ingest.orgs import find_orgs
from ingest.periods import named_periods
from ingest.types import Chunk

from .fusion import best_possible
from .query import QueryInfo, analyze_query
from .rerank import Reranker
from .store import StoreBase
from .types import Filters, FusionWeights, Hit

__all__ = ["FusionWeights", "HybridRetriever"]


class HybridRetriever:
    def __init__(
        self, store: StoreBase, weights: FusionWeights | None = None, reranker: Reranker | None = None
    ) -> None:
        self.store = store
        self.weights = weights or FusionWeights()
        self.reranker = reranker  # optional second stage over the fused top candidates

    def analyze(self, query: str) -> QueryInfo:
        """``query``'s institutes, years and language, read with what the store knows (its acronyms, publishers
        and fiscal-year labels)."""
        return analyze_query(query, self.store.acronyms, self.store.publishers, self.store.fiscal_starts)

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.search_info(query, self.analyze(query), k, filters)

    def search_info(
        self,
        query: str,
        info: QueryInfo,
        k: int = 10,
        filters: Filters | None = None,
        vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """Fused, boosted hits; pass the query's ``vector`` when the caller already has it."""
        w = self.weights
        space = self.store.space_for(info.language)
        if vector is None:
            vector = space.embedder.embed_query(query)
        # Also rank within the named institutes' own chunks, so they are candidates at all.
        own = Filters(orgs=frozenset(info.orgs), years=filters.years if filters else None) if info.orgs else None
        fused = self.store.fused(space, vector, f"{query} {info.expansion}", filters, own, w)
        top = best_possible(w, own_runs=own is not None)
        coined = _coined_names(query, self.store.acronyms)
        scored = [Hit(chunk, score / top + self._boost(chunk, info, coined)) for chunk, score in fused]
        scored.sort(key=lambda h: -h.score)
        if self.reranker is not None:
            head = self.reranker.rerank(query, scored[: self.weights.rerank_candidates])
            return (head + scored[len(head) :])[:k]
        return scored[:k]

    def _boost(self, chunk: Chunk, info: QueryInfo, coined: Sequence[str] = ()) -> float:
        w = self.weights
        boost = 0.0
        if info.orgs:
            if chunk.org in info.orgs:
                boost += w.org_section
            # Naming an asked institute other than its own: "When did the AIC renew its MOU with TIJ?" is
            # answered in the AIC's section by the passage naming TIJ, above the rest of either section.
            if any(key in chunk.mentions for key in info.orgs if key != chunk.org):
                boost += w.org_mention
        if info.years and (chunk.covers(info.years) or _names_period(chunk.text, info.years, info.fiscal_starts)):
            boost += w.year
        if any(name in chunk.text for name in coined):  # "TRACE-LABOUR": the passages on that project
            boost += w.name
        return boost


# A name coined in capitals: a project's or a survey's ("TRACE-LABOUR", "RE-JUST", "DUMA"), not a sentence's first
# word. Written so, it is written so in the passages too; its words alone are common ("trace", "labour").
_COINED = re.compile(r"\b[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*\b")


def _coined_names(query: str, acronyms: Mapping[str, str]) -> list[str]:
    """The names in capitals that ``query`` uses, other than a body's acronym (which lifts that body's passages
    already) and words of three letters or fewer ("EU", "USD")."""
    return [name for name in _COINED.findall(query) if len(name) > 3 and name not in acronyms and not find_orgs(name)]


def _names_period(text: str, years: tuple[int, ...], fiscal_starts: bool = False) -> bool:
    """Does ``text`` name exactly the period asked ("233 homicide incidents in 2017–18", in the 2019–20 report)?
    A report gives earlier years' figures beside its own; a passage naming the period asked is of it as much as
    one in a report that covers it.

    Every period a text names holds a year written out, or its last two figures ("FY19"): a text without one
    of the asked years' is not read for periods (a third of a millisecond a passage, for every candidate)."""
    if not any(str(year)[-2:] in text for year in years):
        return False
    return any(period == years for period in named_periods(text, fiscal_starts))
