"""What `pni serve` imports before it is ready is start-up time (goal: ready in 3 s): the loaders, the splitters,
the optional LLM writer's HTTP client and the plotting and database libraries load where they are used, not
when the app is imported."""

from __future__ import annotations

import subprocess
import sys

NOT_AT_START = (
    "httpx",
    "langchain_text_splitters",
    "pypdf",
    "trafilatura",
    "pdfplumber",
    "matplotlib",
    "psycopg",
    "kiwipiepy",  # Korean words (index/korean.py): built by the first Korean text, or ahead for an index holding some
)


def test_importing_the_app_leaves_the_unneeded_libraries_unloaded() -> None:
    probe = "import sys, api.app; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "fastapi" in loaded  # the probe saw the app's imports
    assert loaded.isdisjoint(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
