"""The index's on-disk format: the manifest, atomic writes, verification, and chunks and documents as JSON.

    data/index/
      manifest.json     format version, models, counts, pipeline versions, sha256 and size of every file below
      documents.jsonl   one cleaned document per line (text, title, period, sections, locators)
      chunks.jsonl      one chunk per line (text, offsets, section, org, year, page, paragraph)
      dense.faiss       normalised embeddings, row i = chunk i (flat, or IVF + SQ8 from 100,000 chunks)
      sentences.npy     normalised float16 embeddings of every sentence of every chunk (read a block at a time)
      sentence_starts.npy  rows of chunk i's sentences: starts[i]:starts[i+1]
      dense-multilingual.faiss  the chunks in the multilingual space, when the index has one (its sentences
                        are embedded when an answer reads them; an index written before that also holds
                        sentences-multilingual.npy and sentence_starts-multilingual.npy, still read)
      bm25/             bm25s index over context path + passage

A new index is written to a sibling temporary directory (``new_index_dir``), sealed with its manifest, and
renamed into place, so a crash or a failed ingest leaves the previous index as it was. Anything that writes
this format (``index.store.save_index``, the benchmark's synthetic collections) goes through here.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from ingest.errors import PNIError
from ingest.types import Chunk, Document, Period, Section

from .errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError

__all__ = [
    "FORMAT_VERSION",
    "Manifest",
    "new_index_dir",
    "seal",
    "read_manifest",
    "verify_files",
    "recover",
    "index_lock",
    "chunk_from_dict",
    "chunk_to_dict",
    "document_from_dict",
    "document_to_dict",
    "write_jsonl",
    "read_jsonl",
    "read_chunks",
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
    sizes: dict[str, int] = field(default_factory=dict)  # relative path -> bytes (manifests before it: none)


@contextmanager
def index_lock(index_dir: Path) -> Iterator[None]:
    """One writer at a time per index directory (a second `pni ingest` waits for the first)."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            _tidy(index_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tidy(index_dir: Path) -> None:
    """What writers killed midway left beside ``index_dir``, put right by the next one (which holds the lock, so no
    writer is using them): a previous index moved aside before the new one went in is put back (``recover``), and
    removed once a new one is in place; a half-written new index is removed. Each is as large as the index."""
    recover(index_dir)
    leftovers = [*index_dir.parent.glob(f".{index_dir.name}.new-*")]
    if (index_dir / _MANIFEST).is_file():
        leftovers += index_dir.parent.glob(f".{index_dir.name}.old-*")
    for leftover in leftovers:
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def new_index_dir(index_dir: Path) -> Iterator[Path]:
    """A temporary sibling of ``index_dir`` to write a whole index into; when the block ends without an error
    (and the caller has sealed it) it replaces ``index_dir``, else it is removed and the old index stays."""
    index_dir = index_dir.resolve()
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.new-", dir=index_dir.parent))
    try:
        yield tmp
        if not (tmp / _MANIFEST).is_file():
            raise PNIError(f"internal: the index written in {tmp} was not sealed with a manifest")
        _swap_into_place(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def seal(directory: Path, manifest: Manifest) -> Manifest:
    """Record every file in ``directory`` (sha256 and size) in ``manifest``, write it, and flush it all to disk."""
    written = [p for p in sorted(directory.rglob("*")) if p.is_file() and p.name != _MANIFEST]
    files = {str(p.relative_to(directory)): _sha256(p) for p in written}
    sizes = {str(p.relative_to(directory)): p.stat().st_size for p in written}
    manifest = replace(manifest, files=files, sizes=sizes)
    (directory / _MANIFEST).write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
    for path in directory.rglob("*"):
        if path.is_file():
            _fsync(path)
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
    index_dir = recover(index_dir)
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


# Memory-mapped at load, read a few rows per question: their size is checked at load (a truncated file),
# their checksum by `verify_files(..., full=True)` (`pni status --verify`), since hashing them would read
# gigabytes at every start of a large collection's server.
_MAPPED = ("sentences.npy", "sentences-multilingual.npy")


def verify_files(index_dir: Path, manifest: Manifest, full: bool = False) -> None:
    """Every file the manifest lists is there with its size; files read whole at load (and, with ``full``,
    every file) also match their sha256. An IndexCorruptError names the first that does not."""
    for name, digest in manifest.files.items():
        path = index_dir / name
        size = manifest.sizes.get(name)
        mapped = name in _MAPPED and size is not None
        if (
            not path.is_file()
            or (size is not None and path.stat().st_size != size)
            or ((full or not mapped) and _sha256(path) != digest)
        ):
            raise IndexCorruptError(
                f"The index at {index_dir} is damaged ({name} is missing or changed): "
                "rebuild it with `pni ingest --rebuild PATH`."
            )


def recover(index_dir: Path) -> Path:
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


# Fields a report's chunks repeat: one string object per distinct value instead of one per chunk (JSON
# parsing makes a new one each time), about 300 MB at a million chunks.
_SHARED = ("doc_id", "title", "section", "org", "context")


def chunk_from_dict(data: dict[str, Any]) -> Chunk:
    for name in _SHARED:
        value = data.get(name)
        if isinstance(value, str):
            data[name] = sys.intern(value)
    return Chunk(**{**data, "mentions": tuple(data.get("mentions", ())), "years": tuple(data.get("years", ()))})


def read_chunks(path: Path) -> list[Chunk]:
    """The chunks of ``chunks.jsonl``, each built as its line is read (no list of a million dicts first)."""
    with open(path, encoding="utf-8") as handle:
        return [chunk_from_dict(json.loads(line)) for line in handle if line.strip()]


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


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
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
