"""Overload protection: at most ``limit`` requests in flight per server process; beyond that, an
immediate 503 with Retry-After instead of a queue that grows without bound (a pure ASGI middleware,
so streamed answers count until their last byte). Health and the page's static files are never refused.

Clients that ignore Retry-After and ask again at once can turn refusals into the server's main work and
starve the answers in progress (measured: 88,000 refusals and 138 answers in 20 s from 400 wrk
connections). So past ``FLOOD`` refusals in a second, each further refusal waits out its Retry-After
before it is sent: it costs a sleeping coroutine, not CPU.
"""

from __future__ import annotations

import asyncio
import json
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .failures import error_body

__all__ = ["InFlightLimit", "BodyLimit", "BUSY_MESSAGE"]

BUSY_MESSAGE = "The server is busy answering other questions: retry in a moment."
_GUARDED = ("/api/", "/v1/")
_OPEN = ("/api/health",)
FLOOD = 50  # immediate refusals per second and process; later ones wait RETRY_AFTER first
RETRY_AFTER = 1.0


class InFlightLimit:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit
        self.in_flight = 0  # one event loop per process: no lock needed
        self._second = 0
        self._refused = 0  # refusals sent in self._second

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not path.startswith(_GUARDED) or path in _OPEN:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.limit:
            now = int(time.monotonic())
            self._second, self._refused = (now, 0) if now != self._second else (now, self._refused)
            self._refused += 1
            if self._refused > FLOOD:
                await asyncio.sleep(RETRY_AFTER)
            await _busy(path, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1


async def _busy(path: str, send: Send) -> None:
    payload = error_body(path, BUSY_MESSAGE, 503)
    # Closing the connection makes a client that ignores Retry-After reconnect before it can ask again, so
    # a flood of refusals does not starve the requests being answered (eval/reports/reliability.md).
    await _json(send, 503, payload, [(b"retry-after", b"1"), (b"connection", b"close")])


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
        payload = error_body(str(scope.get("path", "")), message, 413)
        length = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.limit:
            await _json(send, 413, payload)
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
                        await _json(send, 413, payload)
                    return {"type": "http.disconnect"}
            return event

        async def guarded_send(event: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 went out; whatever the app says after the disconnect is dropped
            started = started or event["type"] == "http.response.start"
            await send(event)

        await self.app(scope, counted_receive, guarded_send)
