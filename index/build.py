"""Incremental index builds: parse what changed, reuse stored vectors for the rest, swap atomically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ingest.loaders import DEFAULT_MAX_TEXT_MB
from ingest.pipeline import FileProblem, IngestResult, ingest_paths, source_name
from ingest.sentences import split_sentences
from ingest.split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE
from ingest.types import Chunk, Document
from ingest.version import pipeline_version

from .dense import DenseRetriever
from .errors import IndexNotFoundError
from .lexicon import LEXICON_FILE, Lexicon
from .sentences import SentenceVectors
from .store import IndexStore, VectorSpace, build_store, index_lock, index_text, load_index, save_index
from .types import Embedder

__all__ = ["BuildReport", "update_index", "plan_changes", "embed_chunks", "up_to_date", "stale_files"]


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[FileProblem] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    rederived: list[str] = field(default_factory=list)  # same file, derived again by a newer ingestion
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
    multilingual: Embedder | None = None,
    max_text_mb: int = DEFAULT_MAX_TEXT_MB,
) -> BuildReport:
    """Bring the index at ``index_dir`` up to date with the files under ``paths``.

    ``multilingual`` adds a second vector space (for questions in other languages); vectors already in the
    index are reused in either space, so turning it on embeds only that space.
    Unchanged files (same content hash) keep their vectors; changed files are replaced; files that
    vanished from under ``paths`` are removed; a file that now fails keeps its previous version.
    """
    with index_lock(index_dir):
        previous = None if rebuild else _load_previous(index_dir, embedder, multilingual)
        known = up_to_date(previous.documents) if previous else {}
        paths = [*paths, *stale_files(previous.documents, paths)] if previous else paths
        result = ingest_paths(paths, known, chunk_size, chunk_overlap, on_file, max_text_mb)
        report, kept_docs = plan_changes(previous.documents if previous else [], result, paths)

        space_changed = previous is not None and bool(multilingual) != bool(previous.manifest.multilingual_model)
        # An index written before the lexicon was kept in it, or by code that counted it otherwise, counts it
        # at every load: write it once, now.
        no_lexicon = previous is not None and (
            LEXICON_FILE not in previous.manifest.files or Lexicon.load(index_dir) is None
        )
        if previous and not result.parsed and not report.removed and not space_changed and not no_lexicon:
            report.documents, report.chunks = len(previous.documents), len(previous.chunks)
            return report  # nothing changed: leave the index untouched

        documents = sorted(kept_docs + [doc for doc, _ in result.parsed], key=lambda d: d.source)
        kept_ids = {d.doc_id for d in kept_docs}
        chunks = [c for c in (previous.chunks if previous else []) if c.doc_id in kept_ids]
        chunks += [c for _, parsed in result.parsed for c in parsed]
        order = {doc.doc_id: i for i, doc in enumerate(documents)}
        chunks.sort(key=lambda c: (order[c.doc_id], c.start))

        # (embedder, the previous index's view, whether its sentences are embedded now): the multilingual
        # space's are embedded when an answer reads them (index/sentences.SentencesOnDemand).
        spaces = [(embedder, previous.space if previous else None, True)]
        if multilingual:
            spaces.append((multilingual, previous.multilingual if previous else None, False))
        caches = [_cached(space, previous.chunks, whole) if previous and space else {} for _, space, whole in spaces]
        missing = [[c for c in chunks if c.chunk_id not in cache] for cache in caches]
        if on_embed_start:
            on_embed_start(
                sum(
                    len(todo) + (sum(len(split_sentences(c.text)) for c in todo) if whole else 0)
                    for todo, (_, _, whole) in zip(missing, spaces, strict=True)
                )
            )
        embedded = [
            _embed_space(space_embedder, todo, cache, chunks, on_embed_batch, whole)
            for (space_embedder, _, whole), todo, cache in zip(spaces, missing, caches, strict=True)
        ]
        store = build_store(
            documents,
            chunks,
            *embedded[0],
            embedder,
            multilingual=(multilingual, embedded[1][0]) if multilingual else None,
        )
        save_index(store, index_dir)
        report.documents, report.chunks, report.written = len(documents), len(chunks), True
        return report


def up_to_date(documents: Sequence[Document]) -> dict[str, str]:
    """source -> content hash of the documents that need no reading: derived by this version of the ingestion
    (a file whose bytes did not change is still read again when an older one derived it)."""
    return {doc.source: doc.content_hash for doc in documents if doc.pipeline == pipeline_version()}


def stale_files(documents: Sequence[Document], paths: Sequence[Path]) -> list[Path]:
    """Files outside ``paths`` whose documents an older ingestion derived, to derive again while at it (a file
    no longer where it was indexed from stays as it was, and `pni status` counts it)."""
    roots = [source_name(p) for p in paths]
    return [
        Path(doc.source)
        for doc in documents
        if doc.pipeline != pipeline_version()
        and not any(doc.source == r or doc.source.startswith(r.rstrip("/") + "/") for r in roots)
        and Path(doc.source).is_file()
    ]


def plan_changes(
    previous: Sequence[Document], result: IngestResult, paths: Sequence[Path]
) -> tuple[BuildReport, list[Document]]:
    """What an ingest changes, for either backend: the report (added, updated, unchanged, removed) and
    the previous documents that stay. A file with the same bytes as another one is skipped, named
    (both would be the same document), and ``result.parsed`` is left without it."""
    report = BuildReport(unchanged=list(result.unchanged), failed=result.failed, skipped=result.skipped)
    failed_sources = {source_name(Path(p.path)) for p in result.failed}
    roots = [source_name(p) for p in paths]
    parsed = {doc.source: doc for doc, _ in result.parsed}
    kept_docs: list[Document] = []
    for doc in previous:
        under_roots = any(doc.source == r or doc.source.startswith(r.rstrip("/") + "/") for r in roots)
        if doc.source in parsed:
            same_file = parsed[doc.source].content_hash == doc.content_hash
            (report.rederived if same_file else report.updated).append(doc.source)
        elif under_roots and doc.source not in result.seen and doc.source not in failed_sources:
            report.removed.append(doc.source)
        else:
            kept_docs.append(doc)
    owner = {doc.doc_id: doc.source for doc in kept_docs}
    unique = []
    for doc, chunks in result.parsed:
        if doc.doc_id in owner:
            report.skipped.append(FileProblem(doc.source, f"same content as {owner[doc.doc_id]}: indexed once"))
            continue
        owner[doc.doc_id] = doc.source
        unique.append((doc, chunks))
    result.parsed[:] = unique
    replaced = {*report.updated, *report.rederived}
    report.added = [doc.source for doc, _ in unique if doc.source not in replaced]
    return report, kept_docs


def embed_chunks(
    embedder: Embedder,
    chunks: Sequence[Chunk],
    on_batch: Callable[[int], None] | None = None,
    sentences: bool = True,
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """chunk_id -> (vector of context path + passage, vectors of the passage's sentences, or none when
    ``sentences`` is false), from one call to the embedder: with `--ray` that is one Ray Data job, so each
    actor loads its model once, not twice."""
    if not chunks:
        return {}
    blocks = [split_sentences(c.text) if sentences else [] for c in chunks]
    texts = [index_text(c) for c in chunks] + [s for block in blocks for s in block]
    # Chunks overlap, so their sentences repeat: each distinct text is embedded once.
    unique = list(dict.fromkeys(texts))
    vectors = np.asarray(embedder.embed_documents(unique, on_batch=on_batch), dtype=np.float32)
    if len(unique) < len(texts):
        position = {t: i for i, t in enumerate(unique)}
        vectors = vectors[[position[t] for t in texts]]
        if on_batch:
            on_batch(len(texts) - len(unique))  # the progress bar counted every text
    out, row = {}, len(chunks)
    for i, (chunk, block) in enumerate(zip(chunks, blocks, strict=True)):
        out[chunk.chunk_id] = (vectors[i], vectors[row : row + len(block)])
        row += len(block)
    return out


def _embed_space(
    embedder: Embedder,
    todo: list[Chunk],
    cache: dict[str, tuple[np.ndarray, np.ndarray]],
    chunks: list[Chunk],
    on_batch: Callable[[int], None] | None,
    sentences: bool,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Chunk and sentence vectors for ``chunks`` in one space: reused from ``cache``, else embedded."""
    fresh = embed_chunks(embedder, todo, on_batch, sentences)
    rows = [cache.get(c.chunk_id) or fresh[c.chunk_id] for c in chunks]
    matrix = np.vstack([v for v, _ in rows]).astype(np.float32) if rows else _empty(embedder)
    return matrix, [b for _, b in rows]


