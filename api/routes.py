"""HTTP routes. Handlers are plain ``def``: FastAPI runs them (and sync generators) in its thread pool,
which keeps the CPU-bound encoder off the event loop."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.sse import EventSourceResponse, ServerSentEvent

from index.errors import IndexNotFoundError
from ingest.errors import PNIError
from ingest.types import Document

from .answer import Assistant
from .citations import citation_for_hit
from .errors import AuthError, DocumentNotFoundError
from .failures import error_body, failure
from .schemas import (
    MAX_QUESTION,
    AskRequest,
    AskResponse,
    CitationOut,
    DocumentDetail,
    DocumentOut,
    DocumentsResponse,
    ErrorResponse,
    HealthResponse,
    SearchResponse,
    SectionOut,
)
from .types import Delta, Finished, Started

log = logging.getLogger("pni")


def require_key(request: Request) -> None:
    """With PNI_API_KEY set, every route but health needs ``Authorization: Bearer <key>``."""
    key = request.app.state.settings.api_key
    if key is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip(), key.get_secret_value()):
        raise AuthError("Missing or wrong API key: send the header 'Authorization: Bearer <PNI_API_KEY>'.")


def get_assistant(request: Request) -> Assistant:
    """The loaded assistant, or the 503 that says how to build an index (before any response starts)."""
    assistant: Assistant | None = getattr(request.app.state, "assistant", None)
    if assistant is None:
        error: PNIError | None = getattr(request.app.state, "load_error", None)
        raise error or IndexNotFoundError("The index is not loaded yet: run `pni ingest corpus/` and restart.")
    return assistant


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
_ERRORS: dict[int | str, dict[str, object]] = {
    401: {"model": ErrorResponse, "description": "PNI_API_KEY is set and the request lacks it"},
    422: {"model": ErrorResponse, "description": "Invalid input"},
    503: {"model": ErrorResponse, "description": "No usable index: the message says how to build one"},
}
# The stream's errors are JSON, not events: said explicitly, as the route's own media type is text/event-stream.
_JSON_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}
_STREAM_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"description": str(spec["description"]), "content": _JSON_ERROR} for code, spec in _ERRORS.items()
}
open_router = APIRouter(prefix="/api")  # health stays open for load balancers and probes
router = APIRouter(prefix="/api", dependencies=[Depends(require_key)])


@open_router.get("/health", response_model=HealthResponse, responses=_ERRORS)
def health(assistant: AssistantDep) -> HealthResponse:
    """200 once the index is loaded; 503 (with the fix) when there is none."""
    store = assistant.store
    return HealthResponse(
        status="ok", documents=len(store.documents), chunks=len(store.chunks), model=store.manifest.model
    )


@router.post("/ask", response_model=AskResponse, responses=_ERRORS)
def ask(body: AskRequest, request: Request, assistant: AssistantDep) -> AskResponse:
    """Answer a question from the reports; every statement cites a passage as [n]."""
    answer = assistant.ask(
        body.question,
        history=[m.model_dump() for m in body.history],
        k=body.k or request.app.state.settings.k,
    )
    return AskResponse.model_validate(asdict(answer))


@router.post("/ask/stream", response_class=EventSourceResponse, responses=_STREAM_ERRORS)
def ask_stream(body: AskRequest, request: Request, assistant: AssistantDep) -> Iterator[ServerSentEvent]:
    """The answer as Server-Sent Events: ``citations`` (the passages, and the question as searched),
    ``delta`` events with the answer text as it is produced, then ``done`` with the same object
    /api/ask returns (whose ``answer`` is the one to show). A failure midway is an ``error`` event."""
    try:  # everything, composing the answer included, runs after the response started: end with an event
        events = assistant.stream(
            body.question,
            history=[m.model_dump() for m in body.history],
            k=body.k or request.app.state.settings.k,
        )
        for event in events:
            if isinstance(event, Started):
                citations = [CitationOut.model_validate(asdict(c)).model_dump() for c in event.citations]
                yield ServerSentEvent(
                    event="citations", data={"citations": citations, "query": event.query, "writer": event.writer}
                )
            elif isinstance(event, Delta):
                yield ServerSentEvent(event="delta", data={"text": event.text})
            elif isinstance(event, Finished):
                yield ServerSentEvent(event="done", data=AskResponse.model_validate(asdict(event.answer)).model_dump())
    except Exception as exc:  # a status can no longer be sent, an event can: PNIError or not, JSON and an end
        message, status, error_id = failure(exc, "POST /api/ask/stream")
        yield ServerSentEvent(event="error", data=error_body("/api/", message, status, error_id))


@router.get("/search", response_model=SearchResponse, responses=_ERRORS)
def search(
    assistant: AssistantDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION, description="search text")],
    k: Annotated[int, Query(ge=1, le=20)] = 10,
) -> SearchResponse:
    """The best passages for ``q``, best first, as citation objects (n = rank)."""
    hits = assistant.search(q, k)
    return SearchResponse.model_validate({"hits": [asdict(citation_for_hit(i + 1, h)) for i, h in enumerate(hits)]})


@router.get("/documents", response_model=DocumentsResponse, responses=_ERRORS)
def documents(assistant: AssistantDep) -> DocumentsResponse:
    """Every indexed document with its metadata."""
    store = assistant.store
    return DocumentsResponse(documents=[_document_out(d, len(store.chunks_of(d.doc_id))) for d in store.documents])


@router.get("/documents/{doc_id}", response_model=DocumentDetail, responses={404: {"model": ErrorResponse}, **_ERRORS})
def document(doc_id: str, assistant: AssistantDep) -> DocumentDetail:
    """One document: metadata, sections and the cleaned text that chunk offsets point into."""
    store = assistant.store
    doc = store.by_doc_id.get(doc_id)
    if doc is None:
        raise DocumentNotFoundError(f"No document with id '{doc_id}': list them at /api/documents.")
    out = _document_out(doc, len(store.chunks_of(doc.doc_id)))
    return DocumentDetail(
        **out.model_dump(),
        text=doc.text,
        sections=[
            SectionOut(heading=s.heading, level=s.level, org=s.org, start=s.start, end=s.end) for s in doc.sections
        ],
    )


def _document_out(doc: Document, chunks: int) -> DocumentOut:
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
        chunks=chunks,
        pages=len(doc.page_starts) or None,
    )
