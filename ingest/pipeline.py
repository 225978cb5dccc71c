"""Files -> Documents -> Chunks, with the bookkeeping incremental ingestion needs."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .acronyms import mine_acronyms
from .clean import clean_pages
from .errors import UnreadableFileError
from .loaders import DEFAULT_MAX_TEXT_MB, SUPPORTED_SUFFIXES, load_file, read_bytes
from .split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE, split_document
from .structure import detect_structure
from .types import Chunk, Document
from .version import pipeline_version

__all__ = ["IngestResult", "FileProblem", "discover_files", "read_document", "ingest_paths", "source_name"]

log = logging.getLogger(__name__)

# Catalogue and housekeeping files sit beside reports in collections; a directory walk skips them
# (name one explicitly to index it).
_HOUSEKEEPING = ("readme", "sources", "license", "licence", "changelog", "index")


@dataclass(frozen=True)
class FileProblem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class IngestResult:
    """What one ``pni ingest`` run found: parsed documents, unchanged ones, and files that failed."""

    parsed: list[tuple[Document, list[Chunk]]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # sources whose content hash is already indexed
    failed: list[FileProblem] = field(default_factory=list)
    skipped: list[FileProblem] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # every source found under the given paths


def source_name(path: Path) -> str:
    """How a file is identified in the index: relative to the working directory when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)


def discover_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileProblem], list[FileProblem]]:
    """Files to ingest under ``paths`` (sorted), plus (failed, skipped) problems found on the way."""
    files: list[Path] = []
    failed: list[FileProblem] = []
    skipped: list[FileProblem] = []
    for path in paths:
        if not path.exists():
            failed.append(FileProblem(str(path), "no such file or directory"))
        elif path.is_dir():
            _walk(path, files, failed, skipped)
        else:
            files.append(path)
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return sorted(unique.values()), failed, skipped


def _walk(root: Path, files: list[Path], failed: list[FileProblem], skipped: list[FileProblem]) -> None:
    # followlinks=False: a symlink loop cannot trap the walk; linked files are still read.
    for dirpath, dirnames, filenames in os.walk(
        root, onerror=lambda e: failed.append(FileProblem(str(e.filename), f"cannot list directory: {e.strerror}"))
    ):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or name.endswith("~"):
                continue
            if Path(name).stem.lower() in _HOUSEKEEPING and path.suffix.lower() in (".md", ".txt", ""):
                skipped.append(FileProblem(str(path), "catalogue/readme file, not a report (name it to index it)"))
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                failed.append(
                    FileProblem(
                        str(path), f"unsupported file type '{path.suffix or '(none)'}': use .pdf, .txt, .md or .html"
                    )
                )
            else:
                files.append(path)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(
    path: Path,
    data: bytes | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
) -> tuple[Document, list[Chunk]]:
    """Load, clean, structure and split one file."""
    if data is None:
        data = read_bytes(path)
    raw = load_file(path, data)
    # Web furniture is stripped from web pages only: HTML, or a text or Markdown file that was saved from one.
    web = {"html": True, "pdf": False}.get(raw.kind)
    markdown = raw.kind in ("md", "html") or raw.marked_headings
    # PDF lines are always wrapped; a text file's may be (then blank lines separate its paragraphs).
    cleaned = clean_pages(raw.pages, markdown=markdown, reflow=True if raw.kind == "pdf" else None, web=web)
    if not cleaned.text.strip():
        raise UnreadableFileError(str(path), "no text left after cleaning")
    structure = detect_structure(cleaned.text, cleaned.headings, raw.title, raw.date)
    digest = content_hash(data)
    doc = Document(
        doc_id=digest[:16],
        source=source_name(path),
        kind=raw.kind,
        title=structure.title or path.stem,
        text=cleaned.text,
        content_hash=digest,
        date=structure.date,
        year=structure.year,
        period=structure.period,
        org=structure.org,
        page_starts=cleaned.page_starts,
        sections=structure.sections,
        locators=structure.locators,
        acronyms=tuple(mine_acronyms(cleaned.text).items()),
        pipeline=pipeline_version(),
    )
    return doc, split_document(doc, chunk_size, chunk_overlap)


def ingest_paths(
    paths: Iterable[Path],
    known_hashes: dict[str, str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    chunk_overlap: int = DEFAULT_CHUNK_OVERLAP,
    on_file: Callable[[Path], None] | None = None,
    max_text_mb: int = DEFAULT_MAX_TEXT_MB,
) -> IngestResult:
    """Parse every file under ``paths``; files whose hash is in ``known_hashes`` are not re-parsed."""
    known_hashes = known_hashes or {}
    files, failed, skipped = discover_files(paths)
    result = IngestResult(failed=failed, skipped=skipped)
    for path in files:
        if on_file:
            on_file(path)
        source = source_name(path)
        result.seen.append(source)
        try:
            data = read_bytes(path, max_text_mb)
            if known_hashes.get(source) == content_hash(data):
                result.unchanged.append(source)
                continue
            doc, chunks = read_document(path, data, chunk_size, chunk_overlap)
        except UnreadableFileError as exc:
            result.failed.append(FileProblem(str(path), exc.reason))
            continue
        except Exception as exc:  # noqa: BLE001 - one file's surprise must not sink the batch
            # A bug of ours or of a library on a file nobody foresaw: the file is named and skipped, the rest
            # indexed; the traceback goes to the log (pni --debug) for the report that fixes it.
            log.debug("reading %s failed", path, exc_info=True)
            what = f"{type(exc).__name__}: {str(exc)[:200]}"
            reason = f"could not be read ({what}); `pni --debug ingest` shows where; please report it"
            result.failed.append(FileProblem(str(path), " ".join(reason.split())))
            continue
        if not chunks:
            result.failed.append(FileProblem(str(path), "no text to index after cleaning"))
            continue
        result.parsed.append((doc, chunks))
    return result
