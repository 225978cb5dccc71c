""" "What is the theme of the 2023 conference?" is not given by "on a theme to be decided": a sentence naming the
attribute asked only to say it is still open is the closest the reports come, not an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.spans import left_open
from tests.api.test_table_figures import _assistant_over


@pytest.mark.parametrize(
    ("text", "attribute", "open_"),
    [
        ("The 2023 conference will take place in Geneva, on a theme to be decided at the next meeting.", "theme", True),
        ("The venue of the second phase is not yet confirmed.", "venue", True),
        ("Its budget has yet to be agreed by the donors.", "budget", True),
        # Counter-examples: the attribute given, or another thing left open.
        ("The 2022 conference, on the theme “AI in criminal justice”, drew 180 people.", "theme", False),
        ("The theme was chosen in June; the date is to be decided.", "theme", False),
    ],
)
def test_an_attribute_said_to_be_still_open(text: str, attribute: str, open_: bool) -> None:
    assert left_open(text, attribute) is open_


MINUTES = """# Advisory Council on Penal Policy: Minutes of the 12th meeting of the Board

## Conferences

The 2022 conference, on the theme "Artificial intelligence in criminal justice", was held in Courmayeur from
9 to 11 December 2022 and drew 180 participants.

The 2023 conference will take place in Geneva from 1 to 3 December 2023, on a theme to be decided at the next
meeting of the Board.
"""


@pytest.mark.model
def test_an_attribute_still_open_is_not_given(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"acpp-board-minutes-12.md": MINUTES})
    open_ = assistant.ask("What is the theme of the Council's 2023 conference?")
    assert open_.abstained and "to be decided" in open_.answer, open_.answer  # refused, saying what it found
    given = assistant.ask("What was the theme of the Council's 2022 conference?")
    assert not given.abstained and "Artificial intelligence" in given.answer, given.answer
