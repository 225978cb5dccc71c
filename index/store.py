"""The index in memory: documents, chunks, the vector spaces and BM25. StoreBase (a Protocol) is what answering
needs from any backend; Collection is the in-memory part both backends build; IndexStore keeps the rest in
files, laid out as index/disk.py describes."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from ingest.orgs import BY_KEY
from ingest.periods import fiscal_label_starts
from ingest.types import Chunk, Document
from ingest.version import pipeline_version

from .dense import DenseRetriever, build_faiss_index, choose_index_kind
from .disk import (
    FORMAT_VERSION,
    Manifest,
    chunk_from_dict,
    chunk_to_dict,
    document_from_dict,
    document_to_dict,
    index_lock,
    new_index_dir,
    read_chunks,
    read_jsonl,
    read_manifest,
    recover,
    seal,
    verify_files,
    write_jsonl,
)
from .errors import IndexCorruptError, IndexMismatchError
from .fusion import fuse
from .lexical import BM25Retriever
from .lexicon import LEXICON_FILE, Lexicon
from .sentences import SentencesOnDemand, SentenceVectors
from .types import Embedder, Filters, FusionWeights, Retriever, SentenceSource, VectorSearch

FRONT = 2000  # characters of a report's start where it says what it covers (its title page, first paragraph)

__all__ = [
    "FORMAT_VERSION",
    "Manifest",
    "StoreBase",
    "Collection",
    "IndexStore",
    "VectorSpace",
    "save_index",
    "load_index",
    "read_manifest",
    "verify_files",
    "index_lock",
    "chunk_from_dict",
    "chunk_to_dict",
    "document_from_dict",
    "document_to_dict",
]  # the on-disk names (index/disk.py) stay importable from here, where other packages have imported them


def index_text(chunk: Chunk) -> str:
    """What is embedded and BM25-indexed: the structural path, then the passage (shown alone)."""
    return f"{chunk.context}\n{chunk.text}" if chunk.context else chunk.text


@dataclass
class VectorSpace:
    """One embedding model's view of the chunks: chunk vectors (searchable) and sentence vectors."""

    embedder: Embedder
    dense: VectorSearch
    sentences: SentenceSource


class StoreBase(Protocol):
    """What answering needs from an index, wherever it is kept: documents and chunks in memory with their
    lookups, dense and lexical search, sentence vectors, and ``fused`` (the candidates hybrid retrieval boosts
    and ranks). IndexStore keeps everything in files and memory; index.pg_store.PgStore keeps vectors in
    PostgreSQL; both build the in-memory part as a Collection."""

    @property
    def documents(self) -> list[Document]: ...
    @property
    def chunks(self) -> list[Chunk]: ...
    @property
    def row_of(self) -> dict[str, int]: ...
    @property
    def by_doc_id(self) -> dict[str, Document]: ...
    @property
    def by_source(self) -> dict[str, Document]: ...
    @property
    def org_years(self) -> frozenset[tuple[str, int]]: ...
    @property
    def orgs(self) -> frozenset[str]: ...
    @property
    def publishers(self) -> tuple[str, ...]: ...
    @property
    def fiscal_starts(self) -> frozenset[str]: ...
    @property
    def acronyms(self) -> dict[str, str]: ...
    @property
    def lexicon(self) -> Lexicon: ...
    @property
    def embedder(self) -> Embedder: ...
    @property
    def manifest(self) -> Manifest: ...
    @property
    def sentences(self) -> SentenceSource: ...
    @property
    def multilingual(self) -> VectorSpace | None: ...
    @property
    def dense(self) -> VectorSearch: ...
    @property
    def bm25(self) -> Retriever: ...
    @property
    def space(self) -> VectorSpace: ...
    @property
    def years(self) -> list[int]: ...
    def documents_of(self, org: str) -> list[Document]: ...
    def chunks_of(self, doc_id: str) -> list[Chunk]: ...
    def space_for(self, language: str) -> VectorSpace: ...
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
        ...

    def close(self) -> None:
        """Release what the store holds open (database connections)."""
        ...


class Collection:
    """The in-memory part both stores share: documents, chunks and every lookup answering makes, built once at
    load so that no question passes over all of them. Subclasses add search (``fused``) and ``close``."""

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
        lexicon: Lexicon | None = None,
    ) -> None:
        self.documents = list(documents)
        self.chunks = list(chunks)
        # The collection's words (speller, IDF): counted at ingest; counted here for an index written before.
        self.lexicon = lexicon or Lexicon.of([c.text for c in self.chunks])
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
        # Publishers naming a fiscal year by the year it starts in ("Annual Report FY2020", April 2020 – March
        # 2021), as their title pages say: their "FY2020" is read so (index/query.py).
        self.fiscal_starts = frozenset(
            doc.org for doc in self.documents if doc.org and fiscal_label_starts(doc.text[:FRONT], doc.period)
        )
        self.dense = dense
        self.bm25 = bm25
        self.embedder = embedder
        self.manifest = manifest
        self.by_doc_id = {doc.doc_id: doc for doc in self.documents}
        self._years = tuple(sorted({year for doc in self.documents for year in doc.years}))
        self._docs_by_org: dict[str, list[Document]] = {}
        for doc in self.documents:
            for org in dict.fromkeys(o for o in (doc.org, *(s.org for s in doc.sections)) if o):
                self._docs_by_org.setdefault(org, []).append(doc)
        self.by_source = {doc.source: doc for doc in self.documents}
        self.multilingual = multilingual
        # Acronyms the documents define ("UNODC" -> "United Nations Office on Drugs and Crime"), first wins.
        self.acronyms: dict[str, str] = {}
        for doc in self.documents:
            for acronym, long_form in doc.acronyms:
                self.acronyms.setdefault(acronym, long_form)

    def documents_of(self, org: str) -> list[Document]:
        """The documents published by ``org`` or with a section of its own, in index order."""
        return self._docs_by_org.get(org, [])

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
        return list(self._years)


