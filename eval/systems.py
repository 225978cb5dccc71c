"""The systems compared side by side: the assistant as served, and what a user would pick instead."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

import bm25s
import faiss
import numpy as np
import Stemmer

from api.answer import Assistant
from api.schemas import AskResponse
from index.lexical import stem_terms
from index.types import Embedder, Hit
from ingest.loaders import load_file
from ingest.pipeline import discover_files

from .gold import GoldItem
from .metrics import Outcome, answer_correct

__all__ = [
    "System",
    "AssistantSystem",
    "TopChunkSystem",
    "ParagraphBM25System",
    "naive_langchain_system",
    "SYSTEM_NAMES",
]

SYSTEM_NAMES = ("assistant", "dense", "bm25", "naive", "bm25-paragraphs")
_STEMMER = Stemmer.Stemmer("english")


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


class ParagraphBM25System:
    """The 30-line script a user could write instead of us: BM25 (bm25s, stemmed, English stop words) over
    the raw files' paragraphs, answer = the best paragraph cut to 400 characters, refused when its score is
    below a threshold. ``calibrate`` picks that threshold on the dev split only."""

    name = "bm25-paragraphs"

    def __init__(self, paths: Sequence[Path], k: int = 5) -> None:
        files, _, _ = discover_files(paths)
        self.paragraphs = [
            " ".join(part.split())
            for path in files
            for page in load_file(path).pages
            for part in page.split("\n\n")
            if len(part.split()) >= 5
        ]
        self.model = bm25s.BM25()
        tokens = bm25s.tokenize(self.paragraphs, stopwords="en", stemmer=_STEMMER, show_progress=False)
        self.model.index(tokens, show_progress=False)
        self.k = k
        self.threshold = 0.0

    def top(self, question: str) -> list[tuple[float, str]]:
        terms = [t for t in stem_terms(question) if t in self.model.vocab_dict]
        if not terms:
            return []
        scores = np.asarray(self.model.get_scores(terms))
        order = np.argsort(-scores)[: self.k]
        return [(float(scores[i]), self.paragraphs[i]) for i in order if scores[i] > 0]

    def calibrate(self, items: Sequence[GoldItem]) -> float:
        """The threshold that makes the most right calls on ``items`` (answerable ones answered correctly,
        unanswerable ones refused); ties go to the lower threshold. Call it with the dev split only."""
        calls = []  # (best paragraph's score, answerable, right if answered)
        for item in items:
            found = self.top(item.question)
            answer = self._answer(found)
            right = answer is not None and answer_correct(answer, item.answers, item.type, abstained=False)
            calls.append((found[0][0] if found else 0.0, item.answerable, right))

        def right_calls(threshold: float) -> int:
            return sum(
                (score >= threshold and right) if answerable else score < threshold
                for score, answerable, right in calls
            )

        self.threshold = max({0.0, math.inf, *(c[0] for c in calls)}, key=lambda t: (right_calls(t), -t))
        return self.threshold

    def run(self, item: GoldItem) -> Outcome:
        started = time.perf_counter()
        found = self.top(item.question)
        latency = (time.perf_counter() - started) * 1000
        answer = self._answer(found) if found and found[0][0] >= self.threshold else None
        if answer is None:
            return Outcome("The reports do not say.", True, [], latency)
        return Outcome(answer, False, [(n, text) for n, (_, text) in enumerate(found, start=1)], latency)

    @staticmethod
    def _answer(found: list[tuple[float, str]]) -> str | None:
        """The best paragraph cut to 400 characters and cited; None when nothing matched."""
        if not found:
            return None
        best = found[0][1]
        return (best if len(best) <= 400 else best[:400].rsplit(" ", 1)[0] + " …") + " [1]"
