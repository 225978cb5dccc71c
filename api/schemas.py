"""The HTTP contract (pydantic models appear only here, at the boundary)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

MAX_QUESTION = 2000


class Message(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=20_000)


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, examples=["What did HEUNI do in 2020?"])
    history: list[Message] = Field(default_factory=list, max_length=50)
    k: int | None = Field(default=None, ge=1, le=20, description="passages to retrieve (default 5)")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question is blank: ask something, e.g. 'What did HEUNI do in 2020?'")
        return value


class CitationOut(BaseModel):
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
    start: int = Field(default=0, description="offset of the passage in the document's text")
    end: int = Field(default=0, description="end offset of the passage in the document's text")


class AskResponse(BaseModel):
    answer: str
    abstained: bool
    citations: list[CitationOut]
    query: str = Field(description="the question as it was searched (a follow-up made standalone)")
    timings_ms: dict[str, float]
    writer: str = Field(default="extractive", description="'extractive', or 'llm:<model>' when an LLM wrote it")
    warnings: list[str] = Field(default_factory=list, description="fallbacks and removed sentences, in words")


class SearchResponse(BaseModel):
    hits: list[CitationOut]


class HealthResponse(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str


class SectionOut(BaseModel):
    heading: str
    level: int
    org: str | None
    start: int
    end: int


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    source: str
    kind: str
    date: str | None
    year: int | None
    org: str | None
    orgs: list[str] = Field(description="organisations with a section in the document")
    chunks: int
    pages: int | None


class DocumentsResponse(BaseModel):
    documents: list[DocumentOut]


class DocumentDetail(DocumentOut):
    text: str
    sections: list[SectionOut]


class ErrorResponse(BaseModel):
    error: str
    id: str | None = Field(default=None, description="on a 500: the id under which the server logged the cause")
    detail: list[dict[str, object]] | None = None
