"""A server reads its memory-mapped sentence vectors ahead, in a thread, from the moment it starts loading: at a
million chunks the file is 2.5 GB, and a question that finds its passages' pages on disk, not in the page cache,
waited for the disk (3 ms a page, some twenty milliseconds a question) the first time each was read. Begun once
the index was loaded, the reading competed with the first questions for the disk; begun with the load, it is done
long before (loading a million chunks takes two minutes, reading the file five seconds). Read with read(), not
through the map, so the pages land in the shared page cache without adding to the worker's resident memory."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from index.disk import read_ahead
from index.sentences import SentenceVectors


def test_read_ahead_reads_every_byte_of_an_index_s_mapped_files_and_changes_nothing(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    blocks = [rng.standard_normal((n, 8)).astype(np.float32) for n in (3, 1, 5)]
    written = SentenceVectors.from_blocks(blocks, 8)
    written.save(tmp_path)
    written.save(tmp_path, suffix="-multilingual")
    size = (tmp_path / "sentences.npy").stat().st_size
    assert read_ahead(tmp_path) == 2 * size
    assert np.array_equal(SentenceVectors.load(tmp_path).vectors, written.vectors)


def test_an_index_without_mapped_files_or_gone_meanwhile_is_no_error(tmp_path: Path) -> None:
    # A re-ingest may replace the index directory while a server reads ahead; a database index has no files.
    assert read_ahead(tmp_path) == 0
    assert read_ahead(tmp_path / "missing") == 0


@pytest.mark.model
def test_loading_the_assistant_reads_its_sentence_vectors_ahead_before_the_index_is_loaded(
    corpus_index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import api.app
    from api.settings import Settings

    events: list[str] = []
    started = threading.Event()

    def reading(index_dir: Path) -> int:
        events.append("read ahead")
        started.set()
        return read_ahead(index_dir)

    opening = api.app.open_store

    def open_store(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.wait(timeout=30)  # the thread has begun by the time the index is read
        events.append("index loaded")
        return opening(*args, **kwargs)

    monkeypatch.setattr(api.app, "read_ahead", reading)
    monkeypatch.setattr(api.app, "open_store", open_store)
    api.app.load_assistant(Settings(index_dir=corpus_index_dir))
    assert events == ["read ahead", "index loaded"]
