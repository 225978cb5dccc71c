"""The chat page: plain HTML, CSS and an ES module in ``static/``, served by the API app at ``/``."""

from pathlib import Path

STATIC = Path(__file__).parent / "static"
