"""Ingest throughput: `pni ingest`'s pipeline beside the bare encoder on the same chunks, in one run.

The pipeline embeds more than the chunks: every sentence too (so answers pick sentences in ~10 ms
instead of encoding them per question), and, with PNI_MULTILINGUAL=1, the chunks again with
multilingual-e5-small (that space's sentences are embedded when an answer first reads them). The table
separates what each encoding costs from what the pipeline adds around the encoder (reading, cleaning,
splitting, BM25, writing), which is the overhead to keep small.
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from index.build import update_index
from index.embed import E5Embedder, SentenceTransformerEmbedder
from index.store import index_text, load_index
from ingest.sentences import split_sentences

__all__ = ["IngestRow", "measure_ingest", "synthetic_collection", "ingest_table"]


@dataclass(frozen=True)
class IngestRow:
    collection: str
    chunks: int
    pipeline_s: float
    chunk_encode_s: float  # bare encoder, the same chunk texts
    sentence_encode_s: float
    multilingual_s: float
    multilingual: bool

    @property
    def encode_s(self) -> float:
        return self.chunk_encode_s + self.sentence_encode_s + self.multilingual_s

    @property
    def overhead(self) -> float:
        """What the pipeline adds beyond the encodings it needs, as a share of the bare encodings."""
        return (self.pipeline_s - self.encode_s) / self.encode_s if self.encode_s else 0.0


def synthetic_collection(source: Path, target: Path, pages: int, seed: int = 7) -> Path:
    """``pages`` report-like pages (Markdown, ~2,500 characters each) recombined from the paragraphs of
    the real corpus, under fresh headings, 20 pages per file."""
    rng = random.Random(seed)
    paragraphs = []
    for path in sorted(source.glob("*")):
        if path.suffix.lower() in (".md", ".txt", ".html"):
            text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8", errors="replace"))
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 200]
    if not paragraphs:
        raise SystemExit(f"No text paragraphs to recombine under {source}.")
    target.mkdir(parents=True, exist_ok=True)
    for number in range(0, pages, 20):
        lines = [f"# Synthetic annual report {number // 20 + 1}", ""]
        for page in range(number, min(number + 20, pages)):
            lines += [f"## Section {page + 1}", ""]
            size = 0
            while size < 2500:
                paragraph = rng.choice(paragraphs)
                lines += [paragraph, ""]
                size += len(paragraph)
        (target / f"report-{number // 20 + 1:04d}.md").write_text("\n".join(lines), encoding="utf-8")
    return target


def measure_ingest(name: str, paths: list[Path], multilingual: bool) -> IngestRow:
    """Time `update_index` (a full build) and then the bare encoders on the chunks it made."""
    embedder = SentenceTransformerEmbedder()
    e5 = E5Embedder() if multilingual else None
    embedder.embed_documents(["warm up"])
    if e5:
        e5.embed_documents(["warm up"])
        e5.batch_engine()  # both engines loaded before the clock starts, as the main model is
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        update_index(Path(tmp) / "index", paths, embedder, rebuild=True, multilingual=e5)
        pipeline = time.perf_counter() - started
        store = load_index(Path(tmp) / "index", lambda _: embedder, embedder.name)
        texts = [index_text(c) for c in store.chunks]
        sentences = [s for c in store.chunks for s in split_sentences(c.text)]
    started = time.perf_counter()
    embedder.embed_documents(texts)
    chunk_s = time.perf_counter() - started
    started = time.perf_counter()
    embedder.embed_documents(sentences)
    sentence_s = time.perf_counter() - started
    multilingual_s = 0.0
    if e5:
        started = time.perf_counter()
        e5.embed_documents(texts)
        multilingual_s = time.perf_counter() - started
    return IngestRow(name, len(texts), pipeline, chunk_s, sentence_s, multilingual_s, multilingual)


def ingest_table(rows: list[IngestRow]) -> str:
    head = (
        "| collection | multilingual | chunks | pni ingest s | chunks/s | bare encoder on the chunks s | chunks/s "
        "| + sentences s | + multilingual s | pipeline beyond its encodings |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r.collection} | {'on' if r.multilingual else 'off'} | {r.chunks} | {r.pipeline_s:.1f} | "
            f"{r.chunks / r.pipeline_s:.1f} | {r.chunk_encode_s:.1f} | {r.chunks / r.chunk_encode_s:.1f} | "
            f"{r.sentence_encode_s:.1f} | {r.multilingual_s:.1f} | {r.overhead:+.0%} |"
        )
    return "\n".join(lines)
