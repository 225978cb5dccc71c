"""A server reads its memory-mapped sentence vectors ahead, in a thread, as it starts: at a million chunks the
file is 2.5 GB, and a question that finds its passages' pages on disk, not in the page cache, waited for the disk
(3 ms a page, some twenty milliseconds a question) the first time each was read. Read with read(), not through
the map, so the pages land in the shared page cache without adding to the worker's resident memory."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from index.sentences import SentenceVectors, read_ahead


def test_read_ahead_reads_every_byte_of_a_mapped_file_and_changes_nothing(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    blocks = [rng.standard_normal((n, 8)).astype(np.float32) for n in (3, 1, 5)]
    written = SentenceVectors.from_blocks(blocks, 8)
    written.save(tmp_path)
    loaded = SentenceVectors.load(tmp_path)
    assert read_ahead(loaded) == (tmp_path / "sentences.npy").stat().st_size
    assert np.array_equal(loaded.vectors, written.vectors)
    assert read_ahead(written) == 0  # in memory already: nothing to read


def test_a_file_gone_before_it_is_read_ahead_is_no_error(tmp_path: Path) -> None:
    # A re-ingest may replace the index directory while a server still maps the old file.
    SentenceVectors.from_blocks([np.ones((2, 4), np.float32)], 4).save(tmp_path)
    loaded = SentenceVectors.load(tmp_path)
    (tmp_path / "sentences.npy").unlink()
    assert read_ahead(loaded) == 0


@pytest.mark.model
def test_loading_the_assistant_reads_its_sentence_vectors_ahead(
    corpus_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.app
    from api.settings import Settings

    read: list[int] = []
    monkeypatch.setattr(api.app, "read_ahead", lambda source: read.append(read_ahead(source)))
    api.app.load_assistant(Settings(index_dir=corpus_index_dir))
    for thread in threading.enumerate():
        if thread.name == "read-ahead":
            thread.join(timeout=60)
    assert read == [(corpus_index_dir / "sentences.npy").stat().st_size]


def _vm_flags(path: Path) -> list[str]:
    """The kernel's flags of this process's mapping of ``path`` (/proc/self/smaps)."""
    entries = Path("/proc/self/smaps").read_text().split("\n")
    for i, line in enumerate(entries):
        if line.endswith(str(path)):
            flags = next(e for e in entries[i + 1 :] if e.startswith("VmFlags:"))
            return flags.split()[1:]
    raise AssertionError(f"{path} is not mapped")


@pytest.mark.skipif(not Path("/proc/self/smaps").is_file(), reason="the kernel's mapping flags are Linux's")
def test_sentence_vectors_are_mapped_for_random_reads(tmp_path: Path) -> None:
    # A question reads a few blocks scattered over the file: without the advice, each page fault on a file not in
    # the page cache read ahead 128 KB around it (at 1M chunks, 950 us a chunk cold against 120 us advised, and
    # three times the resident memory), pages no other question is likely to want.
    SentenceVectors.from_blocks([np.ones((4, 8), np.float32)], 8).save(tmp_path)
    loaded = SentenceVectors.load(tmp_path)
    assert "rr" in _vm_flags(tmp_path / "sentences.npy")
    assert loaded.of_chunk(0).shape == (4, 8)


def _mapped_kb(path: Path) -> int:
    """Resident kilobytes of this process's mapping of ``path`` (/proc/self/smaps)."""
    entries = Path("/proc/self/smaps").read_text().split("\n")
    for i, line in enumerate(entries):
        if line.endswith(str(path)):
            return int(next(e for e in entries[i + 1 :] if e.startswith("Rss:")).split()[1])
    return 0


@pytest.mark.skipif(not Path("/proc/self/smaps").is_file(), reason="the kernel's mapping figures are Linux's")
def test_reading_a_chunk_s_sentence_vectors_adds_no_mapped_pages_to_the_worker(tmp_path: Path) -> None:
    # Read through the map, every page a question touched stayed in the worker's resident memory, with the pages
    # around it the kernel maps at once (at 1M chunks, 4.1-4.3 GB a worker after 250 questions against 3.5 GB):
    # read from the file instead, the page cache holds them, shared by every worker and given back under pressure.
    rng = np.random.default_rng(1)
    blocks = [rng.standard_normal((int(n), 384)).astype(np.float32) for n in rng.integers(0, 6, 2000)]
    written = SentenceVectors.from_blocks(blocks, 384)
    written.save(tmp_path)
    loaded = SentenceVectors.load(tmp_path)
    for row, block in enumerate(blocks):
        assert np.array_equal(loaded.of_chunk(row), block.astype(np.float16).astype(np.float32))
    assert _mapped_kb(tmp_path / "sentences.npy") == 0
