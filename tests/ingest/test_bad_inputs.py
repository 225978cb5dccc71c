"""`pni ingest` on a folder of whatever users have: every bad file gets a one-line reason naming it, the
rest is indexed, memory stays bounded, and the exit code says some files failed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from tests.conftest import CORPUS, PNI, ROOT
from tests.ingest.test_loaders import make_pdf

pytestmark = pytest.mark.model

ENV = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PNI_MULTILINGUAL": "0"}


def _thousand_pages(path: Path, pages: int) -> Path:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(0, 10, f"On day {number} the Institute trained {number % 90 + 10} prison officers.")
    pdf.output(str(path))
    return path


def _bad_folder(root: Path) -> dict[str, str]:
    """Writes the folder; returns {file name: words its reason must contain} for the files to refuse."""
    root.mkdir()
    shutil.copy(CORPUS / "un-pni-institutes-activities-2020.txt", root)
    (root / "cp1252.txt").write_bytes(
        "Le Centre international a organisé un séminaire à Montréal sur la sécurité urbaine.".encode("cp1252")
    )
    (root / "euc-kr.txt").write_bytes("한국형사·법무정책연구원은 2023년에 국제포럼을 열었다.".encode("euc-kr"))
    _thousand_pages(root / "logbook.pdf", 2000)
    expected = {
        "zero.txt": "empty file",
        "random.pdf": "not a readable PDF",
        "truncated.pdf": "not a readable PDF",
        "locked.pdf": "encrypted PDF: no password",
        "scan.pdf": "no text layer",
        "huge.txt": "text file too large (50.0 MB > 20 MB)",
        "slides.pptx": "unsupported file type '.pptx'",
    }
    (root / "zero.txt").write_bytes(b"")
    (root / "random.pdf").write_bytes(os.urandom(50_000))
    whole = make_pdf(root.parent / "whole.pdf", [["Some text on a page."]] * 3).read_bytes()
    (root / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    writer = PdfWriter(clone_from=PdfReader(root.parent / "whole.pdf"))
    writer.encrypt(user_password="secret", algorithm="AES-128")
    with open(root / "locked.pdf", "wb") as handle:
        writer.write(handle)
    scan = FPDF()
    scan.add_page()
    scan.rect(20, 20, 100, 60, style="F")
    scan.output(str(root / "scan.pdf"))
    with open(root / "huge.txt", "wb") as handle:  # 50 MB of plausible text
        line = b"The Institute held a workshop on restorative justice with 40 participants.\n"
        handle.write(line * (50 * 2**20 // len(line) + 1))
        handle.truncate(50 * 2**20)
    (root / "slides.pptx").write_bytes(b"PK\x03\x04")
    (root / "loop").symlink_to(root, target_is_directory=True)  # a symlink loop must not trap the walk
    if os.geteuid() != 0:  # root reads any file: the permission case can only be shown as another user
        (root / "private.txt").write_text("secret", encoding="utf-8")
        (root / "private.txt").chmod(0)
        expected["private.txt"] = "permission denied"
    return expected


def _run_measured(command: list[str], tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``command``; its result and its own peak resident memory in MB, as GNU time measures it. Not this
    process's RUSAGE_CHILDREN: a child forked from pytest starts with pytest's pages counted in its peak, so
    once earlier tests have loaded models, any child seemed to use 2 GB."""
    peak = tmp_path / "peak-kb.txt"
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(peak), *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
        timeout=600,
    )
    return result, int(peak.read_text().split()[-1]) / 1024


def test_a_folder_of_bad_inputs_is_reported_file_by_file_and_the_rest_indexed(tmp_path: Path) -> None:
    expected = _bad_folder(tmp_path / "inbox")
    result, peak_mb = _run_measured(
        [str(PNI), "ingest", str(tmp_path / "inbox"), "--index-dir", str(tmp_path / "index")], tmp_path
    )
    assert result.returncode == 1, result.stderr  # some files failed, and it says so
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for name, reason in expected.items():
        mine = [line for line in lines if f"/{name}:" in line]
        assert len(mine) == 1 and reason in mine[0], f"{name}: {mine or lines}"
    # The good files are indexed: the UN report, the two non-UTF-8 notes and the 2,000-page PDF.
    assert "4 added" in result.stdout and "4 documents" in result.stdout, result.stdout
    status = subprocess.run(
        [str(PNI), "ask", "How many prison officers were trained on day 1234?", "--index-dir", str(tmp_path / "index")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
        timeout=300,
    )
    assert status.returncode == 0 and "day 1234" in status.stdout
    assert peak_mb < 2048, f"ingest peaked at {peak_mb:.0f} MB"  # the 50 MB file is refused unread
