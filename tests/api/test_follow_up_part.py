"""A follow-up asking for a part of a group ("How many of the participants were women?") is answered by the
sentence giving that part's figure, even when a second report retelling the same event ranks its own sentences
above it (api/follow_ups.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

NEWS = """# Institute for Prison Research: news

Mombasa, 20 May 2022 – Fifty-two prison officers from six East African countries completed a five-day regional
workshop on gender-responsive prison management, organised by the Institute for Prison Research in Mombasa
from 9 to 13 May 2022.

Over five days, participants worked through modules on admission, health care, pregnant women and mothers in
prison, contact with families and preparation for release.

Participants came from Burundi, Kenya, Rwanda, Somalia, Tanzania and Uganda. Women made up 29 of the 52
participants.

Each national delegation prepared an action plan for its prison service.
"""

REPORT = """# Institute for Prison Research: Annual Report 2022

## Gender-responsive prisons

The year closed with the regional workshop on gender-responsive prison management held in Mombasa from 9 to 13
May 2022.

"In East Africa alone, there are more than 12,000 women behind bars, most of them on remand," the Director said
at the opening of the workshop in Mombasa.

The workshop on gender-responsive prison management was the Institute's first in-person regional training since
2019, and its modules will be offered online in 2023.

The Mombasa workshop of May 2022 brought prison officers from six East African countries together for five days.

## Staff

The regional workshop in Mombasa was prepared by the Institute's gender-responsive prisons team of four staff.
"""

HISTORY = [
    {"role": "user", "content": "What workshop did the Institute for Prison Research run in Mombasa in May 2022?"},
    {
        "role": "assistant",
        "content": "A five-day regional workshop on gender-responsive prison management, held from 9 to 13 May 2022 "
        "for 52 prison officers from six East African countries.",
    },
]


@pytest.mark.model
def test_a_part_of_a_group_asked_in_a_follow_up_is_the_parts_figure(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(
        tmp_path, real_embedder, {"ipr-news-2022.md": NEWS, "ipr-annual-report-2022.md": REPORT}
    )
    women = assistant.ask("How many of the participants were women?", HISTORY)
    assert not women.abstained and "29" in women.answer.split("[1]")[0], women.answer
    # Counter-example: a part no sentence gives is not given (the 12,000 women behind bars are no participants).
    judges = assistant.ask("How many of the participants were judges?", HISTORY)
    assert judges.abstained, judges.answer
