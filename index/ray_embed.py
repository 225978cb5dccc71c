"""Distributed embedding with Ray Data: `pni ingest --ray` (extra `ray`).

``RayEmbedder`` is an Embedder whose ``embed_documents`` runs as a Ray Data ``map_batches`` job over an
actor pool, one model per actor (loading a model is the expensive part, so actors keep theirs between
batches). Everything else in ingest stays as it is: the vectors come back to the driver, in order, and are
written to whichever backend is configured. ``ray.init()`` starts a local Ray with this machine's cores;
with ``RAY_ADDRESS`` set it joins that cluster instead.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ingest.errors import InputError

from .embed import E5Embedder, SentenceTransformerEmbedder
from .types import Embedder

__all__ = ["RayEmbedder", "make_embedder", "INSTALL"]

INSTALL = "pip install 'pni-assistant[ray]'"


def make_embedder(kind: str, model: str) -> Embedder:
    """The embedder an actor builds for itself: "main" (sentence-transformers ``model``) or "e5"."""
    return E5Embedder() if kind == "e5" else SentenceTransformerEmbedder(model)


class _EmbedActor:
    """One model per Ray actor; called with batches of {"i", "text"}, returns {"i", "vector"}."""

    def __init__(self, kind: str, model: str) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # actors never download either
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.embedder = make_embedder(kind, model)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.embed_documents([str(t) for t in batch["text"]])
        return {"i": batch["i"], "vector": np.asarray(vectors, dtype=np.float32)}


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise InputError(f"`pni ingest --ray` needs Ray Data: {INSTALL}.") from exc
    return ray


class RayEmbedder:
    """Embed documents on ``actors`` Ray actors (``batch_size`` texts per call); queries locally."""

    def __init__(self, local: Embedder, kind: str, model: str, actors: int = 2, batch_size: int = 64) -> None:
        self.local = local  # name, dimension and query embedding, in this process
        self.name = local.name
        self.dimension = local.dimension
        self.kind = kind
        self.model = model
        self.actors = actors
        self.batch_size = batch_size
        ray = _ray()
        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no phoning home from an offline machine
            # RAY_ADDRESS (a cluster's head) is read by ray.init itself; without it, a local Ray.
            ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # its per-job INFO lines would bury ours
        ray.data.DataContext.get_current().enable_progress_bars = False  # `pni ingest` shows its own

    def embed_documents(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ray = _ray()
        rows = [{"i": i, "text": text} for i, text in enumerate(texts)]
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // self.batch_size, 64)))
        embedded = dataset.map_batches(
            _EmbedActor,
            fn_constructor_kwargs={"kind": self.kind, "model": self.model},
            batch_size=self.batch_size,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=self.actors),
            num_cpus=1,
        )
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Batches arrive as actors finish them, in any order: the row index puts each vector in its place.
        for batch in embedded.iter_batches(batch_format="numpy", batch_size=None):
            out[np.asarray(batch["i"], dtype=np.int64)] = np.stack(batch["vector"])
            if on_batch:
                on_batch(len(batch["i"]))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.local.embed_query(text)
