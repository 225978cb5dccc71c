"""Crash safety: `pni ingest` killed with SIGKILL at points spread over its run never leaves an index that
fails to load or answers wrongly; the previous index (or the finished new one) still loads and answers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, PNI, ROOT

pytestmark = pytest.mark.model

ENV = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PNI_MULTILINGUAL": "0"}


def _pni(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PNI), *args], capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=300)


def test_sigkill_during_ingest_leaves_a_loadable_index_that_answers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "un-pni-institutes-activities-2020.txt", corpus)
    index_dir = tmp_path / "index"
    assert _pni("ingest", str(corpus), "--index-dir", str(index_dir)).returncode == 0
    # Each round adds a report and kills the ingest after a different delay: during start-up, parsing,
    # encoding and writing. Bounded: 6 rounds.
    extra = (CORPUS / "kicj-un-international-cooperation-2023.txt").read_text(encoding="utf-8")
    outcomes = []
    for round_, delay in enumerate((0.3, 1.5, 3.0, 4.0, 5.0, 6.5)):
        (corpus / f"copy-{round_}.txt").write_text(extra.replace("2023", str(2030 + round_)), encoding="utf-8")
        proc = subprocess.Popen(
            [str(PNI), "ingest", str(corpus), "--index-dir", str(index_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            env=ENV,
            start_new_session=True,
        )
        time.sleep(delay)
        finished = proc.poll() is not None
        if not finished:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        status = _pni("status", "--index-dir", str(index_dir))
        assert status.returncode == 0, f"round {round_} (killed after {delay} s): {status.stdout}{status.stderr}"
        answer = _pni("ask", "What did HEUNI do in 2020?", "--json", "--index-dir", str(index_dir))
        assert answer.returncode == 0, answer.stderr
        body = json.loads(answer.stdout)
        assert not body["abstained"] and body["citations"][0]["org"] == "HEUNI" and "FLOW" in body["answer"]
        outcomes.append("finished" if finished else "killed")
    assert "killed" in outcomes
    # A run left alone completes, and what was killed midway is not left lying around.
    assert _pni("ingest", str(corpus), "--index-dir", str(index_dir)).returncode == 0
    assert "7 documents" in _pni("status", "--index-dir", str(index_dir)).stdout  # the report and 6 copies
    # No half-written index directories left beside it (the lock file stays, by design).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".index.lock", "corpus", "index"]


def test_the_next_writer_removes_what_a_killed_one_left_half_written(tmp_path: Path) -> None:
    """A writer killed while it wrote its new index leaves that directory behind (gigabytes at scale); the next
    one to hold the lock removes it, and a previous index a crash left mid-swap is put back, not removed."""
    from index.disk import index_lock

    index_dir = tmp_path / "index"
    half = tmp_path / ".index.new-k1ll3d"
    half.mkdir()
    (half / "chunks.jsonl").write_text('{"partial": ', encoding="utf-8")
    previous = tmp_path / ".index.old-4242"  # killed between moving the old index aside and the new one in
    previous.mkdir()
    (previous / "manifest.json").write_text("{}", encoding="utf-8")
    other = tmp_path / ".reports.new-abc"  # another index's: not ours to touch
    other.mkdir()
    with index_lock(index_dir):
        pass
    assert not half.exists()
    assert other.exists()
    assert (index_dir / "manifest.json").exists() and not previous.exists()


def test_the_next_writer_removes_a_previous_index_a_killed_one_left_beside_the_new(tmp_path: Path) -> None:
    """Killed after the new index went in but before the previous one was deleted: the previous one is dead weight
    (as large as the index) once the new one is in place with its manifest."""
    from index.disk import index_lock

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text("{}", encoding="utf-8")
    previous = tmp_path / ".index.old-4242"
    previous.mkdir()
    (previous / "manifest.json").write_text("{}", encoding="utf-8")
    with index_lock(index_dir):
        pass
    assert not previous.exists()
    assert (index_dir / "manifest.json").exists()
