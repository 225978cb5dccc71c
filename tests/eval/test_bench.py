"""The benchmark script keeps working (a seconds-long smoke run; no timing is asserted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval import bench

pytestmark = pytest.mark.model


def test_bench_smoke_run_writes_a_report(corpus_index_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "bench.md"
    assert (
        bench.main(["--index-dir", str(corpus_index_dir), "--rounds", "1", "--questions", "3", "--report", str(report)])
        == 0
    )
    text = report.read_text()
    for row in ("POST /api/ask over HTTP", "GET /api/search over HTTP", "Assistant.ask in process"):
        line = next(line for line in text.splitlines() if line.startswith(f"| {row} |"))
        assert line.split("|")[2].strip() == "3"  # three requests were timed
