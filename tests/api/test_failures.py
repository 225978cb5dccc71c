"""Whatever fails, wherever: the client gets JSON, and a stream that started ends with an error event (and
[DONE] on /v1). A failure is injected into each stage a question passes through, in a real uvicorn on
loopback, and every endpoint is asked; an unexpected error is a 500 whose id is in the server log with its
traceback, and its details never reach the client."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
import uvicorn

from api.answer import Assistant
from api.app import create_app
from index.build import update_index
from index.errors import DatabaseError
from index.store import load_index
from tests.conftest import free_port
from tests.fakes import HashEmbedder

QUESTION = "Which institute developed the FLOW project?"
SECRET = "password=hunter2 at /srv/pni/secret.py line 12"  # what an internal error must never show


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CORPUS

    target = tmp_path_factory.mktemp("failures") / "index"
    update_index(target, [CORPUS], HashEmbedder())
    return target


@contextmanager
def serving(assistant: Assistant) -> Iterator[str]:
    """The app in a real uvicorn on 127.0.0.1, in a thread of this process, so a test can break its parts."""
    port = free_port()
    # ws="none": the API has no WebSocket route, and older uvicorn's websockets module warns on import.
    config = uvicorn.Config(create_app(assistant=assistant), host="127.0.0.1", port=port, log_level="error", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class _BrokenWriter:
    """An LLM writer with a bug: one sentence, then an exception that is not a WriterError."""

    name = "broken"

    def write(self, question: str, passages: Any) -> Iterator[str]:
        yield "The Institute worked on trafficking [1]. "
        raise RuntimeError(SECRET)


def _raiser(error: Exception) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise error

    return fail


def _break(stage: str, assistant: Assistant, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    """Make ``stage`` raise ``error``, in the order a question flows."""
    if stage == "history":
        monkeypatch.setattr("api.answer.standalone_question", _raiser(error))
    elif stage == "understanding":
        monkeypatch.setattr(assistant, "analyze", _raiser(error))
    elif stage == "embedding":
        monkeypatch.setattr(assistant.store.embedder, "embed_query", _raiser(error))
    elif stage == "store":
        monkeypatch.setattr(assistant.store, "fused", _raiser(error))
    elif stage == "composition":
        monkeypatch.setattr(assistant.facts, "compose", _raiser(error))
        monkeypatch.setattr(assistant.overview, "compose", _raiser(error))
    elif stage == "citations":
        monkeypatch.setattr("api.answer.cite", _raiser(error))
    elif stage == "writer":
        assistant.writer = _BrokenWriter()  # type: ignore[assignment]
    else:
        raise AssertionError(stage)


def _events(response: httpx.Response) -> list[tuple[str, Any]]:
    events, name = [], "message"
    for line in response.text.splitlines():
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            data = line.removeprefix("data: ")
            events.append((name, data if data == "[DONE]" else json.loads(data)))
            name = "message"
    return events


STAGES = ["history", "understanding", "embedding", "store", "composition", "citations", "writer"]


@pytest.mark.parametrize("stage", STAGES)
def test_an_unexpected_error_in_any_stage_is_json_with_an_id_in_the_log(
    stage: str, index_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    embedder = HashEmbedder()
    assistant = Assistant(load_index(index_dir, lambda _: embedder, embedder.name))
    _break(stage, assistant, monkeypatch, RuntimeError(SECRET))
    caplog.set_level(logging.ERROR, logger="pni")
    with serving(assistant) as url:
        ask = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=30)
        stream = httpx.post(url + "/api/ask/stream", json={"question": QUESTION}, timeout=30)
        body = {"model": "pni-reports", "messages": [{"role": "user", "content": QUESTION}]}
        chat = httpx.post(url + "/v1/chat/completions", json=body, timeout=30)
        chat_stream = httpx.post(url + "/v1/chat/completions", json={**body, "stream": True}, timeout=30)

    ids = []
    assert ask.status_code == 500 and ask.headers["content-type"] == "application/json"
    assert set(ask.json()) == {"error", "id"} and ask.json()["error"] == "internal error"
    ids.append(ask.json()["id"])

    assert stream.status_code == 200  # the stream had started: its end says what happened
    events = _events(stream)
    assert events[-1][0] == "error" and events[-1][1]["error"] == "internal error"
    assert "done" not in [name for name, _ in events]
    ids.append(events[-1][1]["id"])

    assert chat.status_code == 500
    error_object = chat.json()["error"]
    assert error_object["type"] == "server_error" and error_object["message"] == "internal error"
    ids.append(error_object["id"])

    chunks = _events(chat_stream)
    assert chunks[-1][1] == "[DONE]" and chunks[-2][1]["error"]["message"] == "internal error"
    ids.append(chunks[-2][1]["error"]["id"])

    for response in (ask, stream, chat, chat_stream):
        assert SECRET not in response.text and "Traceback" not in response.text
    # Each failure has its own id, and the log holds it with the traceback and the cause.
    assert len(set(ids)) == 4
    for error_id in ids:
        record = next(r for r in caplog.records if error_id in r.getMessage())
        assert record.exc_info is not None and SECRET in str(record.exc_info[1])


@pytest.mark.parametrize("stage", ["store", "embedding", "composition"])
def test_a_known_failure_keeps_its_status_and_message_everywhere(
    stage: str, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = HashEmbedder()
    assistant = Assistant(load_index(index_dir, lambda _: embedder, embedder.name))
    message = "The database query failed: server closed the connection unexpectedly"
    _break(stage, assistant, monkeypatch, DatabaseError(message))
    with serving(assistant) as url:
        ask = httpx.post(url + "/api/ask", json={"question": QUESTION}, timeout=30)
        stream = httpx.post(url + "/api/ask/stream", json={"question": QUESTION}, timeout=30)
        body = {"model": "pni-reports", "messages": [{"role": "user", "content": QUESTION}]}
        chat_stream = httpx.post(url + "/v1/chat/completions", json={**body, "stream": True}, timeout=30)
        search = httpx.get(url + "/api/search", params={"q": QUESTION}, timeout=30)
    assert ask.status_code == 503 and ask.json() == {"error": message}
    assert _events(stream)[-1] == ("error", {"error": message})
    chunks = _events(chat_stream)
    assert chunks[-1][1] == "[DONE]" and chunks[-2][1]["error"]["message"] == message
    if stage in ("store", "embedding"):  # search uses these two stages only
        assert search.status_code == 503 and search.json() == {"error": message}
    else:
        assert search.status_code == 200 and search.json()["hits"]


def test_the_official_openai_client_gets_an_error_not_a_hang(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = HashEmbedder()
    assistant = Assistant(load_index(index_dir, lambda _: embedder, embedder.name))
    _break("store", assistant, monkeypatch, RuntimeError(SECRET))
    with serving(assistant) as url:
        client = openai.OpenAI(base_url=url + "/v1", api_key="unused", max_retries=0, timeout=30)
        messages: Any = [{"role": "user", "content": QUESTION}]
        with pytest.raises(openai.APIError, match="internal error"):
            for _ in client.chat.completions.create(model="pni-reports", messages=messages, stream=True):
                pass
        with pytest.raises(openai.InternalServerError, match="internal error"):
            client.chat.completions.create(model="pni-reports", messages=messages)


def test_a_failure_in_a_route_outside_the_answer_is_json_too(index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    embedder = HashEmbedder()
    assistant = Assistant(load_index(index_dir, lambda _: embedder, embedder.name))
    monkeypatch.setattr("api.routes._document_out", _raiser(OSError(SECRET)))
    with serving(assistant) as url:
        listing = httpx.get(url + "/api/documents", timeout=30)
        page = httpx.get(url + "/", timeout=30)
    assert listing.status_code == 500 and listing.json()["error"] == "internal error" and SECRET not in listing.text
    assert listing.headers["x-content-type-options"] == "nosniff"  # the security headers are on errors too
    assert page.status_code == 200  # the rest keeps working
