"""The root of pni-assistant's error tree, and the errors of floor 1 (reading files).

Every error a user can cause or meet derives from ``PNIError``; each carries an HTTP-like ``status``
(datasette's habit) so the CLI can pick an exit code and the API a response code from one place. Each
floor adds its own branch under this root, so a floor only knows the floors below it::

    PNIError                      status   defined in
    ├── InputError                  400    ingest/errors.py   a file or request we cannot use
    │   ├── UnreadableFileError     422    ingest/errors.py   corrupt, encrypted, empty, no text layer, unknown type
    │   ├── QuestionError           422    api/errors.py      empty / oversized question, bad k
    │   └── SettingsError           400    api/errors.py      a PNI_* setting or a flag out of range (exit code 2)
    ├── IndexError_                 503    index/errors.py    the index is missing or cannot be used
    │   ├── IndexNotFoundError      503    index/errors.py    nothing at index_dir: run `pni ingest`
    │   ├── IndexCorruptError       503    index/errors.py    files missing or checksums wrong
    │   ├── IndexMismatchError      503    index/errors.py    built with another model / format version
    │   └── DatabaseError           503    index/errors.py    PNI_DATABASE_URL unreachable, no pgvector, newer schema
    ├── ModelError                  500    index/errors.py    the embedding model cannot be loaded
    ├── DocumentNotFoundError       404    api/errors.py
    ├── AuthError                   401    api/errors.py      PNI_API_KEY is set and the request lacks it
    └── WriterError                 502    api/errors.py      the LLM writer's server failed (falls back to extractive)

Messages name the bad value and the fix, e.g.
"No index at data/index: run `pni ingest corpus/` to build one."
Anything else that escapes is a bug: the API answers it with a JSON 500 carrying an id that is also in
the server log (api/failures.py), never with a stack trace.
"""

from __future__ import annotations

__all__ = ["PNIError", "InputError", "UnreadableFileError"]


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
