"""Incremental index builds: parse what changed, reuse stored vectors for the rest, swap atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.errors import IndexNotFoundError
from ingest.pipeline import FileProblem, ingest_paths, source_name
from ingest.sentences import split_sentences
from ingest.split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE
from ingest.types import Chunk, Document

from .sentences import SentenceVectors
from .store import IndexStore, build_store, index_lock, index_text, load_index, save_index
from .types import Embedder

__all__ = ["BuildReport", "update_index"]


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    documents: int = 0
    chunks: int = 0
    written: bool = False


def update_index(
    index_dir: Path,
    paths: Sequence[Path],
    embedder: Embedder,
    rebuild: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
    on_file: Callable[[Path], None] | None = None,
    on_embed_start: Callable[[int], None] | None = None,
    on_embed_batch: Callable[[int], None] | None = None,
) -> BuildReport:
    """Bring the index at ``index_dir`` up to date with the files under ``paths``.

    Unchanged files (same content hash) keep their vectors; changed files are replaced; files that
    vanished from under ``paths`` are removed; a file that now fails keeps its previous version.
    """
    with index_lock(index_dir):
        previous = None if rebuild else _load_previous(index_dir, embedder)
        known = {doc.source: doc.content_hash for doc in previous.documents} if previous else {}
        result = ingest_paths(paths, known, chunk_size, chunk_overlap, on_file)
        report = BuildReport(unchanged=list(result.unchanged), failed=result.failed, skipped=result.skipped)

        failed_sources = {source_name(Path(p.path)) for p in result.failed}
        roots = [source_name(p) for p in paths]
        parsed_sources = {doc.source for doc, _ in result.parsed}
        kept_docs: list[Document] = []
        for doc in previous.documents if previous else []:
            under_roots = any(doc.source == r or doc.source.startswith(r.rstrip("/") + "/") for r in roots)
            if doc.source in parsed_sources:
                report.updated.append(doc.source)
            elif under_roots and doc.source not in result.seen and doc.source not in failed_sources:
                report.removed.append(doc.source)
            else:
                kept_docs.append(doc)
        report.added = [s for s in parsed_sources if s not in set(report.updated)]

        if previous and not result.parsed and not report.removed:
            report.documents, report.chunks = len(previous.documents), len(previous.chunks)
            return report  # nothing changed: leave the index untouched

        kept_chunks, kept_vectors, kept_sentences = (
            previous.vectors_of({d.doc_id for d in kept_docs}) if previous else ([], _empty(embedder), [])
        )
        new_chunks: list[Chunk] = [c for _, chunks in result.parsed for c in chunks]
        sentence_count = sum(len(split_sentences(c.text)) for c in new_chunks)
        if on_embed_start:
            on_embed_start(len(new_chunks) + sentence_count)
        new_vectors = (
            embedder.embed_documents([index_text(c) for c in new_chunks], on_batch=on_embed_batch)
            if new_chunks
            else _empty(embedder)
        )
        new_sentences = SentenceVectors.embed(new_chunks, embedder, on_batch=on_embed_batch)
        documents = sorted(kept_docs + [doc for doc, _ in result.parsed], key=lambda d: d.source)
        order = {doc.doc_id: i for i, doc in enumerate(documents)}
        rows = sorted(
            zip(
                kept_chunks + new_chunks,
                list(kept_vectors) + list(new_vectors),
                kept_sentences + new_sentences,
                strict=True,
            ),
            key=lambda row: (order[row[0].doc_id], row[0].start),
        )
        chunks = [c for c, _, _ in rows]
        vectors = np.vstack([v for _, v, _ in rows]) if rows else _empty(embedder)
        store = build_store(documents, chunks, vectors, [b for _, _, b in rows], embedder)
        save_index(store, index_dir)
        report.documents, report.chunks, report.written = len(documents), len(chunks), True
        return report


def _load_previous(index_dir: Path, embedder: Embedder) -> IndexStore | None:
    try:
        return load_index(index_dir, lambda _: embedder, embedder.name)
    except IndexNotFoundError:
        return None


def _empty(embedder: Embedder) -> np.ndarray:
    return np.zeros((0, embedder.dimension), dtype=np.float32)
