"""A country the question names is named beside the figure, not only on the report's first page: there "Milan,
Italy" is an address, and the Council's budget is no sum given by Italy (api/facts.py ``_names_all``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

MINUTES = """# Advisory Council on Penal Policy

## Minutes of the 12th meeting of the Board

Date: Friday, 25 November 2022

Place: Palazzo Reale, Milan, Italy

## Finances

The Ministry of Justice of Italy granted the Council EUR 120,000 for 2022, as in 2021.

The Board adopted the budget for 2023 of EUR 384,500 and a new membership fee of EUR 120.

## Conference

The annual conference will be held in Courmayeur from 9 to 11 December 2022, with 180 participants registered.
"""


@pytest.mark.model
def test_a_sum_of_a_country_is_one_its_own_sentence_gives(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"acpp-board-minutes-12.md": MINUTES})
    later = assistant.ask("How much will Italy's justice ministry give the Council in 2023?")
    assert later.abstained or "384,500" not in later.answer.split("closest")[0], later.answer
    given = assistant.ask("How much did Italy's justice ministry give the Council for 2022?")
    assert not given.abstained and "120,000" in given.answer, given.answer
