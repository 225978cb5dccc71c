"""The answer layer's shared types: what an answer is, what it cites, and the events of a streamed one.
Plain frozen dataclasses, no logic; the HTTP shapes of them are in api/schemas.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingest.types import Chunk

__all__ = ["Citation", "Answer", "Composed", "Started", "Delta", "Finished", "StreamEvent"]


@dataclass(frozen=True)
class Composed:
    """What a composition stage returns: text whose statements carry ``{chunk_id}`` placeholders, the passages
    they cite with their retrieval scores, and whether it is a refusal (one may still quote the closest
    passage). api/answer.py numbers the citations and makes it an Answer."""

    text: str
    cited: list[tuple[Chunk, float]] = field(default_factory=list)
    abstained: bool = False


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    doc_id: str
    title: str
    section: str | None
    org: str | None
    year: int | None
    page: int | None
    paragraph: str | None
    text: str
    score: float
    start: int = 0  # offsets of the passage in its document's text (GET /api/documents/{doc_id})
    end: int = 0


@dataclass(frozen=True)
class Answer:
    answer: str
    abstained: bool
    citations: list[Citation]
    query: str
    timings_ms: dict[str, float] = field(default_factory=dict)
    writer: str = "extractive"  # or "llm:<model>" when an LLM wrote it from the passages
    warnings: list[str] = field(default_factory=list)  # fallbacks, removed sentences: what the user should know


@dataclass(frozen=True)
class Started:
    """A stream's first event: the passages the answer may cite, and the question as searched."""

    citations: list[Citation]
    query: str
    writer: str


@dataclass(frozen=True)
class Delta:
    text: str


@dataclass(frozen=True)
class Finished:
    answer: Answer


StreamEvent = Started | Delta | Finished
