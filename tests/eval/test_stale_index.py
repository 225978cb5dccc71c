"""`pni eval` scores the index it finds: when an older ingestion derived it, the figures are not this code's,
and it says so with what to run (as `pni status` does), instead of printing them as if they were."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from index.build import update_index
from index.store import load_index, save_index
from tests.conftest import PNI, ROOT


@pytest.mark.model
def test_eval_says_when_an_older_ingestion_derived_its_index(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    reports, index_dir = tmp_path / "reports", tmp_path / "index"
    reports.mkdir()
    (reports / "heuni-2021.md").write_text("# HEUNI 2021\n\nIn 2021 HEUNI trained 60 labour inspectors.\n")
    update_index(index_dir, [reports], real_embedder)
    gold = tmp_path / "gold.jsonl"
    question = {"id": "q1", "type": "number", "question": "How many labour inspectors did HEUNI train in 2021?"}
    gold.write_text(json.dumps({**question, "answers": ["60"], "gold": ["trained 60 labour inspectors"]}) + "\n")
    args = ["eval", "--index-dir", str(index_dir), "--gold", str(gold), "--systems", "assistant", "--report-dir", "-"]
    env = {**os.environ, "PNI_MULTILINGUAL": "false"}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(PNI), *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)

    # One question scores below the gold set's floors (exit 1): what matters here is what it says first.
    fresh = run()
    assert "| assistant |" in fresh.stdout, fresh.stderr
    assert "older ingestion" not in fresh.stdout + fresh.stderr

    store = load_index(index_dir, lambda _: real_embedder, real_embedder.name)
    # As after an upgrade: the index was written by a pipeline whose cleaner this code no longer is.
    store.manifest = replace(store.manifest, pipeline={**store.manifest.pipeline, "cleaner": "older"})
    save_index(store, index_dir)
    stale = run()
    assert "| assistant |" in stale.stdout, stale.stderr
    assert "1 of 1 documents were derived by an older ingestion" in stale.stderr, stale.stderr
    assert "pni ingest" in stale.stderr
