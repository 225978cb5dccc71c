"""The `pni` command as users run it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PNI, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PNI), *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.mark.parametrize("command", ["ingest", "ask", "search", "serve", "status", "eval"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout and f"pni {command}" in result.stdout
    assert "--index-dir" in result.stdout


@pytest.mark.model
def test_ingest_reports_bad_files_by_name_and_exits_non_zero(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (corpus_copy / "empty.txt").write_bytes(b"")
    result = run("ingest", str(corpus_copy), "--index-dir", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "broken.pdf: not a readable PDF" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "2 added" in result.stdout and "2 documents" in result.stdout
    status = run("status", "--index-dir", str(tmp_path / "index"))
    assert status.returncode == 0 and "2 documents" in status.stdout


@pytest.mark.model
def test_ask_json_prints_the_api_shape(corpus_index_dir: Path) -> None:
    result = run("ask", "What is the Green Corruption programme?", "--json", "--index-dir", str(corpus_index_dir))
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert set(body) == {"answer", "abstained", "citations", "query", "timings_ms", "writer", "warnings"}
    assert body["citations"][0]["org"] == "Basel" and "[1]" in body["answer"]


@pytest.mark.model
def test_ask_prints_answer_and_sources(corpus_index_dir: Path) -> None:
    result = run("ask", "What did HEUNI do in 2020?", "--index-dir", str(corpus_index_dir))
    assert result.returncode == 0
    assert "FLOW" in result.stdout and "[1] Activities of the institutes" in result.stdout


def test_ask_without_an_index_says_what_to_do(tmp_path: Path) -> None:
    result = run("ask", "What did HEUNI do?", "--index-dir", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: No index at") and "pni ingest" in result.stderr
    assert "Traceback" not in result.stderr


def test_status_without_an_index_exits_1(tmp_path: Path) -> None:
    result = run("status", "--index-dir", str(tmp_path / "none"))
    assert result.returncode == 1 and "pni ingest" in result.stderr
