"""The HTTP API through a real `pni serve` (uvicorn) on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.conftest import start_server

pytestmark = pytest.mark.model


def test_health_reports_the_loaded_index(server_url: str) -> None:
    body = httpx.get(server_url + "/api/health").json()
    assert body == {"status": "ok", "documents": 2, "chunks": body["chunks"], "model": "all-MiniLM-L6-v2"}
    assert body["chunks"] > 50


def test_ask_returns_a_cited_answer(server_url: str) -> None:
    response = httpx.post(server_url + "/api/ask", json={"question": "what did HEUNI do in 2020"}, timeout=60)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"answer", "abstained", "citations", "timings_ms", "query"}
    assert body["abstained"] is False and "[1]" in body["answer"]
    first = body["citations"][0]
    assert set(first) == {
        "n",
        "chunk_id",
        "doc_id",
        "title",
        "section",
        "org",
        "year",
        "page",
        "paragraph",
        "text",
        "score",
        "start",
        "end",
    }
    assert {c["org"] for c in body["citations"]} == {"HEUNI"}


def test_ask_with_history_and_k(server_url: str) -> None:
    body = {
        "question": "Which institute launched the Urban Safety Lab?",
        "k": 3,
        "history": [{"role": "user", "content": "Hello"}, {"role": "assistant", "content": "Hi"}],
    }
    response = httpx.post(server_url + "/api/ask", json=body, timeout=60)
    assert response.status_code == 200 and response.json()["citations"][0]["org"] == "ICPC"


def test_search_returns_ranked_citation_objects(server_url: str) -> None:
    hits = httpx.get(server_url + "/api/search", params={"q": "Green Corruption programme", "k": 3}).json()["hits"]
    assert [h["n"] for h in hits] == [1, 2, 3]
    assert hits[0]["org"] == "Basel" and "Green Corruption" in hits[0]["text"]


def test_documents_and_one_document(server_url: str) -> None:
    docs = httpx.get(server_url + "/api/documents").json()["documents"]
    assert sorted(d["year"] for d in docs) == [2020, 2023]
    un = next(d for d in docs if d["year"] == 2020)
    assert "HEUNI" in un["orgs"] and len(un["orgs"]) == 18
    detail = httpx.get(server_url + f"/api/documents/{un['doc_id']}").json()
    assert detail["title"] == un["title"] and "FLOW project" in detail["text"]
    hit = httpx.get(server_url + "/api/search", params={"q": "FLOW project", "k": 1}).json()["hits"][0]
    assert hit["text"] in detail["text"]
    missing = httpx.get(server_url + "/api/documents/does-not-exist")
    assert missing.status_code == 404 and "/api/documents" in missing.json()["error"]


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ({"question": ""}, "question: String should have at least 1 character"),
        ({"question": "   "}, "question is blank"),
        ({"question": "x" * 2001}, "question: String should have at most 2000 characters"),
        ({"question": "HEUNI?", "k": 0}, "k: Input should be greater than or equal to 1"),
        ({"question": "HEUNI?", "k": 21}, "k: Input should be less than or equal to 20"),
        ({"question": "HEUNI?", "history": [{"role": "system", "content": "x"}]}, "history.0.role"),
        ({}, "question: Field required"),
    ],
)
def test_bad_input_is_a_422_a_person_can_act_on(server_url: str, payload: dict[str, object], fragment: str) -> None:
    response = httpx.post(server_url + "/api/ask", json=payload)
    assert response.status_code == 422
    assert fragment in response.json()["error"]


def test_malformed_json_is_a_422_with_an_example(server_url: str) -> None:
    response = httpx.post(
        server_url + "/api/ask", content=b'{"question": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "malformed JSON" in response.json()["error"] and "What did HEUNI do in 2020?" in response.json()["error"]


def test_no_index_is_a_503_saying_how_to_build_one(tmp_path: Path) -> None:
    proc, url = start_server(tmp_path / "empty-index", tmp_path / "serve.log")
    try:
        for response in (httpx.get(url + "/api/health"), httpx.post(url + "/api/ask", json={"question": "HEUNI?"})):
            assert response.status_code == 503
            assert "pni ingest" in response.json()["error"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
