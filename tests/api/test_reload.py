"""Ingest while serving: `pni ingest` into the index a live `pni serve` uses; the server keeps answering
from the old index and switches to the new one once it is complete, with no failed request."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import CORPUS, PNI, ROOT, start_server

pytestmark = pytest.mark.model

FAST = {"PNI_MULTILINGUAL": "0", "PNI_RELOAD_INTERVAL": "0.2"}


def _ingest(paths: list[Path], index_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PNI_MULTILINGUAL": "0"}
    return subprocess.run(
        [str(PNI), "ingest", *map(str, paths), "--index-dir", str(index_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def test_a_new_index_is_switched_to_without_failing_a_request(tmp_path: Path) -> None:
    first, second = tmp_path / "un", tmp_path / "kicj"
    first.mkdir()
    second.mkdir()
    shutil.copy(CORPUS / "un-pni-institutes-activities-2020.txt", first)
    shutil.copy(CORPUS / "kicj-un-international-cooperation-2023.txt", second)
    index_dir = tmp_path / "index"
    assert _ingest([first], index_dir).returncode == 0
    proc, url = start_server(index_dir, tmp_path / "serve.log", FAST)
    try:
        assert httpx.get(url + "/api/health").json()["documents"] == 1
        statuses: list[int] = []
        stop = threading.Event()

        def hammer() -> None:
            with httpx.Client(timeout=30) as client:
                while not stop.is_set() and len(statuses) < 5000:
                    response = client.post(url + "/api/ask", json={"question": "What did HEUNI do in 2020?"})
                    statuses.append(response.status_code)

        thread = threading.Thread(target=hammer)
        thread.start()
        try:
            result = _ingest([first, second], index_dir)
            assert result.returncode == 0, result.stderr
            deadline = time.monotonic() + 60
            while httpx.get(url + "/api/health").json()["documents"] != 2:
                assert time.monotonic() < deadline, "the server did not switch to the new index"
                time.sleep(0.2)
        finally:
            stop.set()
            thread.join()
        assert statuses and set(statuses) == {200}, f"{len(statuses)} requests, statuses {set(statuses)}"
        answer = httpx.post(
            url + "/api/ask",
            json={"question": "What was the main theme of the 2023 KICJ International Forum?"},
            timeout=30,
        ).json()
        assert "Transnational Organized Crime" in answer["answer"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "switched to the new index" in (tmp_path / "serve.log").read_text()
