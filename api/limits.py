"""Overload protection: at most ``limit`` requests in flight per server process; beyond that, an
immediate 503 with Retry-After instead of a queue that grows without bound (a pure ASGI middleware,
so streamed answers count until their last byte). Health and the page's static files are never refused.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["InFlightLimit", "BodyLimit", "BUSY_MESSAGE"]

BUSY_MESSAGE = "The server is busy answering other questions: retry in a moment."
_GUARDED = ("/api/", "/v1/")
_OPEN = ("/api/health",)


class InFlightLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0  # one event loop per process: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith(_GUARDED) or path in _OPEN:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            await _busy(path, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


async def _busy(path: str, send: Send) -> None:
    if path.startswith("/v1/"):
        payload: dict[str, object] = {"error": {"message": BUSY_MESSAGE, "type": "server_error", "code": 503}}
    else:
        payload = {"error": BUSY_MESSAGE}
    await _json(send, 503, payload, [(b"retry-after", b"1")])


async def _json(
    send: Send, status: int, payload: dict[str, object], extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 with a JSON message for a body over ``limit`` bytes: at once when Content-Length says so, and
    for a chunked body as soon as the bytes read pass the limit (the app then sees a disconnect)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"The request body is over {self.limit} bytes: send a shorter question and history."
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.limit:
            await _json(send, 413, {"error": message})
            return
        received = 0
        refused = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > self.limit:
                    refused = True
                    if not started:
                        await _json(send, 413, {"error": message})
                    return {"type": "http.disconnect"}
            return event

        async def guarded_send(event: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 went out; whatever the app says after the disconnect is dropped
            started = started or event["type"] == "http.response.start"
            await send(event)

        await self.app(scope, counted_receive, guarded_send)
