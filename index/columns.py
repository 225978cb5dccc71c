"""Chunk metadata as columns (numpy arrays built once at load), so a filter is a vectorised comparison and
never a Python pass over every chunk on the answer path."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import faiss
import numpy as np

from ingest.types import Chunk

from .types import Filters

__all__ = ["ChunkColumns", "MaskSelector"]

MASKS_KEPT = 32
_NONE = -1  # the code of a chunk with no organisation or no year: no filter value equals it


@dataclass(frozen=True)
class ChunkColumns:
    """Row i describes chunk i: its organisation as a small integer code and its year."""

    orgs: np.ndarray  # int32 codes into ``org_codes``
    years: np.ndarray  # int32, _NONE when the chunk has no year
    org_codes: dict[str, int]
    _masks: dict[Filters, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    @classmethod
    def of(cls, chunks: Sequence[Chunk]) -> ChunkColumns:
        codes: dict[str, int] = {}
        orgs = np.fromiter(
            (codes.setdefault(c.org, len(codes)) if c.org else _NONE for c in chunks), np.int32, len(chunks)
        )
        years = np.fromiter((c.year if c.year is not None else _NONE for c in chunks), np.int32, len(chunks))
        return cls(orgs, years, codes)

    def __len__(self) -> int:
        return len(self.orgs)

    def mask(self, filters: Filters) -> np.ndarray:
        """True where ``filters`` allows the chunk (the same rule as ``Filters.allows``). A question asks for
        the same filter in both searches, and users ask about the same institutes and years again: the last
        few masks are kept (a megabyte each at a million chunks), read-only."""
        return self._kept(filters)[0]

    def rows(self, filters: Filters) -> np.ndarray:
        """The rows ``filters`` allows, ascending (read-only): an institute and a year are a few hundredths of a
        large collection, and a top-k over them need not pass over every chunk."""
        return self._kept(filters)[1]

    def _kept(self, filters: Filters) -> tuple[np.ndarray, np.ndarray]:
        cached = self._masks.get(filters)
        if cached is None:
            mask = self._compute(filters)
            cached = (mask, np.flatnonzero(mask).astype(np.int32))  # half the memory of int64 rows
            for array in cached:
                array.flags.writeable = False
            with self._lock:  # the server answers in a thread pool
                if len(self._masks) >= MASKS_KEPT:
                    self._masks.pop(next(iter(self._masks)))
                self._masks[filters] = cached
        return cached

    def _compute(self, filters: Filters) -> np.ndarray:
        keep = np.ones(len(self), dtype=bool)
        if filters.orgs is not None:
            wanted = [self.org_codes[o] for o in filters.orgs if o in self.org_codes]
            keep &= np.isin(self.orgs, np.asarray(wanted, dtype=np.int32))
        if filters.years is not None:
            keep &= np.isin(self.years, np.asarray(sorted(filters.years), dtype=np.int32))
        return keep


class MaskSelector:
    """A FAISS ID selector over a boolean mask; keeps the packed bitmap alive as long as the selector."""

    def __init__(self, mask: np.ndarray) -> None:
        self.bitmap = np.packbits(mask, bitorder="little")
        self.selector = faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(self.bitmap))
