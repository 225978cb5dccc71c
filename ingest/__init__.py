"""Floor 1: files -> cleaned, structured Documents -> Chunks. Knows nothing of indexes or HTTP."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import PNIError, UnreadableFileError
    from .orgs import ORGS, Org, find_orgs
    from .pipeline import FileProblem, IngestResult, ingest_paths, read_document
    from .types import Chunk, Document, RawDocument, Section

__all__ = [
    "Chunk",
    "Document",
    "FileProblem",
    "IngestResult",
    "ORGS",
    "Org",
    "PNIError",
    "RawDocument",
    "Section",
    "UnreadableFileError",
    "find_orgs",
    "ingest_paths",
    "read_document",
]

# Loaded on first use (PEP 562): importing one module of the package, as `pni serve` does, need not import
# the rest (the loaders and langchain's splitters cost the server's start-up about a third of a second).
_MODULE_OF = {
    "PNIError": "errors",
    "UnreadableFileError": "errors",
    "ORGS": "orgs",
    "Org": "orgs",
    "find_orgs": "orgs",
    "FileProblem": "pipeline",
    "IngestResult": "pipeline",
    "ingest_paths": "pipeline",
    "read_document": "pipeline",
    "Chunk": "types",
    "Document": "types",
    "RawDocument": "types",
    "Section": "types",
}


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)
