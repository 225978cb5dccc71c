"""Which version of each ingestion stage derived a document, so an index knows what an upgrade made stale.

A stage's version is a digest of its source files: any change to how text is read, cleaned, structured,
tagged with organisations or chunked gives a new one, with no number for anyone to remember to raise. The
next `pni ingest` re-derives the documents an older pipeline made; chunks whose text and place come out the
same keep their vectors, so a change that alters nothing costs a re-read, not a re-embedding.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

__all__ = ["STAGES", "pipeline_version", "changed_stages"]

# Stage -> the modules of package `ingest` whose code decides its output.
STAGES: dict[str, tuple[str, ...]] = {
    "loaders": ("loaders.py", "pdf_layout.py", "html_meta.py"),
    "cleaner": ("clean.py", "tables.py"),
    "structure": ("structure.py", "acronyms.py", "periods.py"),
    "organisations": ("orgs.py", "korean_names.py"),
    "chunking": ("split.py", "sentences.py"),
}


@cache
def pipeline_version() -> tuple[tuple[str, str], ...]:
    """(stage, digest of its source) for every stage, in a fixed order."""
    package = resources.files("ingest")
    versions = []
    for stage, files in STAGES.items():
        digest = hashlib.sha256()
        for name in files:
            digest.update((package / name).read_bytes())
        versions.append((stage, digest.hexdigest()[:12]))
    return tuple(versions)


def changed_stages(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """The stages whose version differs (all of them when ``old`` predates versions)."""
    return [stage for stage in STAGES if old.get(stage) != new.get(stage)]
