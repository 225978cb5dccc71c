"""Floor 2: Chunks -> a searchable store on disk; a question -> Hits. Knows nothing of HTTP."""

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
