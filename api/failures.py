"""Failures nobody planned for: one JSON body for each, with an id that is also in the server log.

Errors raised on purpose (``PNIError``) carry their own status and message. Anything else is a bug or a
broken dependency (a database that went away mid-query, a file deleted under the index): the client gets
``{"error": "internal error", "id": "..."}`` (the OpenAI error shape on /v1) and the log gets the traceback
under the same id, so a user's report can be matched to its cause. Never a stack trace, never plain text.
"""

from __future__ import annotations

import json
import logging
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ingest.errors import PNIError

__all__ = ["CatchAll", "INTERNAL", "error_body", "failure"]

log = logging.getLogger("pni")
INTERNAL = "internal error"


def error_body(path: str, message: str, status: int, error_id: str | None = None) -> dict[str, object]:
    """{"error": message} on /api (plus "id" for an internal error); the OpenAI error shape on /v1, which
    OpenAI clients parse."""
    if path.startswith("/v1/"):
        kind = {401: "authentication_error", 404: "not_found_error"}.get(status, "invalid_request_error")
        if status >= 500:
            kind = "server_error"
        error: dict[str, object] = {"message": message, "type": kind, "param": None, "code": status}
        if error_id:
            error["id"] = error_id
        return {"error": error}
    return {"error": message, "id": error_id} if error_id else {"error": message}


def failure(exc: BaseException, where: str) -> tuple[str, int, str | None]:
    """(message, status, id) for a client: a PNIError's own message, or "internal error" with a fresh id
    under which the traceback is logged."""
    if isinstance(exc, PNIError):
        log.warning("%s: %s", where, exc.message)
        return exc.message, exc.status, None
    error_id = uuid.uuid4().hex[:12]
    log.error("internal error %s in %s", error_id, where, exc_info=exc)
    return INTERNAL, 500, error_id


class CatchAll:
    """A pure ASGI middleware: an exception that escapes the app becomes a JSON 500 with an id. Once a
    response has started (a stream) nothing else can be sent: the streams end themselves with an error
    event (api/routes.py, api/openai_compat.py) and this only logs what still escapes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # the last line of defence: whatever it is, the client gets JSON
            path = str(scope.get("path", ""))
            message, status, error_id = failure(exc, f"{scope.get('method', '')} {path}")
            if started:
                return
            body = json.dumps(error_body(path, message, status, error_id)).encode()
            headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
