"""A deterministic embedder for fast tests: hashed bag of words, L2-normalised (haystack's habit)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence

import numpy as np


class HashEmbedder:
    def __init__(self, name: str = "fake-hash", dimension: int = 64) -> None:
        self.name = name
        self.dimension = dimension
        self.calls = 0  # texts embedded so far, to see what incremental ingest re-embeds

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_documents(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        self.calls += len(texts)
        if on_batch and texts:
            on_batch(len(texts))
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)
