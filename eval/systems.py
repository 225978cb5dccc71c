"""The systems compared side by side: the assistant as served, and what a user would pick instead."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

from api.answer import Assistant
from api.schemas import AskResponse
from index.types import Embedder, Hit
from ingest.loaders import load_file
from ingest.pipeline import discover_files

from .gold import GoldItem
from .metrics import Outcome

__all__ = ["System", "AssistantSystem", "TopChunkSystem", "naive_langchain_system", "SYSTEM_NAMES"]

SYSTEM_NAMES = ("assistant", "dense", "bm25", "naive")


class System(Protocol):
    name: str

    def run(self, item: GoldItem) -> Outcome: ...


class AssistantSystem:
    """The /api/ask code path, in process: Assistant.ask, then the response schema."""

    name = "assistant"

    def __init__(self, assistant: Assistant, k: int = 5) -> None:
        self.assistant = assistant
        self.k = k

    def run(self, item: GoldItem) -> Outcome:
        started = time.perf_counter()
        answer = self.assistant.ask(item.question, history=[dict(m) for m in item.history], k=self.k)
        body = AskResponse.model_validate(asdict(answer))
        latency = (time.perf_counter() - started) * 1000
        return Outcome(body.answer, body.abstained, [(c.n, c.text) for c in body.citations], latency)


class TopChunkSystem:
    """A retriever whose answer is its top passage, cited as [1]; the top k are its sources."""

    def __init__(self, name: str, search: Callable[[str, int], Sequence[Hit] | Sequence[str]], k: int = 5) -> None:
        self.name = name
        self.search = search
        self.k = k

    def run(self, item: GoldItem) -> Outcome:
        started = time.perf_counter()
        results = self.search(item.question, self.k)
        texts = [r.chunk.text if isinstance(r, Hit) else r for r in results]
        latency = (time.perf_counter() - started) * 1000
        if not texts:
            return Outcome("No results.", True, [], latency)
        return Outcome(f"{texts[0]} [1]", False, list(enumerate(texts, start=1)), latency)


def naive_langchain_system(paths: Sequence[Path], embedder: Embedder, k: int = 5) -> TopChunkSystem:
    """The tutorial pipeline: raw file text, RecursiveCharacterTextSplitter(1000, 200), same embedder,
    FAISS top-k, answer = top chunk. No cleaning, no structure, no metadata."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    files, _, _ = discover_files(paths)
    chunks: list[str] = []
    for path in files:
        raw = load_file(path)
        chunks += splitter.split_text("\n\n".join(raw.pages))
    vectors = embedder.embed_documents(chunks)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    def search(query: str, top: int) -> list[str]:
        _, ids = index.search(embedder.embed_query(query).reshape(1, -1).astype(np.float32), top)
        return [chunks[i] for i in ids[0] if i >= 0]

    return TopChunkSystem("naive", search, k)