def _cached(space: VectorSpace, chunks: Sequence[Chunk], sentences: bool) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """chunk_id -> (chunk vector, sentence vectors) of a file index: what an incremental build reuses. A chunk
    whose sentences are now cut otherwise (a newer splitter) is left out: its vectors are embedded again.
    Without ``sentences`` (a space whose sentences are embedded on demand), chunk vectors alone."""
    dense = space.dense
    assert isinstance(dense, DenseRetriever)  # files, not a database
    if not sentences:
        none = np.zeros((0, dense.index.d), np.float32)
        return {
            c.chunk_id: (np.asarray(dense.index.reconstruct(i), dtype=np.float32), none) for i, c in enumerate(chunks)
        }
    stored = space.sentences
    assert isinstance(stored, SentenceVectors)
    blocks = ((i, c, stored.of_chunk(i)) for i, c in enumerate(chunks))
    return {
        c.chunk_id: (np.asarray(dense.index.reconstruct(i), dtype=np.float32), block)
        for i, c, block in blocks
        if len(block) == len(split_sentences(c.text))
    }


def _load_previous(index_dir: Path, embedder: Embedder, multilingual: Embedder | None) -> IndexStore | None:
    try:
        return load_index(
            index_dir, lambda _: embedder, embedder.name, (lambda: multilingual) if multilingual else None
        )
    except IndexNotFoundError:
        return None


def _empty(embedder: Embedder) -> np.ndarray:
    return np.zeros((0, embedder.dimension), dtype=np.float32)
