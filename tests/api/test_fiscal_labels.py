"""A fiscal year asked by one year ("FY2020") is read as the asked institute's reports name theirs: the year it
starts in for a Japanese fiscal year (April–March), the year it ends in otherwise (index/query.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

STARTING = """# Institute for Prison Research: Annual Report FY2020

Fiscal year 1 April 2020 – 31 March 2021

## Staff

At 31 March 2021 the Institute had 41 staff, of whom 11 were faculty members.

## Finance

In FY2020 the Institute's total income was JPY 528.8 million.
"""

ENDING = """# Centre for Justice Studies: Annual Report FY2019

1 July 2018 – 30 June 2019

## Staff

At 30 June 2019 the Centre employed 42 staff, of whom 29 were research staff.
"""


@pytest.mark.model
def test_a_fiscal_year_is_read_by_its_institutes_own_label(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    reports = {"ipr-annual-report-fy2020.md": STARTING, "cjs-annual-report-fy2019.md": ENDING}
    assistant = _assistant_over(tmp_path, real_embedder, reports)
    assert assistant.store.fiscal_starts == {"Institute for Prison Research"}
    # "FY2020" of an institute whose report starts it in April 2020: its staff at 31 March 2021.
    staff = assistant.ask("How many staff did the Institute for Prison Research have at the end of FY2020?")
    assert not staff.abstained and "41 staff" in staff.answer, staff.answer
    income = assistant.ask("What was the total income of the Institute for Prison Research in FY2020?")
    assert "528.8" in income.answer, income.answer
    # Counter-example: where "FY2019" ends in June 2019, as most reports have it.
    ending = assistant.ask("How many staff did the Centre for Justice Studies have at the end of FY2019?")
    assert not ending.abstained and "42 staff" in ending.answer, ending.answer
