"""Floor 1: files -> cleaned, structured Documents -> Chunks. Knows nothing of indexes or HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names

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

# Loaded on first use (ingest/lazy.py).
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
__getattr__ = lazy_names(__name__, _MODULE_OF)
