"""`pni ingest` into PostgreSQL: the same incremental rules as the file index, in one transaction.

Unchanged files are skipped, changed ones replaced, vanished ones removed; only new chunks are embedded.
Everything lands in one transaction under an advisory lock (a second ingest waits), so replicas see the
old collection or the new one, never half of each; the generation goes up on commit and replicas reload.
Document frequencies for BM25 (pni_terms) are kept up to date from the chunks removed and added.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import InputError
from ingest.loaders import DEFAULT_MAX_TEXT_MB
from ingest.pipeline import ingest_paths
from ingest.sentences import split_sentences
from ingest.split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE
from ingest.types import Chunk

from .build import BuildReport, embed_chunks, plan_changes, stale_files, up_to_date
from .errors import IndexMismatchError
from .lexical import stem_terms
from .pg_schema import SPACES, connect, ensure_space, migrate
from .sentences import SentenceVectors
from .store import IndexStore, chunk_from_dict, chunk_to_dict, document_from_dict, document_to_dict, index_text
from .types import Embedder

__all__ = ["update_database", "copy_store", "Embedded"]

# chunk -> (chunk vector, sentence vectors) in one space
Embedded = dict[str, tuple[np.ndarray, np.ndarray]]


def update_database(
    url: str,
    paths: Sequence[Path],
    embedder: Embedder,
    rebuild: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
    on_file: Callable[[Path], None] | None = None,
    on_embed_start: Callable[[int], None] | None = None,
    on_embed_batch: Callable[[int], None] | None = None,
    multilingual: Embedder | None = None,
    max_text_mb: int = DEFAULT_MAX_TEXT_MB,
) -> BuildReport:
    """Bring the index in the database at ``url`` up to date with the files under ``paths``."""
    with connect(url) as conn:
        migrate(conn)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('pni-ingest'))")
            meta = _meta(conn)
            if rebuild:
                _clear(conn)
                meta = {k: v for k, v in meta.items() if k in ("schema_version", "generation")}
            elif meta.get("model") and meta["model"] != embedder.name:
                raise IndexMismatchError(
                    f"The database index was built with model '{meta['model']}' but the configured model is "
                    f"'{embedder.name}': set PNI_MODEL={meta['model']}, or rebuild with `pni ingest --rebuild PATH`."
                )
            ensure_space(conn, "main", embedder.dimension)
            if multilingual:
                ensure_space(conn, "ml", multilingual.dimension)
                if meta.get("multilingual_model") and meta["multilingual_model"] != multilingual.name:
                    conn.execute("UPDATE pni_chunks SET embedding_ml = NULL, sentences_ml = NULL")

            previous = [document_from_dict(r[0]) for r in conn.execute("SELECT data FROM pni_documents")]
            known = up_to_date(previous)
            result = ingest_paths(
                [*paths, *stale_files(previous, paths)], known, chunk_size, chunk_overlap, on_file, max_text_mb
            )
            report, _ = plan_changes(previous, result, paths)
            gone = report.updated + report.rederived + report.removed
            new_docs = [doc for doc, _ in result.parsed]
            new_chunks = [c for _, chunks in result.parsed for c in chunks]

            if gone:
                _count_terms(conn, "SELECT c.tsv FROM pni_chunks c WHERE c.source = ANY(%s)", gone, sign=-1)
                conn.execute("DELETE FROM pni_documents WHERE source = ANY(%s)", (gone,))
            # Chunks kept from earlier ingests that lack this space's vectors (multilingual turned on since).
            lacking = (
                [chunk_from_dict(r[0]) for r in conn.execute("SELECT data FROM pni_chunks WHERE embedding_ml IS NULL")]
                if multilingual
                else []
            )
            ml_name = multilingual.name if multilingual else ""
            if not new_docs and not gone and not lacking and meta.get("multilingual_model", "") == ml_name:
                report.documents, report.chunks = _counts(conn)
                return report  # nothing changed: the generation stays, replicas keep what they have

            if on_embed_start:
                work = len(new_chunks) + _sentence_count(new_chunks)
                if multilingual:
                    work += len(new_chunks) + len(lacking)
                on_embed_start(work)
            main = embed_chunks(embedder, new_chunks, on_embed_batch)
            # The multilingual space's sentences are embedded when an answer reads them (SentencesOnDemand).
            ml = (
                embed_chunks(multilingual, new_chunks + lacking, on_embed_batch, sentences=False)
                if multilingual
                else {}
            )

            _insert(conn, new_docs, new_chunks, main, ml)
            if lacking:
                with conn.cursor() as cur:
                    cur.executemany(
                        "UPDATE pni_chunks SET embedding_ml = %s, sentences_ml = %s WHERE chunk_id = %s",
                        [(ml[c.chunk_id][0], _bytes(ml[c.chunk_id][1]), c.chunk_id) for c in lacking],
                    )
            if new_chunks:
                ids = [c.chunk_id for c in new_chunks]
                _count_terms(conn, "SELECT c.tsv FROM pni_chunks c WHERE c.chunk_id = ANY(%s)", ids, sign=1)
            documents, chunks = _counts(conn)
            avgdl = conn.execute("SELECT coalesce(avg(doc_len), 1) FROM pni_chunks").fetchone()
            _set_meta(
                conn,
                {
                    "model": embedder.name,
                    "dimension": str(embedder.dimension),
                    "multilingual_model": ml_name,
                    "generation": str(int(meta.get("generation", "0")) + 1),
                    "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "chunks": str(chunks),
                    "avgdl": f"{float(avgdl[0] if avgdl else 1):.6f}",
                },
            )
        report.documents, report.chunks, report.written = documents, chunks, True
        return report


def _insert(conn: Any, documents: Sequence[Any], chunks: Sequence[Chunk], main: Embedded, ml: Embedded) -> None:
    source_of = {doc.doc_id: doc.source for doc in documents}
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pni_documents (doc_id, source, content_hash, data) VALUES (%s, %s, %s, %s::jsonb)",
            [(d.doc_id, d.source, d.content_hash, _json(document_to_dict(d))) for d in documents],
        )
        vector, sentences = SPACES["main"]
        ml_vector, ml_sentences = SPACES["ml"]
        columns = f"{vector}, {sentences}" + (f", {ml_vector}, {ml_sentences}" if ml else "")
        values = "%(vector)s, %(sentences)s" + (", %(ml_vector)s, %(ml_sentences)s" if ml else "")
        cur.executemany(
            "INSERT INTO pni_chunks (chunk_id, doc_id, source, start_offset, org, year, data, search_terms, doc_len, "
            f"{columns}) VALUES (%(chunk_id)s, %(doc_id)s, %(source)s, %(start)s, %(org)s, %(year)s, "
            f"%(data)s::jsonb, %(search_terms)s, %(doc_len)s, {values})",
            [
                {
                    "chunk_id": c.chunk_id,
                    "doc_id": c.doc_id,
                    "source": source_of[c.doc_id],
                    "start": c.start,
                    "org": c.org,
                    "year": c.year,
                    "data": _json(chunk_to_dict(c)),
                    **_search_terms(c),
                    "vector": main[c.chunk_id][0],
                    "sentences": _bytes(main[c.chunk_id][1]),
                    **({"ml_vector": ml[c.chunk_id][0], "ml_sentences": _bytes(ml[c.chunk_id][1])} if ml else {}),
                }
                for c in chunks
            ],
        )


def _search_terms(chunk: Chunk) -> dict[str, Any]:
    """The chunk's BM25 terms, from the same analyzer as the file index (index.lexical.stem_terms), so
    both backends rank text identically; PostgreSQL's 'simple' configuration then takes them as they are."""
    terms = stem_terms(index_text(chunk))
    return {"search_terms": " ".join(terms), "doc_len": len(terms)}


