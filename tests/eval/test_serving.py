"""The benchmarks' server helper waits for a server that is still loading (a million-chunk index read from a
cold disk takes minutes), and stops at once, saying why, when the server cannot load the index (it stays up and
answers 503 with the reason, waiting for a new index) or exits."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.serving import serve


def test_a_server_without_an_index_is_reported_with_its_reason(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        serve(tmp_path / "no-index-here", ready_within=600)
    message = str(raised.value)
    assert "could not load" in message and "No index at" in message and "no-index-here" in message
