"""An overview of a year covers every report whose period holds it or lies within it, and says which: "What
did the AIC do in 2019?" is told from the AIC's own 2018–19 report (half of 2019) as well as from a report of
the calendar year 2019, each line labelled with its report's period."""

from __future__ import annotations

from pathlib import Path

from api.answer import Assistant
from index.build import update_index
from index.store import load_index
from tests.fakes import HashEmbedder

FISCAL = """# Australian Institute of Criminology Annual Report 2018–19

Reporting period: 1 July 2018 – 30 June 2019

## Research

The Institute completed a study of outlaw motorcycle gangs in the methamphetamine market.

## Partnerships

The Institute signed new agreements with the Australian Federal Police.
"""

CALENDAR = """# Activities of the institutes of the programme network in 2019

## Australian Institute of Criminology

In 2019, the Australian Institute of Criminology published 41 research papers.

## Thailand Institute of Justice

In 2019, the Thailand Institute of Justice hosted the coordination meeting in Bangkok.
"""


def test_an_overview_of_a_year_covers_the_fiscal_report_holding_it(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "aic-annual-report-2018-19.md").write_text(FISCAL, encoding="utf-8")
    (reports / "network-activities-2019.md").write_text(CALENDAR, encoding="utf-8")
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    update_index(tmp_path / "index", [reports], embedder)
    assistant = Assistant(load_index(tmp_path / "index", lambda _: embedder, embedder.name))
    answer = assistant.ask("What did the AIC do in 2019?").answer
    assert "published 41 research papers" in answer, answer
    assert "motorcycle gangs" in answer, answer  # the 2018–19 report holds half of 2019
    assert "2018–19: " in answer, answer  # and the line says which period it is from
    # A fiscal year asked is answered from its own report.
    fiscal = assistant.ask("What did the AIC do in 2018-19?").answer
    assert "motorcycle gangs" in fiscal, fiscal