def _count_terms(conn: Any, query: str, values: list[str], sign: int) -> None:
    """Add (sign 1) or subtract (-1) the document frequencies of the chunks ``query`` selects."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS pni_changed_tsv (tsv tsvector) ON COMMIT DROP")
    conn.execute("TRUNCATE pni_changed_tsv")
    conn.execute(f"INSERT INTO pni_changed_tsv {query}", (values,))
    conn.execute(
        "INSERT INTO pni_terms (lexeme, df) SELECT word, %s * ndoc FROM ts_stat('SELECT tsv FROM pni_changed_tsv') "
        "ON CONFLICT (lexeme) DO UPDATE SET df = pni_terms.df + EXCLUDED.df",
        (sign,),
    )
    conn.execute("DELETE FROM pni_terms WHERE df <= 0")


def _clear(conn: Any) -> None:
    conn.execute("DELETE FROM pni_documents")  # chunks go with them (ON DELETE CASCADE)
    conn.execute("DELETE FROM pni_terms")
    for vector, sentences in SPACES.values():  # the next model may make vectors of another size
        conn.execute(f"ALTER TABLE pni_chunks DROP COLUMN IF EXISTS {vector}, DROP COLUMN IF EXISTS {sentences}")
    conn.execute("DELETE FROM pni_meta WHERE key NOT IN ('schema_version', 'generation')")


def _meta(conn: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM pni_meta").fetchall()}


def _set_meta(conn: Any, values: dict[str, str]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pni_meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            list(values.items()),
        )


def _counts(conn: Any) -> tuple[int, int]:
    documents = conn.execute("SELECT count(*) FROM pni_documents").fetchone()[0]
    chunks = conn.execute("SELECT count(*) FROM pni_chunks").fetchone()[0]
    return int(documents), int(chunks)


def _sentence_count(chunks: Sequence[Chunk]) -> int:
    return sum(len(split_sentences(c.text)) for c in chunks)


def _bytes(vectors: np.ndarray) -> bytes:
    return np.ascontiguousarray(vectors, dtype="<f4").tobytes()


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


def copy_store(store: IndexStore, url: str) -> BuildReport:
    """Put a file index into an empty database as it is, vectors included (nothing is embedded again):
    the eval suite and the benchmarks compare the two backends on the very same vectors this way."""
    with connect(url) as conn:
        migrate(conn)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('pni-ingest'))")
            if _counts(conn)[0]:
                raise InputError("copy_store fills an empty database: this one already holds documents.")
            ensure_space(conn, "main", store.embedder.dimension)
            main = _space_vectors(store.dense, store.sentences, store.chunks)
            ml: Embedded = {}
            if store.multilingual:
                ensure_space(conn, "ml", store.multilingual.embedder.dimension)
                stored = store.multilingual.sentences
                ml = _space_vectors(
                    store.multilingual.dense, stored if isinstance(stored, SentenceVectors) else None, store.chunks
                )
            _insert(conn, store.documents, store.chunks, main, ml)
            ids = [c.chunk_id for c in store.chunks]
            _count_terms(conn, "SELECT c.tsv FROM pni_chunks c WHERE c.chunk_id = ANY(%s)", ids, sign=1)
            documents, chunks = _counts(conn)
            avgdl = conn.execute("SELECT coalesce(avg(doc_len), 1) FROM pni_chunks").fetchone()
            _set_meta(
                conn,
                {
                    "model": store.embedder.name,
                    "dimension": str(store.embedder.dimension),
                    "multilingual_model": store.multilingual.embedder.name if store.multilingual else "",
                    "generation": "1",
                    "updated_at": store.manifest.created_at,
                    "chunks": str(chunks),
                    "avgdl": f"{float(avgdl[0] if avgdl else 1):.6f}",
                },
            )
    return BuildReport(added=[d.source for d in store.documents], documents=documents, chunks=chunks, written=True)


def _space_vectors(dense: Any, sentences: SentenceVectors | None, chunks: Sequence[Chunk]) -> Embedded:
    """A file index's vectors of one space; sentences none when that space embeds them on demand."""
    none = np.zeros((0, dense.index.d), np.float32)
    return {
        c.chunk_id: (
            np.asarray(dense.index.reconstruct(i), dtype=np.float32),
            sentences.of_chunk(i) if sentences is not None else none,
        )
        for i, c in enumerate(chunks)
    }
