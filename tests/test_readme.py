"""The README's commands, run the way the README says (on a throwaway index and port): `make serve` on a
machine with no index, then every `curl`, `.venv/bin/pni` and Python snippet of the README against it;
`make eval` writing its report and chart. `make bench` and `make reliability` run in tests/eval; `make
test` is what CI runs on a fresh clone."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT, free_port

pytestmark = pytest.mark.model

README = (ROOT / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def commands(prefix: str) -> list[str]:
    """Whole shell commands of the README's sh blocks that start with ``prefix`` (a command may span
    lines: inside quotes, or after a trailing backslash)."""
    found, pending = [], ""
    for block in blocks("sh"):
        for line in block.splitlines():
            pending = f"{pending}\n{line}" if pending else line
            if pending.count("'") % 2 == 0 and not pending.endswith("\\"):
                if pending.startswith(prefix):
                    found.append(pending)
                pending = ""
    return found


def _replies(text: str) -> list[object]:
    """A JSON body, or the data of each SSE event."""
    stripped = text.strip()
    if stripped.startswith("{"):
        return [json.loads(stripped)]
    data = [line.removeprefix("data: ") for line in stripped.splitlines() if line.startswith("data: ")]
    assert data, f"neither JSON nor a stream: {stripped[:300]}"
    return [d if d == "[DONE]" else json.loads(d) for d in data]


@pytest.fixture(scope="module")
def make_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """`make serve` with no index yet: it indexes corpus/ and serves with the Makefile's defaults."""
    index_dir = tmp_path_factory.mktemp("readme") / "index"
    env = {**os.environ, "PNI_INDEX_DIR": str(index_dir)}
    port = free_port()
    log = tmp_path_factory.mktemp("readme-log") / "make-serve.log"
    with open(log, "wb") as handle:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make, pni and uvicorn's workers: stopped together below
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    try:
        while True:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        assert "2 added" in log.read_text()  # it built the index first
        yield url, env
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def test_the_readme_curl_commands_answer_against_make_serve(make_serve: tuple[str, dict[str, str]]) -> None:
    url, env = make_serve
    curls = commands("curl ")
    assert len(curls) >= 4
    for command in curls:
        command = command.replace("localhost:8000", url.removeprefix("http://"))
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 0, (command, result.stderr)
        replies = _replies(result.stdout)
        assert all(not (isinstance(r, dict) and "error" in r) for r in replies), (command, result.stdout[:500])
        last = replies[-1]
        assert last == "[DONE]" or "answer" in last or "choices" in last, (command, result.stdout[-500:])


def test_the_readme_pni_commands_answer(make_serve: tuple[str, dict[str, str]]) -> None:
    _, env = make_serve
    asks = commands(".venv/bin/pni ask")
    assert len(asks) >= 2
    for command in asks:
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
        assert result.returncode == 0 and "[1]" in result.stdout, (command, result.stdout, result.stderr)


def test_the_readme_python_snippet_runs(make_serve: tuple[str, dict[str, str]]) -> None:
    url, env = make_serve
    snippet = next(block for block in blocks("python") if "OpenAI(" in block)
    code = snippet.replace("http://127.0.0.1:8000", url)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "[1]" in result.stdout and "Sources:" in result.stdout and "chunk_id" in result.stdout


def test_make_eval_writes_the_report_and_the_chart(corpus_index_dir: Path, tmp_path: Path) -> None:
    from matplotlib.image import imread

    env = {**os.environ, "PNI_INDEX_DIR": str(corpus_index_dir)}
    result = subprocess.run(
        ["make", "--no-print-directory", "eval", f"EVAL_ARGS=--report-dir {tmp_path}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "below threshold" not in result.stderr and "Traceback" not in result.stderr
    report = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert "| assistant |" in report and "| naive |" in report and "| bm25-paragraphs |" in report
    assert "| assistant | **dev − test** |" in report  # dev and test side by side, with the gap
    image = imread(tmp_path / "latest.png")
    height, width = image.shape[:2]
    assert width >= 600 and height >= 300 and image.std() > 0  # a chart, not an empty canvas
