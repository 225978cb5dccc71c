"""The operator's view of failures: `curl` against a real `pni serve` whose index is deleted while it runs,
and against one whose PostgreSQL goes away. Every reply is JSON, every stream ends (with [DONE] on /v1)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from api.answer import Assistant
from eval.local_postgres import create_database, local_postgres
from index.pg_build import copy_store
from tests.conftest import start_server

pytestmark = pytest.mark.model

QUESTION = "Which institute trained corrections officers from the Manila City Jail?"


def curl(url: str, path: str, body: dict[str, object] | None = None) -> tuple[int, str]:
    """(status, body) as curl reports them; -N so a stream is read as it comes."""
    command = ["curl", "-sN", "--max-time", "120", "-w", "\n%{http_code}", url + path]
    if body is not None:
        command += ["-H", "content-type: application/json", "-d", json.dumps(body)]
    out = subprocess.run(command, capture_output=True, text=True, timeout=150, check=True).stdout
    text, _, status = out.rpartition("\n")
    return int(status), text


def _check_every_endpoint(url: str) -> list[int]:
    """Ask every endpoint; assert each reply is JSON or a stream that ended; the statuses, in order."""
    statuses = []
    for path, body in (
        ("/api/health", None),
        ("/api/ask", {"question": QUESTION}),
        ("/api/search?q=Manila", None),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": QUESTION}]}),
    ):
        status, text = curl(url, path, body)
        json.loads(text)  # JSON, whatever the status
        statuses.append(status)
    status, text = curl(url, "/api/ask/stream", {"question": QUESTION})
    if status == 200:
        last = [line for line in text.splitlines() if line.startswith("event: ")][-1]
        assert last in ("event: done", "event: error"), text[-500:]
    else:
        json.loads(text)
    statuses.append(status)
    status, text = curl(url, "/v1/chat/completions", {"stream": True, "messages": [{"role": "user", "content": "hi"}]})
    if status == 200:
        assert text.rstrip().endswith("data: [DONE]"), text[-500:]
    else:
        json.loads(text)
    statuses.append(status)
    return statuses


def test_an_index_deleted_while_serving_keeps_answering_from_memory(corpus_index_dir: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(corpus_index_dir, index)
    proc, url = start_server(index, tmp_path / "serve.log", {"PNI_RELOAD_INTERVAL": "0.2"})
    try:
        assert _check_every_endpoint(url) == [200] * 6
        shutil.rmtree(index)
        time.sleep(1)  # several reload checks see it gone
        assert _check_every_endpoint(url) == [200] * 6
        status, text = curl(url, "/api/ask", {"question": QUESTION})
        assert "UNAFEI" in text or "Asia and Far East" in text
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "is gone" in (tmp_path / "serve.log").read_text()  # the operator is told, once


def test_a_database_that_goes_away_gets_json_and_finished_streams(assistant: Assistant, tmp_path: Path) -> None:
    with local_postgres(tmp_path / "pg") as server:
        database_url = create_database(server, "pni_failing")
        copy_store(assistant.store, database_url)  # type: ignore[arg-type]
        proc, url = start_server(tmp_path / "unused", tmp_path / "serve.log", {"PNI_DATABASE_URL": database_url})
        try:
            assert _check_every_endpoint(url) == [200] * 6
        except BaseException:
            proc.kill()
            raise
    try:  # the server has stopped: every answer needs the database now
        statuses = _check_every_endpoint(url)
        assert statuses[1] == 503 and statuses[2] == 503 and statuses[3] == 503, statuses
        status, text = curl(url, "/api/ask", {"question": QUESTION})
        assert status == 503 and json.loads(text)["error"].startswith("The database query failed")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
