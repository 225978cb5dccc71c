"""The PostgreSQL + pgvector backend's connection and schema: versioned migrations applied on first use.

    pni_meta        key/value: schema version, model, dimension, multilingual model, generation
    pni_documents   one cleaned document per row (jsonb), keyed by doc_id, unique by source
    pni_terms       document frequency of every lexeme (BM25's IDF), kept by each ingest
    pni_chunks      one chunk per row: metadata columns for SQL filters (org, year), the chunk (jsonb),
                    its search terms (context path + passage as the file index's BM25 sees them:
                    English stop words out, Snowball stems) with a generated tsvector (GIN index)
                    and their count (BM25's document length),
                    its vector (HNSW index) and its sentences' vectors (float32 bytes), per vector space

Vector columns are made when an ingest first needs them, with that model's dimension: `embedding` for the
main model, `embedding_ml` for the multilingual one. `generation` goes up with every committed ingest,
which is how serving replicas notice new content.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import DatabaseError, IndexNotFoundError

if TYPE_CHECKING:
    import psycopg

__all__ = ["SCHEMA_VERSION", "DatabaseError", "connect", "migrate", "ensure_space", "read_meta", "SPACES"]

SCHEMA_VERSION = 1
# vector space -> (vector column, sentence vectors column)
SPACES = {"main": ("embedding", "sentences"), "ml": ("embedding_ml", "sentences_ml")}
INSTALL = "pip install 'pni-assistant[postgres]'"

_MIGRATIONS: dict[int, list[str]] = {
    1: [
        "CREATE TABLE IF NOT EXISTS pni_meta (key text PRIMARY KEY, value text NOT NULL)",
        """CREATE TABLE IF NOT EXISTS pni_documents (
            doc_id text PRIMARY KEY,
            source text NOT NULL UNIQUE,
            content_hash text NOT NULL,
            data jsonb NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS pni_chunks (
            id bigserial PRIMARY KEY,
            chunk_id text NOT NULL UNIQUE,
            doc_id text NOT NULL REFERENCES pni_documents (doc_id) ON DELETE CASCADE,
            source text NOT NULL,
            start_offset integer NOT NULL,
            org text,
            year integer,
            data jsonb NOT NULL,
            search_terms text NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED,
            doc_len integer NOT NULL
        )""",
        "CREATE TABLE IF NOT EXISTS pni_terms (lexeme text PRIMARY KEY, df integer NOT NULL)",
        "CREATE INDEX IF NOT EXISTS pni_chunks_tsv ON pni_chunks USING gin (tsv)",
        "CREATE INDEX IF NOT EXISTS pni_chunks_org ON pni_chunks (org)",
        "CREATE INDEX IF NOT EXISTS pni_chunks_year ON pni_chunks (year)",
        "CREATE INDEX IF NOT EXISTS pni_chunks_order ON pni_chunks (source, start_offset)",
    ],
}


def _psycopg() -> Any:
    try:
        import psycopg
        from pgvector.psycopg import register_vector
    except ImportError as exc:
        raise DatabaseError(
            f"PNI_DATABASE_URL is set but the PostgreSQL client is not installed: {INSTALL} (psycopg, pgvector)."
        ) from exc
    return psycopg, register_vector


@contextmanager
def connect(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection with the pgvector type registered; clear errors when the server or extension is missing.
    Autocommit: what must be atomic runs in an explicit ``conn.transaction()`` block."""
    psycopg, register_vector = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseError(
            f"Cannot connect to the database at PNI_DATABASE_URL ({redacted(url)}): {first}. Is PostgreSQL "
            "running and the URL right (postgresql://user:password@host:5432/dbname)?"
        ) from exc
    try:
        _ensure_extension(conn)
        register_vector(conn)
        yield conn
    finally:
        conn.close()


def _ensure_extension(conn: psycopg.Connection[Any]) -> None:
    psycopg, _ = _psycopg()
    installed = conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone()
    if installed:
        return
    try:
        with conn.transaction():
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    except psycopg.Error as exc:
        available = conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").fetchone()
        why = (
            "it is installed on the server but this user may not create it: run `CREATE EXTENSION vector;` "
            "as a superuser in this database"
            if available
            else "the server does not have it: install pgvector (https://github.com/pgvector/pgvector, Debian "
            "package postgresql-NN-pgvector) or use a PostgreSQL image that includes it"
        )
        raise DatabaseError(f"The pgvector extension is missing: {why}. ({str(exc).strip()})") from exc


def redacted(url: str) -> str:
    """The URL without its password, for messages and logs."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in credentials else url
    return url


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Apply the migrations this database has not had yet, under an advisory lock (two ingests at once
    wait for each other); returns the schema version. A newer schema than this code knows is refused."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('pni-schema'))")
        conn.execute("CREATE TABLE IF NOT EXISTS pni_meta (key text PRIMARY KEY, value text NOT NULL)")
        row = conn.execute("SELECT value FROM pni_meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"The database has pni schema version {version}; this version of pni knows up to "
                f"{SCHEMA_VERSION}: upgrade pni-assistant."
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target]:
                conn.execute(statement)  # type: ignore[arg-type]  # constant SQL, no user input
            conn.execute(
                "INSERT INTO pni_meta (key, value) VALUES ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(target),),
            )
    return SCHEMA_VERSION


def ensure_space(conn: psycopg.Connection[Any], space: str, dimension: int) -> None:
    """The vector columns and HNSW index of ``space``, made with ``dimension`` if missing (in the caller's
    transaction)."""
    vector, sentences = SPACES[space]
    existing = conn.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
        "WHERE attrelid = 'pni_chunks'::regclass AND attname = %s AND NOT attisdropped",
        (vector,),
    ).fetchone()
    if existing:
        if existing[0] != f"vector({dimension})":
            raise DatabaseError(
                f"The database holds {existing[0]} vectors in {vector} but the model makes {dimension}-d ones: "
                "rebuild with `pni ingest --rebuild PATH`."
            )
        return
    # Identifiers come from SPACES and the dimension is an int: nothing from input reaches this SQL.
    conn.execute(f"ALTER TABLE pni_chunks ADD COLUMN {vector} vector({int(dimension)})")  # type: ignore[arg-type]
    conn.execute(f"ALTER TABLE pni_chunks ADD COLUMN {sentences} bytea")  # type: ignore[arg-type]
    conn.execute(
        f"CREATE INDEX pni_chunks_{vector}_hnsw ON pni_chunks USING hnsw ({vector} vector_ip_ops)"  # type: ignore[arg-type]
    )


def read_meta(conn: psycopg.Connection[Any]) -> dict[str, str]:
    """pni_meta as a dict; a clear error when the database has no pni index yet."""
    exists = conn.execute("SELECT to_regclass('pni_meta') IS NOT NULL").fetchone()
    rows = conn.execute("SELECT key, value FROM pni_meta").fetchall() if exists and exists[0] else []
    meta = {str(k): str(v) for k, v in rows}
    if "model" not in meta:
        raise IndexNotFoundError(
            "The database at PNI_DATABASE_URL has no pni index yet: run `pni ingest corpus/` to build one."
        )
    return meta
