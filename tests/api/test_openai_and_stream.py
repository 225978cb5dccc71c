"""Streaming (/api/ask/stream) and the OpenAI-compatible API (/v1), end to end through a real `pni serve`,
the latter with the official `openai` client."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import openai
import pytest

from api.stream import pieces

pytestmark = pytest.mark.model

BASEL = "What did the Basel Institute do in 2020?"
FOLLOW_UP = "What is its new programme on environmental degradation called?"


def _events(url: str, body: dict[str, Any]) -> list[tuple[str, dict[str, Any], float]]:
    """(event, data, seconds since the request) for each event of the stream."""
    started = time.perf_counter()
    events: list[tuple[str, dict[str, Any], float]] = []
    with httpx.stream("POST", url + "/api/ask/stream", json=body, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        name = "message"
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((name, json.loads(line.removeprefix("data: ")), time.perf_counter() - started))
    return events


def test_the_stream_sends_citations_then_deltas_then_the_whole_answer(server_url: str) -> None:
    events = _events(server_url, {"question": FOLLOW_UP, "history": [{"role": "user", "content": BASEL}]})
    names = [name for name, _, _ in events]
    assert names[0] == "citations" and names[-1] == "done" and set(names[1:-1]) == {"delta"}
    first, done = events[0][1], events[-1][1]
    # The text arrives in pieces, one per cited statement or line (a direct question's answer is one sentence).
    assert len(names) - 2 == len(pieces(done["answer"])) >= 1
    overview = [name for name, _, _ in _events(server_url, {"question": BASEL})]
    assert overview.count("delta") >= 3  # an activity list streams line by line
    assert first["query"].endswith("(Basel, 2020)") and first["citations"][0]["org"] == "Basel"
    assert events[0][2] <= events[-1][2]
    # The deltas add up to the answer; done is the /api/ask response.
    assert "".join(data["text"] for name, data, _ in events if name == "delta") == done["answer"]
    assert "Green Corruption" in done["answer"] and done["writer"] == "extractive"
    plain = httpx.post(
        server_url + "/api/ask",
        json={"question": FOLLOW_UP, "history": [{"role": "user", "content": BASEL}]},
        timeout=60,
    )
    assert {k: v for k, v in plain.json().items() if k != "timings_ms"} == {
        k: v for k, v in done.items() if k != "timings_ms"
    }


def test_an_abstention_streams_too_and_bad_input_is_a_json_422(server_url: str) -> None:
    events = _events(server_url, {"question": "What did HEUNI do in 2017?"})
    done = events[-1][1]
    assert events[0][1]["citations"] == [] and done["abstained"] and "2020" in done["answer"]
    response = httpx.post(server_url + "/api/ask/stream", json={"question": "  "}, timeout=30)
    assert response.status_code == 422 and "question is blank" in response.json()["error"]


def test_the_openai_client_lists_the_model_and_gets_cited_answers(server_url: str) -> None:
    client = openai.OpenAI(base_url=server_url + "/v1", api_key="not-needed", max_retries=0)
    assert [m.id for m in client.models.list()] == ["pni-reports"]
    reply = client.chat.completions.create(
        model="pni-reports",
        messages=[
            {"role": "system", "content": "You are helpful."},
            {"role": "user", "content": BASEL},
            {"role": "assistant", "content": "The Basel Institute ..."},
            {"role": "user", "content": FOLLOW_UP},
        ],
    )
    content = reply.choices[0].message.content or ""
    assert "Green Corruption" in content and "[1]" in content and "\n\nSources:\n[1] " in content
    assert reply.choices[0].finish_reason == "stop"
    extra = reply.model_extra or {}
    assert extra["citations"][0]["org"] == "Basel" and extra["pni"]["query"].endswith("(Basel, 2020)")


def test_the_openai_client_streams(server_url: str) -> None:
    client = openai.OpenAI(base_url=server_url + "/v1", api_key="not-needed", max_retries=0)
    chunks = list(
        client.chat.completions.create(
            model="pni-reports", messages=[{"role": "user", "content": "When was NAUSS founded?"}], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert "1978" in text and "Sources:" in text
    assert chunks[0].choices[0].delta.role == "assistant" and chunks[-1].choices[0].finish_reason == "stop"
    assert (chunks[-1].model_extra or {})["citations"][0]["org"] == "NAUSS"


def test_openai_errors_come_in_the_openai_shape(server_url: str) -> None:
    client = openai.OpenAI(base_url=server_url + "/v1", api_key="not-needed", max_retries=0)
    with pytest.raises(openai.UnprocessableEntityError) as caught:
        client.chat.completions.create(model="pni-reports", messages=[{"role": "assistant", "content": "hi"}])
    assert "last user message" in caught.value.message
    with pytest.raises(openai.UnprocessableEntityError):
        client.chat.completions.create(model="pni-reports", messages=[])


class _FailsMidway:
    """An assistant whose answer breaks after the citations went out (fault injection for the error event)."""

    def stream(self, question: str, history: object = None, k: int = 5):  # type: ignore[no-untyped-def]
        from api.stream import Started
        from ingest.errors import PNIError

        yield Started([], question, "extractive")
        raise PNIError("the index changed under the answer: ask again")


def test_a_failure_after_the_stream_started_is_an_error_event() -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    with TestClient(create_app(assistant=_FailsMidway())) as client:  # type: ignore[arg-type]
        response = client.post("/api/ask/stream", json={"question": "What did HEUNI do in 2020?"})
    lines = [line for line in response.text.splitlines() if line]
    assert lines[0] == "event: citations" and lines[-2] == "event: error"
    assert json.loads(lines[-1].removeprefix("data: ")) == {"error": "the index changed under the answer: ask again"}
