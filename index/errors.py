"""The errors of floor 2 (the index and the models), under the root in ingest/errors.py."""

from __future__ import annotations

from ingest.errors import PNIError

__all__ = [
    "IndexError_",
    "IndexNotFoundError",
    "IndexCorruptError",
    "IndexMismatchError",
    "DatabaseError",
    "ModelError",
]


class IndexError_(PNIError):  # trailing underscore: do not shadow the builtin IndexError
    status = 503


class IndexNotFoundError(IndexError_):
    pass


class IndexCorruptError(IndexError_):
    pass


class IndexMismatchError(IndexError_):
    pass


class DatabaseError(IndexError_):
    """The PostgreSQL backend cannot be used: unreachable, without pgvector, or a newer schema."""


class ModelError(PNIError):
    status = 500
