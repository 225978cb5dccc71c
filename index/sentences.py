"""Vectors of every sentence of every chunk: in the main space computed at ingest, so answering an English
question embeds only the question; in the multilingual space embedded when an answer first reads them.

Kept as float16 in a file a question reads the few blocks of the passages it quotes from (pread, through the
page cache), so a collection of a million chunks (about three million sentences) costs no resident memory per
worker, not 4.6 GB of float32. A unit vector in float16 is within 1e-3 of its float32 self in every cosine, far below
the gaps between the sentences an answer chooses among (the eval's answers are the same either way).
"""

from __future__ import annotations

import mmap
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ingest.sentences import split_sentences
from ingest.types import Chunk

from .types import SentenceSource

__all__ = ["SentenceVectors", "SentencesOnDemand", "STORED_DTYPE", "KEEP"]

STORED_DTYPE = np.float16
KEEP = 4096  # chunks whose sentence vectors a SentencesOnDemand keeps (about 18 MB of float32 at 384-d)


class SentenceVectors:
    """Row block ``starts[i]:starts[i+1]`` holds the vectors of ``split_sentences(chunks[i].text)``."""

    def __init__(self, starts: np.ndarray, vectors: np.ndarray) -> None:
        self.starts = starts
        self.vectors = vectors  # float16, possibly a read-only memory map
        # A mapped file's blocks are read from the file, not through the map: pages touched through a map stay
        # in the worker's resident memory, with those the kernel maps around them (at 1M chunks a worker grew
        # past 4 GB in 250 questions); read, they are in the page cache, shared and given back under pressure.
        self._fd: int | None = None
        if isinstance(vectors, np.memmap) and vectors.filename and hasattr(os, "pread"):  # not on Windows
            self._fd = os.open(vectors.filename, os.O_RDONLY)
            weakref.finalize(self, os.close, self._fd)
            self._row_bytes = vectors.shape[1] * vectors.dtype.itemsize
            if hasattr(os, "posix_fadvise"):  # a few blocks scattered over the file: no read-ahead around each
                os.posix_fadvise(self._fd, 0, 0, os.POSIX_FADV_RANDOM)

    @classmethod
    def from_blocks(cls, blocks: Sequence[np.ndarray], dimension: int) -> SentenceVectors:
        sizes = [len(b) for b in blocks]
        starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        if sizes and sum(sizes):
            vectors = np.vstack(blocks).astype(STORED_DTYPE)
        else:
            vectors = np.zeros((0, dimension), STORED_DTYPE)
        return cls(starts, vectors)

    def of_chunk(self, row: int) -> np.ndarray:
        """Chunk ``row``'s sentence vectors as float32 (a copy: the stored rows may be a read-only map)."""
        start, end = int(self.starts[row]), int(self.starts[row + 1])
        if self._fd is None:
            return np.asarray(self.vectors[start:end], dtype=np.float32)
        assert isinstance(self.vectors, np.memmap)
        offset = self.vectors.offset + start * self._row_bytes
        data = os.pread(self._fd, (end - start) * self._row_bytes, offset)
        return np.frombuffer(data, self.vectors.dtype).reshape(end - start, self.vectors.shape[1]).astype(np.float32)

    def blocks(self, rows: Sequence[int]) -> list[np.ndarray]:
        return [self.of_chunk(r) for r in rows]

    def save(self, directory: Path, suffix: str = "") -> None:
        np.save(directory / f"sentences{suffix}.npy", np.asarray(self.vectors, STORED_DTYPE), allow_pickle=False)
        np.save(directory / f"sentence_starts{suffix}.npy", self.starts, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path, suffix: str = "") -> SentenceVectors:
        """Memory-maps the vectors (an index written before float16 loads too, as float32); questions read their
        blocks from the file (``of_chunk``), and the map, for whole-array reads, is advised random too: by default
        a page fault on a file not in the page cache reads 128 KB around it (at a million chunks, cold: 950 us a
        chunk, 120 us advised)."""
        vectors = np.load(directory / f"sentences{suffix}.npy", allow_pickle=False, mmap_mode="r")
        if isinstance(vectors.base, mmap.mmap) and hasattr(mmap, "MADV_RANDOM"):  # not on Windows
            vectors.base.madvise(mmap.MADV_RANDOM)
        return cls(np.load(directory / f"sentence_starts{suffix}.npy", allow_pickle=False), vectors)


class SentencesOnDemand:
    """A space's sentence vectors embedded when an answer first reads a chunk's, then kept (least recently
    read dropped first).

    Why: multilingual-e5's sentence vectors serve only questions asked in another language, or English ones
    on reports in another language, and embedding every sentence of a collection at ingest took a third of a
    multilingual ingest. Such a question reads the sentences of some twenty passages, about a quarter of a
    second to embed the first time. Rounded to float16 as stored ones are, so answers do not depend on which
    way a vector came. ``stored`` (a database's column, empty for chunks ingested this way) is read first.
    """

    def __init__(
        self,
        chunks: Sequence[Chunk],
        embed: Callable[[list[str]], np.ndarray],
        dimension: int,
        stored: SentenceSource | None = None,
        keep: int = KEEP,
    ) -> None:
        self.chunks = chunks
        self.embed = embed
        self.dimension = dimension
        self.stored = stored
        self.keep = keep
        self._kept: OrderedDict[int, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def of_chunk(self, row: int) -> np.ndarray:
        with self._lock:
            if row in self._kept:
                self._kept.move_to_end(row)
                return self._kept[row]
        sentences = split_sentences(self.chunks[row].text)
        vectors = self.stored.of_chunk(row) if self.stored is not None else None
        if vectors is None or len(vectors) != len(sentences):
            vectors = np.zeros((0, self.dimension), np.float32)
            if sentences:  # embedded outside the lock: two threads may both embed one chunk, never wait on it
                vectors = np.asarray(self.embed(sentences), STORED_DTYPE).astype(np.float32)
        with self._lock:
            self._kept[row] = vectors
            if len(self._kept) > self.keep:
                self._kept.popitem(last=False)
        return vectors
