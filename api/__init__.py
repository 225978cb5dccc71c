"""Floor 3: Hits -> Answers with citations, over HTTP (FastAPI) and the `pni` CLI."""

from .answer import Assistant
from .app import create_app, load_assistant
from .settings import Settings
from .types import Answer, Citation

__all__ = ["Answer", "Assistant", "Citation", "Settings", "create_app", "load_assistant"]
