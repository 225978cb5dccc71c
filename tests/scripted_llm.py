"""A small OpenAI-compatible chat server on 127.0.0.1 with scripted replies: real HTTP, no model.

with ScriptedLLM() as llm:
    llm.reply("Green Corruption is ... [1]")   # streamed back in small pieces (or a function of the request)
    llm.fail(500) / llm.stall(seconds)          # an error, or no answer in time
    ... llm.requests[-1]["messages"]            # what the assistant sent
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ScriptedLLM:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self._text: str | Callable[[dict[str, Any]], str] = ""
        self._status = 200
        self._stall = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append({"path": self.path, "headers": dict(self.headers), **body})
                if outer._stall:
                    time.sleep(outer._stall)
                if outer._status != 200:
                    self.send_response(outer._status)
                    self.send_header("content-type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "scripted failure"}}')
                    return
                self.send_response(200)
                self.send_header("content-type", "text/event-stream")
                self.end_headers()
                text = outer._text(body) if callable(outer._text) else outer._text
                for start in range(0, len(text), 7):  # small pieces that cut words and markers apart
                    chunk = {"choices": [{"index": 0, "delta": {"content": text[start : start + 7]}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def reply(self, text: str | Callable[[dict[str, Any]], str]) -> None:
        """Stream ``text`` back; a callable gets the request body (to cite the right passage number)."""
        self._text, self._status, self._stall = text, 200, 0.0

    def fail(self, status: int) -> None:
        self._status, self._stall = status, 0.0

    def stall(self, seconds: float) -> None:
        self._stall = seconds

    def __enter__(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
