"""The test collection: reports the system has never seen, in the layouts users' collections hold
(SOURCES.md). Its PDFs are rendered from src/ by render.py; the rest are the files as users have them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["COLLECTION", "collection_files"]

COLLECTION = Path(__file__).parent
_AS_IS = (".html", ".md", ".txt")  # web pages and text files, kept as a user would have them


def collection_files(rendered: Path) -> list[Path]:
    """The collection's documents: its PDFs, rendered into ``rendered`` (the same bytes every time, so an
    index over them stays up to date), and its web pages and text files."""
    from .render import render_all

    pdfs = [path for path, _, _ in render_all(rendered)]
    kept = sorted(p for p in COLLECTION.iterdir() if p.suffix in _AS_IS and p.name != "SOURCES.md")
    return pdfs + kept
