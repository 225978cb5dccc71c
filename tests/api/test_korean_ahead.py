"""Korean words are read with an analyzer that takes about a second to build, much of it holding the
interpreter: a server whose index holds Korean text builds it before it is ready, so no question waits on it;
one over English reports alone does not build it at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.build import update_index
from tests.conftest import ROOT

_PROBE = (
    "import sys; from pathlib import Path; from api.app import load_assistant; from api.settings import Settings; "
    "load_assistant(Settings(index_dir=Path(sys.argv[1]), multilingual=False)); "
    "print('kiwipiepy' in sys.modules)"
)


def _built_on_load(index_dir: Path) -> bool:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(index_dir)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.model
def test_the_analyzer_is_built_before_ready_only_where_the_index_holds_korean(
    tmp_path: Path,
    real_embedder,  # type: ignore[no-untyped-def]
) -> None:
    english, korean = tmp_path / "english", tmp_path / "korean"
    for folder in (english, korean):
        folder.mkdir()
        (folder / "report.md").write_text("# Annual report 2021\n\nThe Institute held a workshop in Seoul.\n")
    (korean / "news-ko.md").write_text("# 연구원 소식\n\n연구원은 2021년 서울에서 국제 워크숍을 개최하였다.\n")
    for folder in (english, korean):
        update_index(folder / "index", [folder], real_embedder)
    assert _built_on_load(korean / "index")
    assert not _built_on_load(english / "index")
