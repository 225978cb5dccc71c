"""`make reliability` kept working, run as the README says: its smoke run (every section, tiny sizes)
against the test index, with its claims holding even at that size."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model


def test_the_reliability_smoke_run_writes_every_section_and_its_claims_hold(
    corpus_index_dir: Path, tmp_path: Path
) -> None:
    report = tmp_path / "reliability.md"
    args = f"--smoke --index-dir {corpus_index_dir} --report {report} --corpus {ROOT / 'corpus'}"
    result = subprocess.run(  # as the README says: `make reliability`, here in its smoke form
        ["make", "--no-print-directory", "reliability", f"RELIABILITY_ARGS={args}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    text = report.read_text(encoding="utf-8")
    assert result.returncode == 0, text[:3000] + result.stderr[-2000:]
    headings = ("Summary", "Sustained load", "Overload", "Fuzz", "Crash during ingest", "Damaged index")
    for heading in headings:
        assert f"## {heading}" in text
    summary = text.split("## Summary")[1].split("## Sustained load")[0]
    assert summary.count("| yes |") == 6 and "**no**" not in summary
    assert "**different answer**" not in text and "**crash**" not in text
