"""Floor 2: Chunks -> a searchable store on disk; a question -> Hits. Knows nothing of HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ingest.lazy import lazy_names

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

# Loaded on first use (ingest/lazy.py).
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
__getattr__ = lazy_names(__name__, _MODULE_OF)
