"""The `pni` command as users run it."""

from __future__ import annotations

import json
import os
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


def test_status_verify_reads_every_file_a_server_only_sizes(tmp_path: Path, corpus_copy: Path) -> None:
    from index.build import update_index
    from tests.fakes import HashEmbedder

    update_index(tmp_path / "index", [corpus_copy], HashEmbedder())
    vectors = tmp_path / "index" / "sentences.npy"
    data = vectors.read_bytes()
    vectors.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # same size, one bit changed
    assert run("status", "--index-dir", str(tmp_path / "index")).returncode == 0
    verified = run("status", "--verify", "--index-dir", str(tmp_path / "index"))
    assert verified.returncode == 1 and "sentences.npy is missing or changed" in verified.stderr


@pytest.mark.parametrize(
    ("command", "variable", "value", "allowed"),
    [
        (("ask", "What did HEUNI do?"), "PNI_K", "abc", "a whole number from 1 to 20"),
        (("status",), "PNI_LLM_TIMEOUT", "0", "a number above 0 and at most 600"),
        (("search", "FLOW"), "PNI_MULTILINGUAL", "maybe", "true or false"),
        (("eval",), "PNI_MAX_BODY_BYTES", "12", "a whole number of at least 1024"),
    ],
)
def test_a_bad_setting_is_one_line_naming_it_with_exit_2(
    command: tuple[str, ...], variable: str, value: str, allowed: str
) -> None:
    env = {**os.environ, variable: value}
    result = subprocess.run([str(PNI), *command], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {variable}={value!r} is not valid") and allowed in result.stderr


def test_a_bad_flag_value_is_named_as_the_flag() -> None:
    result = run("serve", "--port", "70000")
    assert result.returncode == 2 and result.stderr.startswith("error: --port=70000 is not valid")
    assert "from 1 to 65535" in result.stderr


def test_a_bad_question_is_one_line_with_exit_2(tmp_path: Path) -> None:
    result = run("ask", "x" * 2001, "--index-dir", str(tmp_path))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "question: String should have at most 2000 characters" in result.stderr
