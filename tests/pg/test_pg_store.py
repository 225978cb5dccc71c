"""The PostgreSQL + pgvector backend on a real server: schema on first use, incremental ingest in one
transaction, retrieval in SQL that ranks like the file backend, clear errors."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import pytest

from index.build import update_index
from index.errors import DatabaseError, IndexMismatchError, IndexNotFoundError
from index.hybrid import HybridRetriever
from index.pg_build import update_database
from index.pg_schema import SCHEMA_VERSION, connect
from index.pg_store import database_generation, load_database
from index.store import load_index
from index.types import Filters
from tests.conftest import PNI, ROOT
from tests.fakes import HashEmbedder


def _load(url: str, embedder: HashEmbedder):  # type: ignore[no-untyped-def]
    return load_database(url, lambda _: embedder, embedder.name)


def _meta(url: str) -> dict[str, str]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT key, value FROM pni_meta").fetchall())


def test_schema_is_made_on_first_use_and_versioned(database_url: str, corpus_copy: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="has no pni index yet: run `pni ingest corpus/`"):
        _load(database_url, HashEmbedder())
    report = update_database(database_url, [corpus_copy], HashEmbedder())
    assert report.written and report.documents == 2 and report.chunks > 50
    meta = _meta(database_url)
    assert meta["schema_version"] == str(SCHEMA_VERSION) and meta["model"] == "fake-hash"
    assert meta["generation"] == "1" and meta["chunks"] == str(report.chunks)
    with psycopg.connect(database_url) as conn:
        indexes = {row[0] for row in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'pni_chunks'")}
        tsv = conn.execute(
            "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'pni_chunks'::regclass AND attname = 'tsv'"
        ).fetchone()
    assert any("USING hnsw (embedding vector_ip_ops)" in i for i in indexes)
    assert any("USING gin (tsv)" in i for i in indexes)
    assert tsv == ("s",)  # a stored generated column


def test_incremental_ingest_skips_replaces_removes_and_bumps_generation(database_url: str, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    (corpus_copy / "extra.md").write_text("# ICPC note 2020\n\nIn 2020 the Centre opened a lab in Montreal.\n")
    assert len(update_database(database_url, [corpus_copy], embedder).added) == 3
    calls = embedder.calls
    again = update_database(database_url, [corpus_copy], embedder)
    assert not again.written and len(again.unchanged) == 3 and embedder.calls == calls
    assert database_generation(database_url) == "1"  # nothing changed: replicas are not told to reload

    (corpus_copy / "extra.md").write_text("# ICPC note 2020\n\nIn 2020 the Centre opened a safety lab in Quebec.\n")
    changed = update_database(database_url, [corpus_copy], embedder)
    assert [Path(s).name for s in changed.updated] == ["extra.md"] and embedder.calls - calls == 2
    assert database_generation(database_url) == "2"
    store = _load(database_url, embedder)
    assert any("Quebec" in c.text for c in store.chunks) and not any("Montreal." in c.text for c in store.chunks)
    hits = store.bm25.search("safety lab Quebec", 3)
    assert hits and hits[0].chunk.text.endswith("safety lab in Quebec.")
    store.close()

    (corpus_copy / "extra.md").unlink()
    removed = update_database(database_url, [corpus_copy], embedder)
    assert [Path(s).name for s in removed.removed] == ["extra.md"] and removed.documents == 2
    with psycopg.connect(database_url) as conn:
        # Document frequencies, kept up to date from what each ingest removed and added, equal a full count.
        kept = dict(conn.execute("SELECT lexeme, df FROM pni_terms").fetchall())
        full = dict(conn.execute("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM pni_chunks')").fetchall())
    assert kept == full and kept["heuni"] > 0


def test_sql_retrieval_ranks_like_the_file_backend(database_url: str, corpus_copy: Path, tmp_path: Path) -> None:
    embedder = HashEmbedder()
    update_database(database_url, [corpus_copy], embedder)
    update_index(tmp_path / "index", [corpus_copy], embedder)
    pg = _load(database_url, embedder)
    files = load_index(tmp_path / "index", lambda _: embedder, embedder.name)
    assert [c.chunk_id for c in pg.chunks] == [c.chunk_id for c in files.chunks]
    questions = [
        "What did HEUNI do in 2020?",
        "UNAFEI training courses",
        "victims of trafficking",
        "international forum 2023",
        "cybercrime capacity building",
    ]
    for question in questions:
        dense_pg = pg.dense.search(question, 10)
        dense_files = files.dense.search(question, 10)
        # Exact at this size (HNSW with a wide candidate list): the same similarities, in the same order
        # (which of two chunks with equal similarity comes first may differ).
        assert np.allclose([h.score for h in dense_pg], [h.score for h in dense_files], atol=1e-5), question
        assert dense_pg[0].chunk.chunk_id == dense_files[0].chunk.chunk_id or dense_pg[0].score == dense_files[1].score
        lexical_pg = pg.bm25.search(question, 10)
        lexical_files = files.bm25.search(question, 10)
        # The same analyzer and BM25 formula (bm25s's Lucene variant) in SQL: the same scores.
        assert np.allclose([h.score for h in lexical_pg], [h.score for h in lexical_files], rtol=1e-4), question
        hybrid_pg = [h.chunk.chunk_id for h in HybridRetriever(pg).search(question, 5)]
        hybrid_files = [h.chunk.chunk_id for h in HybridRetriever(files).search(question, 5)]
        assert hybrid_pg == hybrid_files, question
    pg.close()


def test_filters_are_applied_in_sql(database_url: str, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    update_database(database_url, [corpus_copy], embedder)
    store = _load(database_url, embedder)
    only = Filters(orgs=frozenset({"HEUNI"}), years=frozenset({2020}))
    for hits in (store.dense.search("training", 10, only), store.bm25.search("training", 10, only)):
        assert hits and all(h.chunk.org == "HEUNI" and h.chunk.year == 2020 for h in hits)
    assert store.dense.search("training", 10, Filters(years=frozenset({1999}))) == []
    store.close()


def test_sentence_vectors_round_trip(database_url: str, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    update_database(database_url, [corpus_copy], embedder)
    store = _load(database_url, embedder)
    row = next(i for i, c in enumerate(store.chunks) if c.text.count(". ") > 2)
    stored = store.sentences.of_chunk(row)
    assert stored.shape[1] == 64 and len(stored) > 1
    assert np.allclose(np.linalg.norm(stored, axis=1), 1.0, atol=1e-5)
    store.close()


def test_another_model_is_refused_with_the_fix(database_url: str, corpus_copy: Path) -> None:
    update_database(database_url, [corpus_copy], HashEmbedder())
    with pytest.raises(IndexMismatchError, match="set PNI_MODEL=fake-hash, or rebuild"):
        load_database(database_url, lambda _: HashEmbedder("other"), "other")
    with pytest.raises(IndexMismatchError, match="built with model 'fake-hash'"):
        update_database(database_url, [corpus_copy], HashEmbedder("other", 32))
    # --rebuild starts over with the new model, even with vectors of another size.
    report = update_database(database_url, [corpus_copy], HashEmbedder("other", 32), rebuild=True)
    assert report.written and _meta(database_url)["dimension"] == "32"


def test_unreachable_database_says_what_to_check(tmp_path: Path) -> None:
    url = f"postgresql://nobody@/pni?host={tmp_path}"  # no server listens on this socket directory
    with pytest.raises(DatabaseError, match="Cannot connect to the database at PNI_DATABASE_URL.*Is PostgreSQL"):
        update_database(url, [tmp_path], HashEmbedder())


def test_missing_extension_says_how_to_get_it(pg_server: Any, database_url: str) -> None:
    # pgvector is not a trusted extension: a plain user cannot create it, as on many managed servers.
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS plain")
        conn.execute("CREATE ROLE plain LOGIN")
        conn.execute("GRANT ALL ON SCHEMA public TO plain")
    plain = database_url.replace("postgres:@", "plain:@", 1)
    assert plain != database_url
    with pytest.raises(DatabaseError, match="pgvector extension is missing.*CREATE EXTENSION vector"):
        with connect(plain):
            pass


def test_pni_status_reads_the_database(database_url: str, corpus_copy: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "PNI_DATABASE_URL": database_url}

    def status() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PNI), "status"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)

    empty = status()
    assert empty.returncode == 1 and "has no pni index yet: run `pni ingest corpus/`" in empty.stderr
    update_database(database_url, [corpus_copy], HashEmbedder())
    filled = status()
    assert filled.returncode == 0, filled.stderr
    assert "2 documents" in filled.stdout and "model fake-hash (64-d)" in filled.stdout
    assert "postgres:***@" in filled.stdout or "postgres:@" not in filled.stdout  # no password shown
