"""Floor 2: Chunks -> a searchable store on disk; a question -> Hits. Knows nothing of HTTP."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import BuildReport, update_index
    from .embed import DEFAULT_MODEL, SentenceTransformerEmbedder, resolve_model_path
    from .hybrid import FusionWeights, HybridRetriever
    from .query import QueryInfo, analyze_query
    from .store import IndexStore, Manifest, load_index, read_manifest, save_index
    from .types import Embedder, Filters, Hit, Retriever

__all__ = [
    "DEFAULT_MODEL",
    "BuildReport",
    "Embedder",
    "Filters",
    "FusionWeights",
    "Hit",
    "HybridRetriever",
    "IndexStore",
    "Manifest",
    "QueryInfo",
    "Retriever",
    "SentenceTransformerEmbedder",
    "analyze_query",
    "load_index",
    "read_manifest",
    "resolve_model_path",
    "save_index",
    "update_index",
]

# Loaded on first use (PEP 562): importing one module of the package, as `pni serve` does, need not import
# the rest (the loaders and langchain's splitters cost the server's start-up about a third of a second).
_MODULE_OF = {
    "BuildReport": "build",
    "update_index": "build",
    "DEFAULT_MODEL": "embed",
    "SentenceTransformerEmbedder": "embed",
    "resolve_model_path": "embed",
    "FusionWeights": "hybrid",
    "HybridRetriever": "hybrid",
    "QueryInfo": "query",
    "analyze_query": "query",
    "IndexStore": "store",
    "Manifest": "store",
    "load_index": "store",
    "read_manifest": "store",
    "save_index": "store",
    "Embedder": "types",
    "Filters": "types",
    "Hit": "types",
    "Retriever": "types",
}


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
