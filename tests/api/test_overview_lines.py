"""An overview lists what a report says: sentences and list items, never its title page, signatures, captions
or table rows, in any layout; a line opening with a date or a label runs on to its statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from api.overview import _statement
from index.build import update_index
from index.store import load_index
from tests.fakes import HashEmbedder


@pytest.mark.parametrize(
    "block",
    [
        "The Institute trained 40 prosecutors in Nairobi.",
        "10. The Institute held a seminar on asset recovery.",
        "(a) Training of prosecutors in Kampala",
        "- Trained 40 judges in Nairobi",  # a list item needs no full stop
        "Webinar series on victims' rights in the Baltic region",  # nor once a loader dropped its marker
        "• Launch of the victim support handbook",
        "The Institute held the following seminars:",
        "연구원은 2021년에 국제포럼을 개최했다.",
        'The Director said the year was "one of consolidation."',
        "Total — the Institute reported its figures by quarter. Most came from Finland.",  # a dash, not a row
    ],
)
def test_statements_are_listed(block: str) -> None:
    assert _statement(block)


@pytest.mark.parametrize(
    "block",
    [
        "Annual Report 2018–19",
        "HEUNI Publication Series No. 94",
        "Director, Australian Institute of Criminology",
        "Canberra, 30 September 2019",
        "Italy — 2021: 3,120; 2022 (Jan.-June): 1,640.",  # a table row as ingest/tables.py writes it
        "Contributor | 2021 | 2022 (Jan.-June)",
        "2018–19 (AUD '000)",
        "Note: figures are rounded.",
        "",
    ],
)
def test_title_pages_signatures_and_tables_are_not(block: str) -> None:
    assert not _statement(block)


def test_before_the_first_sentence_only_sentences_are_listed() -> None:
    for line in (
        "Reporting period: 1 July 2018 – 30 June 2019 Canberra, October 2019",
        "Evidence for a safer Australia",
    ):
        assert _statement(line) and not _statement(line, front_matter=True)
    assert _statement("The Institute was founded in 1981.", front_matter=True)


REPORT = """# HEUNI Annual Report 2021

European Institute for Crime Prevention and Control

Annual Report 2021

Towards fair and safe societies

Helsinki, March 2022

## Activities

The Institute trained 60 labour inspectors in Estonia and Latvia.

March 2021. Launch of the handbook on labour exploitation for employers.

- Webinar series on victims' rights in the Baltic region

## Finances

Item | 2021 (EUR) | 2020 (EUR)

Staff costs — 2021 (EUR): 900,000; 2020 (EUR): 850,000.

Dr Jane Doe

Director, HEUNI
"""


def _assistant_over(report: str, where: Path) -> Assistant:
    """An assistant over ``report`` alone, as HEUNI's annual report for 2021."""
    (where / "reports").mkdir()
    (where / "reports" / "heuni-annual-report-2021.md").write_text(report, encoding="utf-8")
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    update_index(where / "index", [where / "reports"], embedder)
    return Assistant(load_index(where / "index", lambda _: embedder, embedder.name))


def test_an_overview_of_an_annual_report_lists_its_activities_only(tmp_path: Path) -> None:
    answer = _assistant_over(REPORT, tmp_path).ask("What did HEUNI do in 2021?").answer
    lines = answer.splitlines()[1:]
    assert any("trained 60 labour inspectors" in line for line in lines)
    assert any("March 2021. Launch of the handbook" in line for line in lines)  # the date runs on
    assert any("Webinar series on victims' rights" in line for line in lines)
    for furniture in (
        "Annual Report 2021",
        "Towards fair",
        "Helsinki, March 2022",
        "2021 (EUR)",
        "900,000",
        "Director, HEUNI",
    ):
        assert not any(furniture in line for line in lines), (furniture, answer)


def test_a_period_written_with_months_is_no_topic(tmp_path: Path) -> None:
    # "between Jan 2020 and June 2021": its month names are the table's column headings, not what is asked.
    report = REPORT.replace("Item | 2021 (EUR) | 2020 (EUR)", "Item | 2021 (Jan.-June) | 2020 (Jan.-June)")
    report = report.replace(
        "Staff costs — 2021 (EUR): 900,000; 2020 (EUR): 850,000.",
        "Staff costs — 2021 (Jan.-June): 900,000; 2020 (Jan.-June): 850,000.",
    )
    answer = _assistant_over(report, tmp_path).ask("What did HEUNI do between Jan 2020 and June 2021?").answer
    assert "trained 60 labour inspectors" in answer and "\n- " in answer, answer
    assert "900,000" not in answer, answer