class IndexStore(Collection):
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
        lexicon: Lexicon | None = None,
    ) -> None:
        chunks = list(chunks)
        dense = DenseRetriever(embedder, chunks, vectors_index, bm25.columns)
        super().__init__(documents, chunks, embedder, manifest, sentences, multilingual, dense, bm25, lexicon)

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
        return fuse(
            [([hit.chunk for hit in hits], weight) for hits, weight in runs], weights.rrf_k, weights.candidates, 2
        )

    def close(self) -> None:
        """Files hold nothing open."""


def build_store(
    documents: Sequence[Document],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    sentence_blocks: Sequence[np.ndarray],
    embedder: Embedder,
    multilingual: tuple[Embedder, np.ndarray] | None = None,
) -> IndexStore:
    """An in-memory index from chunks, their vectors and sentence vectors (row i is chunk i);
    ``multilingual`` is a second embedder and its chunk vectors (its sentences are embedded on demand)."""
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
        m_embedder, m_vectors = multilingual
        space = VectorSpace(
            m_embedder,
            DenseRetriever(m_embedder, list(chunks), build_faiss_index(m_vectors), bm25.columns),
            on_demand(chunks, m_embedder),
        )
    return IndexStore(documents, chunks, build_faiss_index(vectors), bm25, embedder, manifest, sentences, space)


def on_demand(chunks: Sequence[Chunk], embedder: Embedder, stored: SentenceSource | None = None) -> SentencesOnDemand:
    """The multilingual space's sentence vectors, embedded as ingest would have: an embedder with two engines
    (index.embed.E5Embedder: a C one for questions, torch for passages) names the one ingest uses as
    ``embed_passages``, so a vector does not depend on when it was embedded."""
    embed = getattr(embedder, "embed_passages", embedder.embed_documents)
    return SentencesOnDemand(chunks, embed, embedder.dimension, stored)


def save_index(store: IndexStore, index_dir: Path) -> Manifest:
    """Write ``store`` to ``index_dir`` atomically (temporary sibling, then rename)."""
    with new_index_dir(index_dir) as tmp:
        write_jsonl(tmp / "documents.jsonl", (document_to_dict(d) for d in store.documents))
        write_jsonl(tmp / "chunks.jsonl", (chunk_to_dict(c) for c in store.chunks))
        faiss.write_index(store.dense.index, str(tmp / "dense.faiss"))
        store.bm25.save(tmp / "bm25")
        store.sentences.save(tmp)
        store.lexicon.save(tmp)
        if store.multilingual:
            dense, sentences = store.multilingual.dense, store.multilingual.sentences
            assert isinstance(dense, DenseRetriever)  # built in memory
            faiss.write_index(dense.index, str(tmp / "dense-multilingual.faiss"))
            if isinstance(sentences, SentenceVectors):  # an index written before they were embedded on demand
                sentences.save(tmp, suffix="-multilingual")
        manifest = seal(tmp, store.manifest)
    return manifest


def load_index(
    index_dir: Path,
    embedder_factory: Callable[[str], Embedder],
    model: str,
    multilingual_factory: Callable[[], Embedder] | None = None,
) -> IndexStore:
    """Load and verify the index; ``model`` must be the one it was built with. The multilingual space,
    when the index has one, is loaded only if ``multilingual_factory`` is given."""
    index_dir = recover(index_dir)
    manifest = read_manifest(index_dir)
    if manifest.model != model:
        raise IndexMismatchError(
            f"The index at {index_dir} was built with model '{manifest.model}' but the configured model is "
            f"'{model}': set PNI_MODEL={manifest.model}, or rebuild with `pni ingest --rebuild PATH`."
        )
    verify_files(index_dir, manifest)
    try:
        documents = [document_from_dict(d) for d in read_jsonl(index_dir / "documents.jsonl")]
        chunks = read_chunks(index_dir / "chunks.jsonl")
        vectors_index = faiss.read_index(str(index_dir / "dense.faiss"))
        bm25 = BM25Retriever.load(index_dir / "bm25", chunks)
        sentences = SentenceVectors.load(index_dir)
        lexicon = Lexicon.load(index_dir) if LEXICON_FILE in manifest.files else None
        multilingual_parts = None
        if manifest.multilingual_model and multilingual_factory:
            stored = "sentences-multilingual.npy" in manifest.files  # written before they were embedded on demand
            multilingual_parts = (
                faiss.read_index(str(index_dir / "dense-multilingual.faiss")),
                SentenceVectors.load(index_dir, suffix="-multilingual") if stored else None,
            )
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
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
            m_embedder,
            DenseRetriever(m_embedder, chunks, multilingual_parts[0], bm25.columns),
            multilingual_parts[1] or on_demand(chunks, m_embedder),
        )
    return IndexStore(documents, chunks, vectors_index, bm25, embedder, manifest, sentences, space, lexicon)
