"""The API never answers 500: limits, overload, path tricks and bad bodies all get a 4xx/503 with a JSON
message, through a real `pni serve` on 127.0.0.1 (in-flight limit lowered to 2 to make overload cheap)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import start_server

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def url(corpus_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("limits") / "serve.log"
    proc, base = start_server(corpus_index_dir, log, {"PNI_MAX_IN_FLIGHT": "2"})
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_overload_is_refused_with_503_and_retry_after_not_queued(url: str) -> None:
    statuses: list[int] = []
    refusals: list[httpx.Response] = []
    for _ in range(5):  # bounded: a few bursts until the limit is seen
        start = threading.Barrier(24)

        def ask(start: threading.Barrier = start) -> None:
            start.wait()
            response = httpx.post(
                url + "/api/ask", json={"question": "What did HEUNI do in 2020?", "k": 20}, timeout=60
            )
            statuses.append(response.status_code)
            if response.status_code == 503:
                refusals.append(response)

        threads = [threading.Thread(target=ask) for _ in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if refusals:
            break
    assert set(statuses) <= {200, 503} and 200 in statuses and refusals
    assert refusals[0].headers["retry-after"] == "1" and "busy" in refusals[0].json()["error"]
    assert httpx.get(url + "/api/health").status_code == 200  # health is never refused


def test_an_oversized_body_gets_413_with_a_message(url: str) -> None:
    history = [{"role": "user", "content": "x" * 19_000}] * 60
    response = httpx.post(url + "/api/ask", json={"question": "Why?", "history": history}, timeout=30)
    assert response.status_code == 413 and "bytes" in response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/api/documents/..%252F..%252Fetc%252Fpasswd",
        "/api/documents/....//....//etc/passwd",
        "/static/..%2F..%2Fpyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
    ],
)
def test_path_tricks_are_404_and_leak_nothing(url: str, path: str) -> None:
    response = httpx.get(url + path)
    assert response.status_code == 404, path
    assert "root:" not in response.text and "[project]" not in response.text
    assert response.headers["content-type"].startswith("application/json") and response.json()["error"]


def test_unknown_paths_methods_and_bodies_get_json_errors(url: str) -> None:
    missing = httpx.get(url + "/api/nothing-here")
    assert missing.status_code == 404 and "No such endpoint" in missing.json()["error"]
    wrong_method = httpx.get(url + "/api/ask")
    assert wrong_method.status_code == 405 and "not allowed" in wrong_method.json()["error"]
    broken = httpx.post(url + "/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and "malformed JSON" in broken.json()["error"]
    not_json = httpx.post(url + "/api/ask", content=b"question=hi", headers={"content-type": "text/plain"})
    assert not_json.status_code == 422 and not_json.json()["error"]
    too_many = httpx.post(
        url + "/api/ask", json={"question": "Why?", "history": [{"role": "user", "content": "a"}] * 51}
    )
    assert too_many.status_code == 422 and "history" in too_many.json()["error"]
    bad_k = httpx.get(url + "/api/search", params={"q": "HEUNI", "k": 1000})
    assert bad_k.status_code == 422 and "k" in bad_k.json()["error"]


def test_a_chunked_body_without_a_length_is_cut_off_too(url: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "Why?", "history": ['
        for _ in range(200):
            yield b'{"role": "user", "content": "' + b"x" * 10_000 + b'"},'
        yield b'{"role": "user", "content": "end"}]}'

    response = httpx.post(url + "/api/ask", content=chunks(), headers={"content-type": "application/json"}, timeout=30)
    assert response.status_code == 413 and "bytes" in response.json()["error"]
