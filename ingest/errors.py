"""The one error tree of pni-assistant.

Every error a user can cause or meet derives from ``PNIError``; each carries an HTTP-like ``status``
(datasette's habit) so the CLI can pick an exit code and the API a response code from one place::

    PNIError                      status
    ├── InputError                  400   a file or request we cannot use
    │   ├── UnreadableFileError     422   corrupt, encrypted, empty, no text layer, unknown type
    │   └── QuestionError           422   empty / oversized question, bad k
    ├── IndexError_                 503   the index is missing or cannot be used
    │   ├── IndexNotFoundError      503   nothing at index_dir: run `pni ingest`
    │   ├── IndexCorruptError       503   files missing or checksums wrong
    │   ├── IndexMismatchError      503   built with another model / format version
    │   └── DatabaseError           503   PNI_DATABASE_URL unreachable, no pgvector, newer schema
    ├── DocumentNotFoundError       404
    ├── AuthError                   401   PNI_API_KEY is set and the request lacks it
    ├── WriterError                 502   the LLM writer's server failed (answers fall back to extractive)
    └── ModelError                  500   the embedding model cannot be loaded

Messages name the bad value and the fix, e.g.
"No index at data/index: run `pni ingest corpus/` to build one."
"""

from __future__ import annotations

__all__ = [
    "PNIError",
    "InputError",
    "UnreadableFileError",
    "QuestionError",
    "IndexError_",
    "IndexNotFoundError",
    "IndexCorruptError",
    "IndexMismatchError",
    "DatabaseError",
    "DocumentNotFoundError",
    "ModelError",
    "AuthError",
    "WriterError",
]


class PNIError(Exception):
    """Root of every error pni-assistant raises on purpose."""

    status: int = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(PNIError):
    status = 400


class UnreadableFileError(InputError):
    """A file that cannot be ingested; ``reason`` is the short, user-facing cause."""

    status = 422

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QuestionError(InputError):
    status = 422


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


class DocumentNotFoundError(PNIError):
    status = 404


class ModelError(PNIError):
    status = 500


class AuthError(PNIError):
    status = 401


class WriterError(PNIError):
    """The LLM server failed, timed out or answered in a shape we cannot read."""

    status = 502
