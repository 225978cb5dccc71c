"""The FastAPI application: ``create_app(settings)`` loads the index once, in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from index.embed import E5Embedder, SentenceTransformerEmbedder
from index.hybrid import HybridRetriever
from index.rerank import CrossEncoderReranker
from index.store import load_index
from ingest.errors import PNIError

from .answer import Assistant
from .routes import router
from .settings import Settings, offline_mode

log = logging.getLogger("pni")


def load_assistant(settings: Settings) -> Assistant:
    """Load the index at ``settings.index_dir`` with the configured model."""
    store = load_index(
        settings.index_dir,
        lambda model: SentenceTransformerEmbedder(model),
        settings.model,
        E5Embedder if settings.multilingual else None,
    )
    reranker = CrossEncoderReranker(settings.reranker) if settings.reranker else None
    return Assistant(store, HybridRetriever(store, reranker=reranker))


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The app; pass ``assistant`` to serve an index already in memory (tests, the eval suite)."""
    offline_mode()
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.assistant = assistant
        app.state.load_error = None
        if assistant is None:
            try:
                app.state.assistant = load_assistant(settings)
            except PNIError as exc:
                # Serve anyway: /api/health answers 503 with the fix instead of the process dying.
                log.error("%s", exc.message)
                app.state.load_error = exc
        yield

    app = FastAPI(
        title="pni-assistant",
        version="0.1.0",
        description="Cited answers from the reports of the UN crime prevention and criminal justice "
        "programme network institutes.",
        lifespan=lifespan,
    )
    app.include_router(router)

    @app.exception_handler(PNIError)
    async def _pni_error(_: Request, exc: PNIError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": _describe(exc), "detail": _jsonable(exc.errors())}, status_code=422)

    return app


def _describe(exc: RequestValidationError) -> str:
    """ "question: String should have at most 2000 characters" — the first problem, in words."""
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query"))
        if error.get("type") == "json_invalid":
            parts.append(
                f"malformed JSON body ({error.get('ctx', {}).get('error', 'invalid JSON')}): "
                'send e.g. {"question": "What did HEUNI do in 2020?"}'
            )
        else:
            message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
            parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts) or "invalid request"


def _jsonable(errors: object) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for error in errors if isinstance(errors, list | tuple) else []:
        out.append(
            {
                k: (v if isinstance(v, str | int | float | list | tuple | None) else str(v))
                for k, v in dict(error).items()
                if k != "ctx"
            }
        )
    return out
