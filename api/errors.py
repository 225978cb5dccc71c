"""The errors of floor 3 (questions, settings, HTTP access, the LLM writer), under the root in
ingest/errors.py."""

from __future__ import annotations

from ingest.errors import InputError, PNIError

__all__ = ["QuestionError", "SettingsError", "DocumentNotFoundError", "AuthError", "WriterError"]


class QuestionError(InputError):
    status = 422


class SettingsError(InputError):
    """A PNI_* variable or a command-line flag with a value outside what it allows; the CLI exits 2."""


class DocumentNotFoundError(PNIError):
    status = 404


class AuthError(PNIError):
    status = 401


class WriterError(PNIError):
    """The LLM server failed, timed out or answered in a shape we cannot read."""

    status = 502
