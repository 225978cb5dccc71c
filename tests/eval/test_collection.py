"""The test collection's PDFs (eval/collection): rendered the same way every time, in two layouts whose text
pypdf can extract page by page, with the furniture the ingestion must cope with."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from eval.collection.render import render_all


def test_the_collection_renders_to_the_same_pdfs_every_time(tmp_path: Path) -> None:
    first = render_all(tmp_path / "a")
    second = render_all(tmp_path / "b")
    assert len(first) >= 6 and {layout for _, layout, _ in first} == {"un", "annual"}
    for (one, _, pages), (two, _, _) in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes() and pages >= 5


def test_the_layouts_carry_their_furniture(tmp_path: Path) -> None:
    written = {path.name: path for path, _, _ in render_all(tmp_path)}
    un = PdfReader(written["un-pni-institutes-activities-2019.pdf"])
    later = [page.extract_text() for page in un.pages[1:]]
    assert all("E/CN.15/2020/9" in text for text in later)  # the document symbol heads every later page
    annual = PdfReader(written["aic-annual-report-2018-19.pdf"])
    texts = [page.extract_text() for page in annual.pages]
    assert "Annual Report 2018–19" in texts[0]
    assert all("Australian Institute of Criminology Annual Report 2018–19 |" in text for text in texts[1:])
