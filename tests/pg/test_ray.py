"""`pni ingest --ray`: chunk and sentence embedding as a Ray Data job on 2 local actors, written to
PostgreSQL, gives the vectors a single process gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import psycopg
import pytest
from pgvector.psycopg import register_vector

from api.answer import Assistant
from tests.conftest import CORPUS, PNI, ROOT

pytestmark = pytest.mark.model


def test_ray_ingest_into_postgres_matches_single_process_embeddings(
    assistant: Assistant, database_url: str, tmp_path: Path
) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "HF_HUB_OFFLINE": "1",
        "PNI_DATABASE_URL": database_url,
        "PNI_MULTILINGUAL": "0",  # the main space is enough to compare; e5 goes through the same code
        # Ray's session directory holds Unix sockets (107-byte path limit): a short one of its own.
        "RAY_TMPDIR": tempfile.mkdtemp(prefix="ray-", dir="/tmp"),
    }
    result = subprocess.run(
        [str(PNI), "ingest", "--ray", "--ray-actors", "2", str(CORPUS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=900,
    )
    shutil.rmtree(env["RAY_TMPDIR"], ignore_errors=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "2 added" in result.stdout
    store = assistant.store
    with psycopg.connect(database_url) as conn:
        register_vector(conn)
        rows = conn.execute("SELECT chunk_id, embedding, sentences FROM pni_chunks").fetchall()
    assert len(rows) == len(store.chunks)
    for chunk_id, vector, sentences in rows:
        row = store.row_of[chunk_id]
        expected = store.dense.index.reconstruct(row)
        assert np.allclose(np.asarray(vector.to_numpy(), dtype=np.float32), expected, atol=1e-5), chunk_id
        got = np.frombuffer(bytes(sentences), dtype="<f4").reshape(-1, store.embedder.dimension)
        # The file index keeps sentence vectors as float16 (index/sentences.py): equal within its rounding.
        assert np.allclose(got, store.sentences.of_chunk(row), atol=2e-3), chunk_id
