"""The benchmarks' server helper waits for a server that is still loading (a million-chunk index read from a
cold disk takes minutes), and stops at once, saying why, when the server exits instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.serving import serve


def test_a_server_that_exits_is_reported_with_its_exit_code(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        serve(tmp_path / "no-index-here", ready_within=600)
    message = str(raised.value)
    assert "exited" in message and "no-index-here" in message
