"""Stateless replicas: two real `pni serve` processes on one PostgreSQL answer the same questions the same
way, and an ingest into the database is served by both once it commits, with no restart."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from api.answer import Assistant
from index.pg_build import copy_store
from tests.conftest import PNI, ROOT, start_server

pytestmark = pytest.mark.model

QUESTIONS = [
    "What did HEUNI do in 2020?",
    "Where is UNAFEI based?",
    "What will the weather be like in Vienna tomorrow?",
    "한국형사법무정책연구원은 2023년에 무엇을 했나요?",
]
NOTE = (
    "# ICCLR note 2021\n\nIn 2021 the International Centre for Criminal Law Reform opened a forensic "
    "linguistics laboratory in Kamloops to study coerced confessions.\n"
)


def _comparable(body: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in body.items() if k != "timings_ms"}


def _documents(url: str) -> int:
    return int(httpx.get(url + "/api/health", timeout=10).json().get("documents", 0))


def test_two_replicas_answer_alike_and_both_serve_a_new_ingest(
    assistant: Assistant, database_url: str, tmp_path: Path
) -> None:
    copy_store(assistant.store, database_url)  # type: ignore[arg-type]
    env = {"PNI_DATABASE_URL": database_url, "PNI_RELOAD_INTERVAL": "0.5"}
    servers = [start_server(tmp_path / "unused", tmp_path / f"serve-{i}.log", env) for i in range(2)]
    try:
        urls = [url for _, url in servers]
        for question in QUESTIONS:
            bodies = [httpx.post(u + "/api/ask", json={"question": question}, timeout=60).json() for u in urls]
            assert _comparable(bodies[0]) == _comparable(bodies[1]), question
        assert bodies[0]["citations"], "the Korean question is answered from the English reports"

        new = tmp_path / "new"
        new.mkdir()
        (new / "icclr-note-2021.md").write_text(NOTE, encoding="utf-8")
        ingest = subprocess.run(
            [str(PNI), "ingest", str(new)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", **env},
            timeout=600,
        )
        assert ingest.returncode == 0, ingest.stderr
        assert "1 added" in ingest.stdout and "3 documents" in ingest.stdout
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and any(_documents(u) != 3 for u in urls):
            time.sleep(0.5)
        assert [_documents(u) for u in urls] == [3, 3]
        question = "What laboratory did ICCLR open in 2021?"
        bodies = [httpx.post(u + "/api/ask", json={"question": question}, timeout=60).json() for u in urls]
        assert _comparable(bodies[0]) == _comparable(bodies[1])
        assert "Kamloops" in bodies[0]["answer"] and bodies[0]["citations"][0]["title"].startswith("ICCLR note")
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=30)
