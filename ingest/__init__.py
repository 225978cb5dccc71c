"""Floor 1: files -> cleaned, structured Documents -> Chunks. Knows nothing of indexes or HTTP."""

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
