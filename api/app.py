"""The FastAPI application: ``create_app(settings)`` loads the index once, in the lifespan."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from index.embed import E5Embedder, SentenceTransformerEmbedder
from index.hybrid import HybridRetriever
from index.korean import has_hangul
from index.korean import warm as warm_korean
from index.query import prepare
from index.rerank import CrossEncoderReranker
from index.store import StoreBase, load_index
from index.types import Embedder
from ingest.errors import InputError, PNIError
from web import STATIC

from .answer import Assistant
from .errors import AuthError
from .failures import CatchAll, error_body, failure
from .limits import BodyLimit, InFlightLimit
from .openai_compat import router as openai_router
from .reload import IndexWatcher, manifest_signature
from .routes import open_router, router
from .security import SecurityHeaders
from .settings import Settings, load_settings, offline_mode
from .writer import OpenAIChatWriter

log = logging.getLogger("pni")


def load_assistant(settings: Settings, current: Assistant | None = None) -> Assistant:
    """Load the index at ``settings.index_dir`` with the configured model; with ``current`` (a reload),
    its loaded models, reranker and writer are reused instead of loaded again."""
    if current is not None:
        embedder = current.store.embedder
        multilingual = current.store.multilingual.embedder if current.store.multilingual else None
        store = open_store(
            settings,
            lambda model: embedder if model == embedder.name else SentenceTransformerEmbedder(model),
            (lambda: multilingual or E5Embedder()) if settings.multilingual else None,
        )
        return Assistant(store, HybridRetriever(store, reranker=current.retriever.reranker), writer=current.writer)
    # In a thread, not waited for: done first it added 0.65 s to start-up (it holds the interpreter, so it does not
    # overlap the load). It is done half a second after the server is ready; a question asked before then waits for
    # it instead of building the same thing (index/query.py), and later ones no longer spend 0.6 s on it.
    threading.Thread(target=prepare, name="prepare-questions", daemon=True).start()
    store = open_store(
        settings, lambda model: SentenceTransformerEmbedder(model), E5Embedder if settings.multilingual else None
    )
    if has_hangul(" ".join(store.lexicon.stems)):  # one search, not one call a stem (a large collection's are many)
        # Before ready, not in a thread: building the Korean analyzer holds the interpreter for seconds, which
        # the first questions would wait out; an index without Korean text never builds it.
        warm_korean()
    reranker = CrossEncoderReranker(settings.reranker) if settings.reranker else None
    return Assistant(store, HybridRetriever(store, reranker=reranker), writer=_writer(settings))


def open_store(
    settings: Settings,
    embedder_factory: Callable[[str], Embedder],
    multilingual_factory: Callable[[], Embedder] | None,
) -> StoreBase:
    """The configured index: PostgreSQL when PNI_DATABASE_URL is set, else the files at index_dir."""
    if settings.database_url is not None:
        from index.pg_store import load_database

        url = settings.database_url.get_secret_value()
        return load_database(url, embedder_factory, settings.model, multilingual_factory)
    return load_index(settings.index_dir, embedder_factory, settings.model, multilingual_factory)


def index_signature(settings: Settings) -> Callable[[], object | None]:
    """What changes when a new index is complete: the manifest file, or the database's generation."""
    if settings.database_url is not None:
        from index.pg_store import database_generation

        url = settings.database_url.get_secret_value()
        return lambda: database_generation(url)
    return lambda: manifest_signature(settings.index_dir)


def index_location(settings: Settings) -> str:
    """Where the index is, for messages: the directory, or the database URL without its password."""
    if settings.database_url is not None:
        from index.pg_schema import redacted

        return redacted(settings.database_url.get_secret_value())
    return str(settings.index_dir)


def _writer(settings: Settings) -> OpenAIChatWriter | None:
    if not settings.llm_base_url:
        return None
    if not settings.llm_model:
        raise InputError(
            f"PNI_LLM_BASE_URL is set ({settings.llm_base_url}) but PNI_LLM_MODEL is not: name the model to use, "
            "e.g. PNI_LLM_MODEL=llama3.2:3b."
        )
    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return OpenAIChatWriter(settings.llm_base_url, settings.llm_model, key, settings.llm_timeout)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The app; pass ``assistant`` to serve an index already in memory (tests, the eval suite)."""
    offline_mode()
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.assistant = assistant
        app.state.load_error = None
        watcher = None
        if assistant is None:
            try:
                app.state.assistant = load_assistant(settings)
            except PNIError as exc:
                # Serve anyway: /api/health answers 503 with the fix instead of the process dying.
                log.error("%s", exc.message)
                app.state.load_error = exc
            if settings.reload_interval > 0:
                # `pni ingest` into the served index: switch once the new one is complete.
                watcher = IndexWatcher(
                    app.state,
                    index_location(settings),
                    index_signature(settings),
                    lambda current: load_assistant(settings, current),
                    settings.reload_interval,
                )
                watcher.start()
        yield
        if watcher is not None:
            watcher.stop()
        if app.state.assistant is not None and assistant is None:
            app.state.assistant.store.close()

    app = FastAPI(
        title="pni-assistant",
        version="0.1.0",
        description="Cited answers from the reports of the UN crime prevention and criminal justice "
        "programme network institutes.",
        lifespan=lifespan,
    )
    app.include_router(open_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.include_router(router)
    app.include_router(openai_router)
    app.add_middleware(InFlightLimit, limit=settings.max_in_flight)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    # Inside the security headers, so a 500 gets them too; outside the limits, so their failures are caught.
    app.add_middleware(CatchAll)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:  # closed unless configured: the page is served from the same origin
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )

    @app.exception_handler(PNIError)
    async def _pni_error(request: Request, exc: PNIError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthError) else None
        return JSONResponse(
            error_body(request.url.path, exc.message, exc.status), status_code=exc.status, headers=headers
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # 404 for unknown paths, 405, 413 for an oversized body: the same {"error": ...} shape as ours.
        message = {
            404: f"No such endpoint: {request.url.path}. The API is listed at /docs.",
            405: f"{request.method} is not allowed on {request.url.path}.",
            413: f"The request body is over {settings.max_body_bytes} bytes: send a shorter question and history.",
        }.get(exc.status_code, str(exc.detail))
        return JSONResponse(
            error_body(request.url.path, message, exc.status_code), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Only what escapes CatchAll (the outermost middlewares) lands here, in Starlette's last handler.
        message, status, error_id = failure(exc, f"{request.method} {request.url.path}")
        return JSONResponse(error_body(request.url.path, message, status, error_id), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        body = error_body(request.url.path, _describe(exc), 422)
        if "detail" not in body:
            body["detail"] = _jsonable(exc.errors())
        return JSONResponse(body, status_code=422)

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
