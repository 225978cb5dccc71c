"""Vectors of every sentence of every chunk, computed at ingest so answering embeds only the question."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["SentenceVectors"]


class SentenceVectors:
    """Row block ``starts[i]:starts[i+1]`` holds the vectors of ``split_sentences(chunks[i].text)``."""

    def __init__(self, starts: np.ndarray, vectors: np.ndarray) -> None:
        self.starts = starts
        self.vectors = vectors

    @classmethod
    def from_blocks(cls, blocks: Sequence[np.ndarray], dimension: int) -> SentenceVectors:
        sizes = [len(b) for b in blocks]
        starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        vectors = np.vstack(blocks).astype(np.float32) if sizes and sum(sizes) else np.zeros((0, dimension), np.float32)
        return cls(starts, vectors)

    def of_chunk(self, row: int) -> np.ndarray:
        return self.vectors[self.starts[row] : self.starts[row + 1]]

    def blocks(self, rows: Sequence[int]) -> list[np.ndarray]:
        return [self.of_chunk(r) for r in rows]

    def save(self, directory: Path, suffix: str = "") -> None:
        np.save(directory / f"sentences{suffix}.npy", self.vectors, allow_pickle=False)
        np.save(directory / f"sentence_starts{suffix}.npy", self.starts, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path, suffix: str = "") -> SentenceVectors:
        return cls(
            np.load(directory / f"sentence_starts{suffix}.npy", allow_pickle=False),
            np.load(directory / f"sentences{suffix}.npy", allow_pickle=False),
        )
