"""An index on disk: a readable directory with a manifest, written atomically, verified on load.

    data/index/
      manifest.json     format version, model, dimension, counts, sha256 of every file below
      documents.jsonl   one cleaned document per line (text, title, year, sections, locators)
      chunks.jsonl      one chunk per line (text, offsets, section, org, year, page, paragraph)
      dense.faiss       normalised embeddings, row i = chunk i
      sentences.npy     normalised embeddings of every sentence of every chunk (answers quote sentences)
      sentence_starts.npy  rows of chunk i's sentences: starts[i]:starts[i+1]
      bm25/             bm25s index over context path + passage

A new index is written to a sibling temporary directory and renamed into place, so a crash or a
failed ingest leaves the previous index as it was.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from ingest.errors import PNIError
from ingest.orgs import BY_KEY
from ingest.types import Chunk, Document, Period, Section
from ingest.version import pipeline_version

from .dense import DenseRetriever, build_faiss_index, choose_index_kind
from .errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from .lexical import BM25Retriever
from .sentences import SentenceVectors
from .types import Embedder, Filters, FusionWeights, Retriever, SentenceSource, VectorSearch

__all__ = [
    "FORMAT_VERSION",
    "Manifest",
    "StoreBase",
    "IndexStore",
    "VectorSpace",
    "save_index",
    "load_index",
    "read_manifest",
    "index_lock",
    "chunk_from_dict",
    "chunk_to_dict",
    "document_from_dict",
    "document_to_dict",
]

FORMAT_VERSION = 2  # 2: sentence vectors
_MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    format_version: int
    model: str
    dimension: int
    documents: int
    chunks: int
    created_at: str
    files: dict[str, str]  # relative path -> sha256
    multilingual_model: str | None = None  # a second vector space for questions in other languages
    dense_index: str = "flat"  # the FAISS structure, chosen by size (index.dense.choose_index_kind)
    # The ingestion stages' versions when it was written (ingest/version.py), and how many documents an older
    # version derived (files gone since, so not re-derived): `pni status` tells when an upgrade made them stale.
    pipeline: dict[str, str] = field(default_factory=dict)
    stale_documents: int = 0


def index_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed: the structural path, then the passage (shown alone)."""
    return f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text


@dataclass
class VectorSpace:
    """One embedding model's view of the chunks: chunk vectors (searchable) and sentence vectors."""

    embedder: Embedder
    dense: VectorSearch
    sentences: SentenceSource


