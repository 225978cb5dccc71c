"""HTTP routes. Handlers are plain ``def``: FastAPI runs them in its thread pool, which keeps the
CPU-bound encoder off the event loop."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request

from ingest.errors import DocumentNotFoundError, IndexNotFoundError, PNIError
from ingest.types import Document

from .answer import Assistant, citation_for_hit
from .schemas import (
    MAX_QUESTION,
    AskRequest,
    AskResponse,
    DocumentDetail,
    DocumentOut,
    DocumentsResponse,
    ErrorResponse,
    HealthResponse,
    SearchResponse,
    SectionOut,
)

router = APIRouter(prefix="/api")
_ERRORS: dict[int | str, dict[str, object]] = {
    422: {"model": ErrorResponse, "description": "Invalid input"},
    503: {"model": ErrorResponse, "description": "No usable index: the message says how to build one"},
}


def _assistant(request: Request) -> Assistant:
    assistant: Assistant | None = getattr(request.app.state, "assistant", None)
    if assistant is None:
        error: PNIError | None = getattr(request.app.state, "load_error", None)
        raise error or IndexNotFoundError("The index is not loaded yet: run `pni ingest corpus/` and restart.")
    return assistant


@router.get("/health", response_model=HealthResponse, responses=_ERRORS)
def health(request: Request) -> HealthResponse:
    """200 once the index is loaded; 503 (with the fix) when there is none."""
    store = _assistant(request).store
    return HealthResponse(
        status="ok", documents=len(store.documents), chunks=len(store.chunks), model=store.manifest.model
    )


@router.post("/ask", response_model=AskResponse, responses=_ERRORS)
def ask(body: AskRequest, request: Request) -> AskResponse:
    """Answer a question from the reports; every statement cites a passage as [n]."""
    assistant = _assistant(request)
    answer = assistant.ask(
        body.question,
        history=[m.model_dump() for m in body.history],
        k=body.k or request.app.state.settings.k,
    )
    return AskResponse.model_validate(asdict(answer))


@router.get("/search", response_model=SearchResponse, responses=_ERRORS)
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION, description="search text")],
    k: Annotated[int, Query(ge=1, le=20)] = 10,
) -> SearchResponse:
    """The best passages for ``q``, best first, as citation objects (n = rank)."""
    hits = _assistant(request).search(q, k)
    return SearchResponse.model_validate({"hits": [asdict(citation_for_hit(i + 1, h)) for i, h in enumerate(hits)]})


@router.get("/documents", response_model=DocumentsResponse, responses=_ERRORS)
def documents(request: Request) -> DocumentsResponse:
    """Every indexed document with its metadata."""
    store = _assistant(request).store
    return DocumentsResponse(documents=[_document_out(d, store.chunks) for d in store.documents])


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses={404: {"model": ErrorResponse}, **_ERRORS})
def document(doc_id: str, request: Request) -> DocumentDetail:
    """One document: metadata, sections and the cleaned text that chunk offsets point into."""
    store = _assistant(request).store
    doc = store.by_doc_id.get(doc_id)
    if doc is None:
        raise DocumentNotFoundError(f"No document with id '{doc_id}': list them at /api/documents.")
    out = _document_out(doc, store.chunks)
    return DocumentDetail(
        **out.model_dump(),
        text=doc.text,
        sections=[
            SectionOut(heading=s.heading, level=s.level, org=s.org, start=s.start, end=s.end) for s in doc.sections
        ],
    )


def _document_out(doc: Document, chunks: list) -> DocumentOut:  # type: ignore[type-arg]
    orgs = list(dict.fromkeys(s.org for s in doc.sections if s.org))
    return DocumentOut(
        doc_id=doc.doc_id,
        title=doc.title,
        source=doc.source,
        kind=doc.kind,
        date=doc.date,
        year=doc.year,
        org=doc.org,
        orgs=orgs,
        chunks=sum(1 for c in chunks if c.doc_id == doc.doc_id),
        pages=len(doc.page_starts) or None,
    )
