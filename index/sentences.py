"""Vectors of every sentence of every chunk, computed at ingest so answering embeds only the question.

Kept as float16 and memory-mapped at load: a question reads the few blocks of the passages it quotes, so a
collection of a million chunks (about three million sentences) costs pages touched, not 4.6 GB of float32
resident per worker. A unit vector in float16 is within 1e-3 of its float32 self in every cosine, far below
the gaps between the sentences an answer chooses among (the eval's answers are the same either way).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["SentenceVectors", "STORED_DTYPE"]

STORED_DTYPE = np.float16


class SentenceVectors:
    """Row block ``starts[i]:starts[i+1]`` holds the vectors of ``split_sentences(chunks[i].text)``."""

    def __init__(self, starts: np.ndarray, vectors: np.ndarray) -> None:
        self.starts = starts
        self.vectors = vectors  # float16, possibly a read-only memory map

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
        return np.asarray(self.vectors[self.starts[row] : self.starts[row + 1]], dtype=np.float32)

    def blocks(self, rows: Sequence[int]) -> list[np.ndarray]:
        return [self.of_chunk(r) for r in rows]

    def save(self, directory: Path, suffix: str = "") -> None:
        np.save(directory / f"sentences{suffix}.npy", np.asarray(self.vectors, STORED_DTYPE), allow_pickle=False)
        np.save(directory / f"sentence_starts{suffix}.npy", self.starts, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path, suffix: str = "") -> SentenceVectors:
        """Memory-maps the vectors (an index written before float16 loads too, as float32)."""
        return cls(
            np.load(directory / f"sentence_starts{suffix}.npy", allow_pickle=False),
            np.load(directory / f"sentences{suffix}.npy", allow_pickle=False, mmap_mode="r"),
        )