class StoreBase:
    """What answering needs from an index, wherever it is kept: documents and chunks in memory, dense and
    lexical search, sentence vectors, and ``fused`` (the candidates hybrid retrieval boosts and ranks).
    IndexStore keeps everything in files and memory; index.pg_store.PgStore keeps vectors in PostgreSQL."""

    def __init__(
        self,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        embedder: Embedder,
        manifest: Manifest,
        sentences: SentenceSource,
        multilingual: VectorSpace | None,
        dense: VectorSearch,
        bm25: Retriever,
    ) -> None:
        self.documents = list(documents)
        self.chunks = list(chunks)
        self.sentences = sentences
        self.row_of = {chunk.chunk_id: i for i, chunk in enumerate(self.chunks)}
        self._rows_by_doc: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            self._rows_by_doc.setdefault(chunk.doc_id, []).append(row)
        # (organisation, year) wherever a chunk of a report covering that year is tagged with or names it:
        # "is X covered in Y?" without a pass over the chunks per question.
        self.org_years = frozenset(
            (org, year) for c in self.chunks for org in (c.org, *c.mentions) if org for year in c.covered_years
        )
        # Organisations with a section or a mention somewhere: "does the collection cover X?" in O(1).
        self.orgs = frozenset(o for c in self.chunks for o in (c.org, *c.mentions) if o)
        # Publishers the curated table does not hold ("Nordic Centre for Prison Studies"), named as their title
        # pages name them: a question finds them by that name (index/query.py).
        self.publishers = tuple(sorted(o for o in self.orgs if o not in BY_KEY))
        self.dense = dense
        self.bm25 = bm25
        self.embedder = embedder
        self.manifest = manifest
        self.by_doc_id = {doc.doc_id: doc for doc in self.documents}
        self.by_source = {doc.source: doc for doc in self.documents}
        self.multilingual = multilingual
        # Acronyms the documents define ("UNODC" -> "United Nations Office on Drugs and Crime"), first wins.
        self.acronyms: dict[str, str] = {}
        for doc in self.documents:
            for acronym, long_form in doc.acronyms:
                self.acronyms.setdefault(acronym, long_form)

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document, in index order."""
        return [self.chunks[row] for row in self._rows_by_doc.get(doc_id, ())]

    @property
    def space(self) -> VectorSpace:
        return VectorSpace(self.embedder, self.dense, self.sentences)

    def space_for(self, language: str) -> VectorSpace:
        """The vector space for a question in ``language``: the multilingual one for non-English
        questions when the index has it, else the main one."""
        return self.multilingual if language != "en" and self.multilingual else self.space

    @property
    def years(self) -> list[int]:
        """The calendar years the indexed reports cover, sorted (a 2018–19 report covers 2018 and 2019)."""
        return sorted({year for doc in self.documents for year in doc.years})

    def fused(
        self,
        space: VectorSpace,
        vector: np.ndarray,
        lexical_query: str,
        filters: Filters | None,
        own: Filters | None,
        weights: FusionWeights,
    ) -> list[tuple[Chunk, float]]:
        """Dense (``vector`` in ``space``) and lexical top-N within ``filters``, and again within ``own``
        (the institutes the question names) when given, fused by reciprocal rank: (chunk, score), best first."""
        raise NotImplementedError

    def close(self) -> None:
        """Release what the store holds open (database connections); files need nothing."""


class IndexStore(StoreBase):
    """Documents, chunks and both retrieval structures, in memory, loaded from (or saved to) a directory."""

    dense: DenseRetriever
    bm25: BM25Retriever
    sentences: SentenceVectors

    def __init__(
        self,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        vectors_index: faiss.Index,
        bm25: BM25Retriever,
        embedder: Embedder,
        manifest: Manifest,
        sentences: SentenceVectors,
        multilingual: VectorSpace | None = None,
    ) -> None:
        chunks = list(chunks)
        dense = DenseRetriever(embedder, chunks, vectors_index, bm25.columns)
        super().__init__(documents, chunks, embedder, manifest, sentences, multilingual, dense, bm25)

    def fused(
        self,
        space: VectorSpace,
        vector: np.ndarray,
        lexical_query: str,
        filters: Filters | None,
        own: Filters | None,
        weights: FusionWeights,
    ) -> list[tuple[Chunk, float]]:
        scores = self.bm25.scores(lexical_query)  # one BM25 pass serves both lexical runs
        runs = [
            (space.dense.search_vector(vector, weights.candidates, filters), weights.dense),
            (self.bm25.top(scores, weights.candidates, filters), weights.lexical),
        ]
        if own is not None:
            runs.append((space.dense.search_vector(vector, weights.candidates, own), weights.dense))
            runs.append((self.bm25.top(scores, weights.candidates, own), weights.lexical))
        fused: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        for hits, weight in runs:
            for rank, hit in enumerate(hits):
                cid = hit.chunk.chunk_id
                chunks[cid] = hit.chunk
                fused[cid] = fused.get(cid, 0.0) + weight / (weights.rrf_k + rank + 1)
        ranked = sorted(fused.items(), key=lambda item: -item[1])  # stable: ties keep run order
        return [(chunks[cid], score) for cid, score in ranked]


def build_store(
    documents: Sequence[Document],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    sentence_blocks: Sequence[np.ndarray],
    embedder: Embedder,
    multilingual: tuple[Embedder, np.ndarray, Sequence[np.ndarray]] | None = None,
) -> IndexStore:
    """An in-memory index from chunks, their vectors and sentence vectors (row i is chunk i);
    ``multilingual`` is the same for a second embedder."""
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        model=embedder.name,
        dimension=embedder.dimension,
        documents=len(documents),
        chunks=len(chunks),
        created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        files={},
        multilingual_model=multilingual[0].name if multilingual else None,
        dense_index=choose_index_kind(len(chunks)),
        pipeline=dict(pipeline_version()),
        stale_documents=sum(doc.pipeline != pipeline_version() for doc in documents),
    )
    bm25 = BM25Retriever.build(chunks, [index_text(c) for c in chunks])
    sentences = SentenceVectors.from_blocks(sentence_blocks, embedder.dimension)
    space = None
    if multilingual:
        m_embedder, m_vectors, m_blocks = multilingual
        space = VectorSpace(
            m_embedder,
            DenseRetriever(m_embedder, list(chunks), build_faiss_index(m_vectors), bm25.columns),
            SentenceVectors.from_blocks(m_blocks, m_embedder.dimension),
        )
    return IndexStore(documents, chunks, build_faiss_index(vectors), bm25, embedder, manifest, sentences, space)


@contextmanager
def index_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index directory (a second `pni ingest` waits for the first)."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def save_index(store: IndexStore, index_dir: Path) -> Manifest:
    """Write ``store`` to ``index_dir`` atomically (temporary sibling, then rename)."""
    index_dir = index_dir.resolve()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.new-", dir=index_dir.parent))
    try:
        _write_jsonl(tmp / "documents.jsonl", (document_to_dict(d) for d in store.documents))
        _write_jsonl(tmp / "chunks.jsonl", (chunk_to_dict(c) for c in store.chunks))
        faiss.write_index(store.dense.index, str(tmp / "dense.faiss"))
        store.bm25.save(tmp / "bm25")
        store.sentences.save(tmp)
        if store.multilingual:
            dense, sentences = store.multilingual.dense, store.multilingual.sentences
            assert isinstance(dense, DenseRetriever) and isinstance(sentences, SentenceVectors)  # built in memory
            faiss.write_index(dense.index, str(tmp / "dense-multilingual.faiss"))
            sentences.save(tmp, suffix="-multilingual")
        files = {str(p.relative_to(tmp)): _sha256(p) for p in sorted(tmp.rglob("*")) if p.is_file()}
        manifest = Manifest(**{**asdict(store.manifest), "files": files})
        (tmp / _MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
        for path in tmp.rglob("*"):
            if path.is_file():
                _fsync(path)
        _swap_into_place(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def _swap_into_place(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    _fsync(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def read_manifest(index_dir: Path) -> Manifest:
    """The manifest of the index at ``index_dir``; a clear error when there is none or it is unreadable."""
    index_dir = _recover(index_dir)
    path = index_dir / _MANIFEST
    if not path.is_file():
        raise IndexNotFoundError(f"No index at {index_dir}: run `pni ingest corpus/` to build one.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (ValueError, TypeError) as exc:
        raise IndexCorruptError(
            f"The index manifest {path} is unreadable ({exc}): rebuild with `pni ingest --rebuild PATH`."
        ) from exc
    if manifest.format_version != FORMAT_VERSION:
        raise IndexMismatchError(
            f"The index at {index_dir} has format version {manifest.format_version}; this version of "
            f"pni reads {FORMAT_VERSION}: rebuild with `pni ingest --rebuild PATH`."
        )
    return manifest


def load_index(
    index_dir: Path,
    embedder_factory: Callable[[str], Embedder],
    model: str,
    multilingual_factory: Callable[[], Embedder] | None = None,
) -> IndexStore:
    """Load and verify the index; ``model`` must be the one it was built with. The multilingual space,
    when the index has one, is loaded only if ``multilingual_factory`` is given."""
    index_dir = _recover(index_dir)
    manifest = read_manifest(index_dir)
    if manifest.model != model:
        raise IndexMismatchError(
            f"The index at {index_dir} was built with model '{manifest.model}' but the configured model is "
            f"'{model}': set PNI_MODEL={manifest.model}, or rebuild with `pni ingest --rebuild PATH`."
        )
    for name, digest in manifest.files.items():
        path = index_dir / name
        if not path.is_file() or _sha256(path) != digest:
            raise IndexCorruptError(
                f"The index at {index_dir} is damaged ({name} is missing or changed): "
                "rebuild it with `pni ingest --rebuild PATH`."
            )
    try:
        documents = [document_from_dict(d) for d in _read_jsonl(index_dir / "documents.jsonl")]
        chunks = [chunk_from_dict(c) for c in _read_jsonl(index_dir / "chunks.jsonl")]
        vectors_index = faiss.read_index(str(index_dir / "dense.faiss"))
        bm25 = BM25Retriever.load(index_dir / "bm25", chunks)
        sentences = SentenceVectors.load(index_dir)
        multilingual_parts = None
        if manifest.multilingual_model and multilingual_factory:
            multilingual_parts = (
                faiss.read_index(str(index_dir / "dense-multilingual.faiss")),
                SentenceVectors.load(index_dir, suffix="-multilingual"),
            )
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(f"Cannot read the index at {index_dir} ({exc}): rebuild it with `pni ingest`.") from exc
    if (
        vectors_index.ntotal != len(chunks)
        or len(chunks) != manifest.chunks
        or len(sentences.starts) != len(chunks) + 1
    ):
        raise IndexCorruptError(
            f"The index at {index_dir} is inconsistent ({vectors_index.ntotal} vectors, {len(chunks)} chunks): "
            "rebuild it with `pni ingest --rebuild PATH`."
        )
    embedder = embedder_factory(model)
    if embedder.dimension != manifest.dimension:
        raise IndexMismatchError(
            f"Model '{model}' makes {embedder.dimension}-d vectors but the index holds {manifest.dimension}-d ones."
        )
    space = None
    if multilingual_parts and multilingual_factory:
        m_embedder = multilingual_factory()
        space = VectorSpace(
            m_embedder, DenseRetriever(m_embedder, chunks, multilingual_parts[0], bm25.columns), multilingual_parts[1]
        )
    return IndexStore(documents, chunks, vectors_index, bm25, embedder, manifest, sentences, space)


def _recover(index_dir: Path) -> Path:
    """If a crash left only the previous index beside the target (mid-swap), put it back."""
    if not (index_dir / _MANIFEST).exists():
        leftovers = sorted(index_dir.parent.glob(f".{index_dir.name}.old-*"), key=lambda p: p.stat().st_mtime)
        if leftovers and (leftovers[-1] / _MANIFEST).exists() and not index_dir.exists():
            try:
                os.rename(leftovers[-1], index_dir)
            except OSError as exc:
                raise PNIError(f"Could not restore the previous index from {leftovers[-1]}: {exc}") from exc
    return index_dir


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    return asdict(chunk)


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    return Chunk(**{**data, "mentions": tuple(data.get("mentions", ())), "years": tuple(data.get("years", ()))})


def document_to_dict(doc: Document) -> dict[str, Any]:
    data = asdict(doc)
    data["sections"] = [asdict(s) for s in doc.sections]
    return data


def document_from_dict(data: dict[str, Any]) -> Document:
    data = dict(data)
    data["sections"] = tuple(Section(**s) for s in data.get("sections", ()))
    data["locators"] = tuple((int(o), str(loc)) for o, loc in data.get("locators", ()))
    data["page_starts"] = tuple(data.get("page_starts", ()))
    data["acronyms"] = tuple((str(a), str(b)) for a, b in data.get("acronyms", ()))
    data["pipeline"] = tuple((str(a), str(b)) for a, b in data.get("pipeline", ()))
    data["period"] = Period(**data["period"]) if data.get("period") else None
    return Document(**data)


def _write_jsonl(path: Path, rows: Iterator[dict[str, Any]] | Any) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
