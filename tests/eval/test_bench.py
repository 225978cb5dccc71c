"""`make bench` kept working, run as the README says: its smoke run (every section, tiny sizes) against the
test index."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model


def test_the_benchmark_smoke_run_writes_every_section(corpus_index_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "bench.md"
    cache = tmp_path / "synthetic"
    args = f"--smoke --index-dir {corpus_index_dir} --report {report} --corpus {ROOT / 'corpus'} --cache {cache}"
    result = subprocess.run(  # as the README says: `make bench`, here in its smoke form
        ["make", "--no-print-directory", "bench", f"BENCH_ARGS={args}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = report.read_text(encoding="utf-8")
    headings = (
        "Start-up and memory",
        "Query latency",
        "Load",
        "Ingest",
        "PostgreSQL + pgvector",
        "Scale: FAISS",
        "Scale: whole answers",
    )
    for heading in (f"## {h}" for h in headings):
        assert heading in text
    assert "| POST /api/ask over HTTP |" in text and "naive pipeline in process" in text
    load_row = next(line for line in text.splitlines() if line.startswith("| 1 | 4 |"))
    assert load_row.rstrip(" |").endswith("| 0")  # no errors under the smoke load
    assert "| 5,000 | IVF + SQ8" in text
    assert "| PostgreSQL + pgvector | whole answer (Assistant.ask) |" in text
    assert "| PostgreSQL, one process |" in text
    assert "| default corpus | " in text and "| synthetic 2,000 | 2,000 | " in text
    assert (cache / "synthetic-2000" / "manifest.json").is_file()  # kept for the next run
    assert "| ready means warm: the first 10 questions after start-up" in text
