""" "How many of the <group> <did something>?" asks for the part of the group that did it: a figure said of another
part ("Women made up 41 of the 64 participants") does not answer it (api/counts.py ``part_asked``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

REPORT = """# Centre for Justice Studies: Annual Report 2022

## Regional course on probation

In October 2022 the Centre held a ten-day regional course on probation in Accra for 48 probation officers. The
officers came from Ghana, Liberia, Nigeria and Sierra Leone. Women made up 19 of the 48 officers. Thirty of the
officers passed the final examination, and eleven of them went on to train colleagues in their own services.
"""


@pytest.mark.model
def test_a_figure_of_another_part_of_the_group_does_not_answer(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cjs-annual-report-2022.md": REPORT})
    liberia = assistant.ask("How many of the 48 probation officers on the Accra course came from Liberia?")
    assert liberia.abstained or not any(n in liberia.answer.split("closest")[0] for n in ("19", "30", "48")), (
        liberia.answer
    )
    # The part said with its figure is answered; so is a part named by its own noun.
    passed = assistant.ask("How many of the 48 probation officers on the Accra course passed the final examination?")
    assert not passed.abstained and "Thirty" in passed.answer, passed.answer
    women = assistant.ask("How many of the 48 probation officers on the Accra course were women?")
    assert not women.abstained and "19" in women.answer, women.answer
