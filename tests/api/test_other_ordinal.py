""" "When was the 12th meeting held?" is not answered by a sentence on the 13th: a sentence naming ordinals, none
of them the question's, is about another occurrence of the thing asked (api/names.py ``other_ordinal``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.names import other_ordinal
from tests.api.test_table_figures import _assistant_over


def test_a_sentence_naming_only_other_ordinals_is_about_another_occurrence() -> None:
    assert other_ordinal(["43rd"], "The 44th meeting of the Board will be held in Courmayeur on 16 June 2023.")
    assert other_ordinal(["제43차"], "The 44th meeting of the Board will be held in Courmayeur on 16 June 2023.")
    assert other_ordinal(["septième"], "The sixth session was held in Vienna.")
    # Counter-examples: the asked one named too, no ordinal at all, "first" said of anything, nothing asked.
    assert not other_ordinal(["43rd"], "The 43rd meeting approved the minutes of the 42nd meeting.")
    assert not other_ordinal(["43rd"], "The meeting was held in Milan on 25 November 2022.")
    assert not other_ordinal(["43rd"], "For the first time, the meeting was held online.")
    assert not other_ordinal(["first"], "The 174th seminar was held in Tokyo.")  # "When did X first hold ...?"
    assert not other_ordinal(["Milan"], "The 44th meeting will be held in Courmayeur.")


MINUTES = """# Council for Penal Reform Studies

## Minutes of the 12th meeting of the Board

Date: Thursday, 3 March 2022

Place: Palais des Nations, Geneva, and online

The President opened the meeting and welcomed the members. The minutes of the 11th meeting, held in Vienna on
8 October 2021, were approved without changes.

The Board approved the budget for 2022 of EUR 210,000 and the programme of the annual conference.

The 13th meeting of the Board will be held in Rome on 9 June 2022.
"""


@pytest.mark.model
def test_the_date_of_the_meeting_asked_not_of_the_next_or_the_last(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cprs-board-minutes-12.md": MINUTES})
    answer = assistant.ask("When was the 12th meeting of the Board held?")
    assert not answer.abstained and "3 March 2022" in answer.answer, answer.answer
    assert "9 June" not in answer.answer and "8 October" not in answer.answer, answer.answer
