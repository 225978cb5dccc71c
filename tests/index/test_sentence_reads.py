"""Sentence vectors at a million chunks are a 2.5 GB file a question reads a few scattered blocks of: read for
random access (no read-ahead around each block), from the file rather than through the map, so the pages go to
the shared page cache, not to the worker's resident memory.

Nothing reads the whole file ahead: a server did once, in a thread as it started, and the first questions at 1M
waited on it (p50 273 ms over HTTP against 67 without it, those asked once p95 361 ms against 110): the copying
took a core from the question's two torch threads, and the blocks of a random read cost under a millisecond."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.sentences import SentenceVectors


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
