"""Floor 4: the chat page, served by the app from ``web/static`` (talks to the API over HTTP only)."""

from pathlib import Path

STATIC_DIR = Path(__file__).parent / "static"

__all__ = ["STATIC_DIR"]
