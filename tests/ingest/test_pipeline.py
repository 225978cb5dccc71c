"""One file's surprise never sinks the batch: it is named with a one-line reason, the rest is read."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ingest import pipeline


def test_an_unexpected_error_in_one_file_fails_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "good.txt").write_text("In 2021 the Institute trained 40 judges in Nairobi.")
    (tmp_path / "odd.txt").write_text("A layout nobody foresaw.")
    clean = pipeline.clean_pages

    def breaks_on_odd(pages: list[str], **options: object) -> object:
        # Stands in for a bug of ours on a file nobody foresaw (the kind that once raised
        # "ValueError: _Block(...) is not in list" at the 7th of 120 PDFs and indexed nothing).
        if "nobody foresaw" in pages[0]:
            raise ValueError("_Block(text='-') is not in list")
        return clean(pages, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "clean_pages", breaks_on_odd)
    with caplog.at_level(logging.DEBUG, logger="ingest.pipeline"):
        result = pipeline.ingest_paths([tmp_path])
    assert [doc.source.rsplit("/", 1)[-1] for doc, _ in result.parsed] == ["good.txt"]
    [problem] = result.failed
    assert problem.path.endswith("odd.txt")
    assert "ValueError: _Block(text='-') is not in list" in problem.reason and "\n" not in problem.reason
    assert "pni --debug ingest" in problem.reason
    assert "Traceback" in caplog.text  # the whole story is in the debug log


def test_every_module_that_derives_a_document_belongs_to_a_stage() -> None:
    # A module outside every stage changes documents without making them stale: periods.py once was.
    from ingest.version import STAGES

    staged = {name for files in STAGES.values() for name in files}
    plumbing = {"__init__.py", "errors.py", "types.py", "version.py", "pipeline.py", "lazy.py"}
    modules = {path.name for path in Path(pipeline.__file__).parent.glob("*.py")}
    assert modules - plumbing == staged
