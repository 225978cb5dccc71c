"""Serving from PostgreSQL + pgvector: the same store interface as the FAISS files, with retrieval in SQL.

A replica keeps no files: at load it reads the documents and chunks' metadata (what answers quote and the
document views show) and the generation it saw; vectors stay in the database. Each question is one SQL
query that runs vector top-N (HNSW) and full-text top-N (BM25 over the generated tsvector, GIN index),
within the org/year filters, for the whole collection and for the institutes the question names, and
fuses the four rankings by reciprocal rank, as the file backend does in Python. Sentence vectors for the
passages an answer quotes are fetched on demand and cached.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ingest.types import Chunk, Document
from ingest.version import pipeline_version

from .errors import DatabaseError, IndexMismatchError
from .fusion import fuse
from .lexical import stem_terms
from .pg_schema import SCHEMA_VERSION, SPACES, connect, read_meta
from .store import FORMAT_VERSION, Collection, Manifest, VectorSpace, chunk_from_dict, document_from_dict, on_demand
from .types import Embedder, Filters, FusionWeights, Hit

__all__ = ["PgStore", "load_database", "database_generation", "BM25_K1", "BM25_B"]

# bm25s's defaults (the "lucene" variant), so both backends rank text the same way.
BM25_K1 = 1.5
BM25_B = 0.75
EF_SEARCH = 200  # HNSW candidates per scan: above the 50 fused per run, for recall close to exact
SENTENCE_CACHE = 4096  # chunks whose sentence vectors a replica keeps
CONNECT_WAIT = 5.0  # seconds a request waits for a pooled connection


def _filter_sql(alias: str, key: str) -> str:
    """SQL for Filters passed as %(key_orgs)s and %(key_years)s (NULL: no restriction)."""
    return (
        f"(%({key}_orgs)s::text[] IS NULL OR {alias}.org = ANY(%({key}_orgs)s::text[])) AND "
        f"(%({key}_years)s::int[] IS NULL OR {alias}.year = ANY(%({key}_years)s::int[]))"
    )


# The question's terms (analyzed in Python exactly as the chunks were: index.lexical.stem_terms; a term
# twice in the question counts twice, as in bm25s) with their document frequencies (pni_terms, kept by
# each ingest), and BM25 (bm25s's Lucene variant) for every chunk holding one of them (GIN index).
_LEXICAL_CTES = f"""
    terms AS (
        SELECT q.lexeme, q.qtf, d.df::float8 AS df
        FROM (SELECT lexeme, count(*) AS qtf FROM unnest(%(terms)s::text[]) lexeme GROUP BY lexeme) q
        JOIN pni_terms d ON d.lexeme = q.lexeme
    ),
    query_terms AS (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery AS q FROM terms),
    stats AS (SELECT %(n)s::float8 AS n, %(avgdl)s::float8 AS avgdl),
    lexical AS (
        SELECT c.id, c.org, c.year, sum(
            t.qtf * ln(1 + (s.n - t.df + 0.5) / (t.df + 0.5))
            * u.tf / (u.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * c.doc_len / s.avgdl))
        ) AS score
        FROM pni_chunks c
        CROSS JOIN LATERAL (SELECT lexeme, array_length(positions, 1)::float8 AS tf FROM unnest(c.tsv)) u
        JOIN terms t ON t.lexeme = u.lexeme
        CROSS JOIN stats s
        WHERE c.tsv @@ (SELECT q FROM query_terms)
        GROUP BY c.id, c.org, c.year
    )"""


def _dense_run(v: str, key: str, run: int) -> str:
    """One vector top-N ranking as (run, rank, id); ``v`` comes from SPACES, never input."""
    guard = f"%({key}_orgs)s::text[] IS NOT NULL AND " if key == "own" else ""
    return f"""
        SELECT {run} AS run, row_number() OVER (ORDER BY dist, id) AS rank, id FROM (
            SELECT c.id, c.{v} <#> %(vector)s AS dist FROM pni_chunks c
            WHERE {guard}c.{v} IS NOT NULL AND {_filter_sql("c", key)}
            ORDER BY c.{v} <#> %(vector)s LIMIT %(limit)s) dense_{key}"""


def _lexical_run(key: str, run: int) -> str:
    guard = f"%({key}_orgs)s::text[] IS NOT NULL AND " if key == "own" else ""
    return f"""
        SELECT {run} AS run, row_number() OVER (ORDER BY score DESC, id) AS rank, id FROM (
            SELECT l.id, l.score FROM lexical l WHERE {guard}{_filter_sql("l", key)}
            ORDER BY l.score DESC, l.id LIMIT %(limit)s) lexical_{key}"""


@functools.cache  # the statement text depends only on the vector column: built once
def _hybrid_sql(v: str) -> str:
    """Vector and BM25 top-N for ``f`` (the request's filters) and ``own`` (the named institutes; skipped
    when NULL), in one statement: (run, rank, chunk_id), runs 0 and 1 dense and lexical within ``f``, 2 and 3
    within ``own``, for index.fusion to fuse."""
    runs = " UNION ALL ".join(
        [_dense_run(v, "f", 0), _lexical_run("f", 1), _dense_run(v, "own", 2), _lexical_run("own", 3)]
    )
    return f"""
    WITH {_LEXICAL_CTES},
    runs AS ({runs})
    SELECT r.run, r.rank, c.chunk_id
    FROM runs r JOIN pni_chunks c ON c.id = r.id
    ORDER BY r.run, r.rank"""


@functools.cache
def _dense_sql(v: str) -> str:
    return f"""
        SELECT c.chunk_id, -(c.{v} <#> %(vector)s) AS score FROM pni_chunks c
        WHERE c.{v} IS NOT NULL AND {_filter_sql("c", "f")}
        ORDER BY c.{v} <#> %(vector)s LIMIT %(limit)s"""


@functools.cache
def _lexical_sql() -> str:
    return f"""
    WITH {_LEXICAL_CTES}
    SELECT c.chunk_id, l.score FROM lexical l JOIN pni_chunks c ON c.id = l.id
    WHERE {_filter_sql("l", "f")}
    ORDER BY l.score DESC, c.chunk_id LIMIT %(limit)s"""


def _filter_params(key: str, filters: Filters | None) -> dict[str, Any]:
    return {
        f"{key}_orgs": sorted(filters.orgs) if filters and filters.orgs is not None else None,
        f"{key}_years": sorted(filters.years) if filters and filters.years is not None else None,
    }


class _Pool:
    """Connections shared by the request threads: a psycopg pool with pgvector registered and HNSW
    scans set to return enough rows under filters (iterative scan)."""

    def __init__(self, url: str, max_size: int = 8) -> None:
        from pgvector.psycopg import register_vector
        from psycopg_pool import ConnectionPool

        def configure(conn: Any) -> None:
            register_vector(conn)
            conn.execute(f"SET hnsw.ef_search = {EF_SEARCH}")
            conn.execute("SET hnsw.iterative_scan = relaxed_order")
            conn.commit()

        # A request waits at most CONNECT_WAIT for a connection: when the database is down, users get the
        # 503 in seconds instead of psycopg_pool's 30, and the pool keeps reconnecting in the background.
        self.pool = ConnectionPool(
            url, min_size=1, max_size=max_size, configure=configure, open=False, timeout=CONNECT_WAIT
        )
        try:
            self.pool.open(wait=True, timeout=15)
        except Exception as exc:  # noqa: BLE001 - PoolTimeout and connection errors alike
            self.pool.close()
            raise DatabaseError(f"Cannot open connections to the database at PNI_DATABASE_URL: {exc}") from exc

    def rows(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            with self.pool.connection() as conn:
                return list(conn.execute(sql, params).fetchall())  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise DatabaseError(f"The database query failed: {str(exc).strip().splitlines()[0]}") from exc

    def close(self) -> None:
        self.pool.close()


class PgDense:
    """Vector search in one space's column (the Retriever protocol, for baselines and tools)."""

    def __init__(self, store: PgStore, embedder: Embedder, space: str) -> None:
        self.store = store
        self.embedder = embedder
        self.space = space
        self.column = SPACES[space][0]

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        return self.search_vector(self.embedder.embed_query(query), k, filters)

    def search_vector(self, vector: np.ndarray, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        params = {"vector": np.asarray(vector, dtype=np.float32), "limit": k, **_filter_params("f", filters)}
        rows = self.store.pool.rows(_dense_sql(self.column), params)
        return [Hit(self.store.by_chunk_id[cid], float(score)) for cid, score in rows if cid in self.store.by_chunk_id]


class PgFullText:
    """BM25 over the tsvector column (the Retriever protocol)."""

    def __init__(self, store: PgStore) -> None:
        self.store = store

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        params = {"terms": stem_terms(query), "limit": k, **self.store.corpus_stats(), **_filter_params("f", filters)}
        rows = self.store.pool.rows(_lexical_sql(), params)
        return [Hit(self.store.by_chunk_id[cid], float(score)) for cid, score in rows if cid in self.store.by_chunk_id]


class PgSentences:
    """Sentence vectors of one space, fetched per chunk when an answer needs them, kept in an LRU cache."""

    def __init__(self, store: PgStore, space: str, dimension: int) -> None:
        self.store = store
        self.column = SPACES[space][1]
        self.dimension = dimension
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def of_chunk(self, row: int) -> np.ndarray:
        chunk_id = self.store.chunks[row].chunk_id
        with self._lock:
            if chunk_id in self._cache:
                self._cache.move_to_end(chunk_id)
                return self._cache[chunk_id]
        found = self.store.pool.rows(
            f"SELECT {self.column} FROM pni_chunks WHERE chunk_id = %(id)s",  # column from SPACES
            {"id": chunk_id},
        )
        data = found[0][0] if found and found[0][0] is not None else b""
        vectors = np.frombuffer(bytes(data), dtype="<f4").reshape(-1, self.dimension).astype(np.float32)
        with self._lock:
            self._cache[chunk_id] = vectors
            if len(self._cache) > SENTENCE_CACHE:
                self._cache.popitem(last=False)
        return vectors


class PgStore(Collection):
    """Documents and chunks in memory, vectors and retrieval in PostgreSQL."""

    def __init__(
        self,
        url: str,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        meta: dict[str, str],
        embedder: Embedder,
        multilingual: Embedder | None,
    ) -> None:
        self.url = url
        self.generation = meta.get("generation", "0")
        self.pool = _Pool(url)
        self.by_chunk_id = {c.chunk_id: c for c in chunks}
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=meta["model"],
            dimension=int(meta["dimension"]),
            documents=len(documents),
            chunks=len(chunks),
            created_at=meta.get("updated_at", ""),
            files={},
            multilingual_model=meta.get("multilingual_model") or None,
            dense_index="pgvector-hnsw",
        )
        self._stats = {"n": float(meta.get("chunks", len(chunks)) or 0), "avgdl": float(meta.get("avgdl", 1) or 1)}
        sentences = PgSentences(self, "main", embedder.dimension)
        space = None
        if multilingual is not None:
            # A database filled before the multilingual space's sentences were embedded on demand has them.
            stored = PgSentences(self, "ml", multilingual.dimension)
            space = VectorSpace(
                multilingual, PgDense(self, multilingual, "ml"), on_demand(chunks, multilingual, stored)
            )
        super().__init__(
            documents, chunks, embedder, manifest, sentences, space, PgDense(self, embedder, "main"), PgFullText(self)
        )

    def corpus_stats(self) -> dict[str, float]:
        return dict(self._stats)

    def fused(
        self,
        space: VectorSpace,
        vector: np.ndarray,
        lexical_query: str,
        filters: Filters | None,
        own: Filters | None,
        weights: FusionWeights,
    ) -> list[tuple[Chunk, float]]:
        column = space.dense.column if isinstance(space.dense, PgDense) else SPACES["main"][0]
        params = {
            "terms": stem_terms(lexical_query),
            "vector": np.asarray(vector, dtype=np.float32),
            "limit": weights.candidates,
            **self.corpus_stats(),
            **_filter_params("f", filters),
            **_filter_params("own", own),
        }
        runs: list[list[Chunk]] = [[], [], [], []]  # dense and lexical within filters, then within own
        for run, _, cid in self.pool.rows(_hybrid_sql(column), params):
            if cid in self.by_chunk_id:
                runs[run].append(self.by_chunk_id[cid])
        kinds = (weights.dense, weights.lexical, weights.dense, weights.lexical)
        return fuse(list(zip(runs, kinds, strict=True)), weights.rrf_k, weights.candidates, 2)

    def close(self) -> None:
        self.pool.close()


def load_database(
    url: str,
    embedder_factory: Callable[[str], Embedder],
    model: str,
    multilingual_factory: Callable[[], Embedder] | None = None,
) -> PgStore:
    """The index held in the database at ``url``; ``model`` must be the one it was built with."""
    with connect(url) as conn:
        meta = read_meta(conn)
        if int(meta.get("schema_version", 0)) != SCHEMA_VERSION:
            raise DatabaseError(
                f"The database has pni schema version {meta.get('schema_version')}; this version of pni reads "
                f"{SCHEMA_VERSION}: run `pni ingest` with this version to migrate it, or upgrade pni-assistant."
            )
        if meta["model"] != model:
            raise IndexMismatchError(
                f"The database index was built with model '{meta['model']}' but the configured model is "
                f"'{model}': set PNI_MODEL={meta['model']}, or rebuild with `pni ingest --rebuild PATH`."
            )
        with conn.transaction():  # one snapshot: documents and chunks of the same generation
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            meta = read_meta(conn)
            rows = conn.execute("SELECT data FROM pni_documents ORDER BY source")
            documents = [document_from_dict(row[0]) for row in rows]
            chunks = [
                chunk_from_dict(row[0])
                for row in conn.execute("SELECT data FROM pni_chunks ORDER BY source, start_offset, chunk_id")
            ]
    embedder = embedder_factory(model)
    if embedder.dimension != int(meta["dimension"]):
        raise IndexMismatchError(
            f"Model '{model}' makes {embedder.dimension}-d vectors but the database holds {meta['dimension']}-d ones."
        )
    multilingual = multilingual_factory() if multilingual_factory and meta.get("multilingual_model") else None
    return PgStore(url, documents, chunks, meta, embedder, multilingual)


def database_generation(url: str) -> str | None:
    """The database's ingest generation (changes with every committed ingest); None when unreachable."""
    try:
        with connect(url) as conn:
            row = conn.execute("SELECT value FROM pni_meta WHERE key = 'generation'").fetchone()
    except Exception:  # noqa: BLE001 - the watcher tries again at its next tick
        return None
    return str(row[0]) if row else None


def database_status(url: str) -> Manifest:
    """What the database holds, as a manifest (for `pni status`); a clear error when it holds no index."""
    with connect(url) as conn:
        meta = read_meta(conn)
        documents = conn.execute("SELECT count(*) FROM pni_documents").fetchone()
        chunks = conn.execute("SELECT count(*) FROM pni_chunks").fetchone()
        current = [list(stage) for stage in pipeline_version()]
        stale = conn.execute(
            "SELECT count(*) FROM pni_documents WHERE data->'pipeline' IS DISTINCT FROM %s::jsonb",
            (json.dumps(current),),
        ).fetchone()
    return Manifest(
        format_version=FORMAT_VERSION,
        model=meta["model"],
        dimension=int(meta["dimension"]),
        documents=int(documents[0]) if documents else 0,
        chunks=int(chunks[0]) if chunks else 0,
        created_at=meta.get("updated_at", ""),
        files={},
        multilingual_model=meta.get("multilingual_model") or None,
        dense_index=f"pgvector-hnsw, generation {meta.get('generation', '0')}",
        pipeline=dict(pipeline_version()),
        stale_documents=int(stale[0]) if stale else 0,
    )
