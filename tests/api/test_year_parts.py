"""A part of a year asked ("in the second half of 2022", "at the end of 2018", "a principios de 2019") is not
answered by a figure dated to another part of that year ("2022 (Jan.-June): 1,640", "13 at the beginning of
2018"): the honest reply is that the reports do not give it for that part."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.year_parts import dated_within, part_said, parts_asked
from tests.api.test_table_figures import _assistant_over

SECOND_HALF = frozenset(range(7, 13))


def test_the_part_of_a_year_a_question_asks_about() -> None:
    assert parts_asked("How much did Italy contribute to UNICRI in the second half of 2022?") == {2022: SECOND_HALF}
    assert parts_asked("¿Cuánto aportó Italia en el segundo semestre de 2022?") == {2022: SECOND_HALF}
    assert parts_asked("Combien l'Italie a-t-elle versé au second semestre 2022 ?") == {2022: SECOND_HALF}
    assert parts_asked("2022년 하반기에 이탈리아는 얼마를 냈나요?") == {2022: SECOND_HALF}
    assert parts_asked("How many views did the website get in Q1 2021?") == {2021: frozenset({1, 2, 3})}
    assert parts_asked("How many staff did HEUNI have at the end of 2018?") == {2018: frozenset({10, 11, 12})}
    assert parts_asked("Who did ICCLR partner with in early 2021?") == {2021: frozenset({1, 2, 3})}
    # Counter-examples: a whole year, a fiscal year, a part of no year named, a half that is no period.
    assert parts_asked("What did HEUNI do in 2022?") == {}
    assert parts_asked("How many outputs in 2019-20?") == {}
    assert parts_asked("What did it do in the second half of the year?") == {}
    assert parts_asked("Half of the 2021 budget went to training: how much was it?") == {}


def test_a_refusal_says_the_part_as_asked() -> None:
    assert part_said("How much did Italy give in the second half of 2022?") == "the second half of 2022"
    assert part_said("How many staff at the end of 2018?") == "the end of 2018"
    assert part_said("¿Cuánto aportó Italia en el segundo semestre de 2022?") == "segundo semestre de 2022"


def test_a_figure_dated_to_the_part_of_the_year_asked() -> None:
    second_half = {2022: SECOND_HALF}
    assert dated_within("In October 2022 the Institute trained 40 judges.", second_half)
    assert dated_within("Between July and December 2022 the website had 198,666 views.", second_half)
    assert dated_within("In the second half of 2022 Italy gave USD 1,640,000.", second_half)
    assert dated_within("At 31 December 2018 the Institute had 15 staff members.", {2018: frozenset({10, 11, 12})})
    # Counter-examples: another part of the year, the whole year, another year's date, no date.
    assert not dated_within("Italy — 2021: 3,120; 2022 (Jan.-June): 1,640.", second_half)
    assert not dated_within("In the first half of 2022 Italy gave USD 1,640,000.", second_half)
    assert not dated_within("Italy — 2021: 3,120; 2022: 3,300.", second_half)
    staff = "At 31 December 2019 the Institute had 17 staff members, compared with 13 at the beginning of 2018."
    assert not dated_within(staff, {2018: frozenset({10, 11, 12})})
    assert not dated_within("The Institute had 15 staff members.", {2018: frozenset({10, 11, 12})})


REPORT = """# Institute for Justice Research: annual report 2022

## Finance

The Institute is funded by voluntary contributions. Contributions received, in thousands of US dollars, were as
follows:

| Donor | 2021 | 2022 (Jan.-June) |
|---|---|---|
| Italy | 3,120 | 1,640 |
| Sweden | 1,200 | 650 |

## Staff

At 31 December 2022 the Institute had 21 staff members, compared with 18 at the beginning of 2022.
"""


@pytest.mark.model
def test_a_part_of_a_year_is_answered_from_that_part_only(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ijr-annual-report-2022.md": REPORT})
    later = assistant.ask(
        "How much did Italy contribute to the Institute for Justice Research in the second half of 2022?"
    )
    assert later.abstained and "1,640" not in later.answer.split("closest")[0], later.answer
    staff = assistant.ask("How many staff did the Institute for Justice Research have in mid-2022?")
    assert staff.abstained, staff.answer
    # Counter-examples: the part the figure is dated to, and the year's end.
    first = assistant.ask(
        "How much did Italy contribute to the Institute for Justice Research in the first half of 2022?"
    )
    assert not first.abstained and "1,640" in first.answer, first.answer
    end = assistant.ask("How many staff did the Institute for Justice Research have at the end of 2022?")
    assert not end.abstained and "21" in end.answer, end.answer
