"""Second stage: an optional cross-encoder that re-scores the fused candidates.

No cross-encoder with bundled weights exists on PyPI, so this is a slot: ``PNI_RERANKER`` names the
directory of any sentence-transformers CrossEncoder the user has on disk. Off by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .errors import ModelError
from .types import Hit

__all__ = ["Reranker", "CrossEncoderReranker"]


class Reranker(Protocol):
    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]: ...


class CrossEncoderReranker:
    """Re-scores (query, passage) pairs with a local CrossEncoder; the hits come back best first."""

    def __init__(self, path: Path, batch_size: int = 16) -> None:
        if not Path(path).is_dir():
            raise ModelError(
                f"PNI_RERANKER={path} is not a directory: point it at a sentence-transformers CrossEncoder "
                "saved on disk, or unset it (reranking is optional)."
            )
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(str(path), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelError(f"Cannot load the cross-encoder at {path}: {exc}") from exc
        self.name = str(path)
        self.batch_size = batch_size

    def rerank(self, query: str, hits: Sequence[Hit]) -> list[Hit]:
        if not hits:
            return []
        scores = self._model.predict(
            [(query, hit.chunk.text) for hit in hits], batch_size=self.batch_size, show_progress_bar=False
        )
        rescored = [Hit(hit.chunk, float(score)) for hit, score in zip(hits, scores, strict=True)]
        return sorted(rescored, key=lambda h: -h.score)
