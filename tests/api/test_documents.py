"""A report asked about as a whole gets a rundown of its sections; a question about one thing in it does not."""

from __future__ import annotations

import pytest

from api.answer import Assistant
from index.build import update_index
from index.store import load_index

NEWSLETTER = """# Riverside Justice Review — Issue No. 12, Autumn 2021

## From the Director

This autumn the Centre returned to in-person teaching after eighteen months of online courses.

## Prison reform

The Centre trained 85 prison officers from four provinces in the management of women prisoners.

## Youth justice

A new study of diversion programmes for young offenders followed 300 cases in three cities.

## Publications

The Centre published a handbook on restorative justice for police officers in October 2021.
"""


# A UN document's title page: lines of codes and titles that state nothing, then the report's summary.
UN_REPORT = """United Nations

E/CN.15/2020/9

Economic and Social Council

Distr.: General 3 March 2020

Original: English V.20-01234 (E) 030320 040320 2001234

Commission on Crime Prevention and Criminal Justice Twenty-ninth session

Activities of the institutes of the riverside justice network

Report of the Secretary-General

Summary

The present report contains a summary of the activities carried out in 2019 by the institutes of the riverside
justice network.

I. Introduction

1. The network brings together nine institutes that train police, prosecutors and prison officers.

II. Training

2. In 2019 the institutes trained 1,200 officers in eleven countries.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("documents")
    (root / "reports").mkdir()
    (root / "reports" / "riverside-justice-review-12.md").write_text(NEWSLETTER, encoding="utf-8")
    (root / "reports" / "un-report-2019.txt").write_text(UN_REPORT, encoding="utf-8")
    update_index(root / "index", [root / "reports"], real_embedder)
    return Assistant(load_index(root / "index", lambda _: real_embedder, real_embedder.name))


@pytest.mark.model
def test_a_rundown_of_a_report_names_each_section_with_its_first_statement(assistant: Assistant) -> None:
    answer = assistant.ask("give me a quick rundown of the Riverside Justice Review autumn 2021 issue")
    assert not answer.abstained
    lines = answer.answer.splitlines()
    assert lines[0].startswith("Riverside Justice Review — Issue No. 12, Autumn 2021"), answer.answer
    for section in ("Prison reform", "Youth justice", "Publications"):
        assert any(line.startswith(f"- {section}: ") for line in lines), answer.answer
    assert len(answer.citations) >= 4  # every line cited


@pytest.mark.model
def test_a_question_about_one_thing_in_a_report_is_answered_from_it(assistant: Assistant) -> None:
    # Counter-examples: the report named, but a fact in it asked.
    count = assistant.ask("How many prison officers were trained according to the Riverside Justice Review?")
    assert "85" in count.answer and "Youth justice" not in count.answer, count.answer
    handbook = assistant.ask("What handbook did the Riverside Justice Review autumn 2021 issue announce?")
    assert "handbook on restorative justice" in handbook.answer and "- Prison reform" not in handbook.answer


@pytest.mark.model
def test_a_report_named_by_its_symbol_gets_its_rundown_from_its_summary(assistant: Assistant) -> None:
    # The symbol means nothing to the embedding model: the question reads as it would with the report's title.
    answer = assistant.ask("What is E/CN.15/2020/9 about?")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("Activities of the institutes of the riverside justice network"), answer.answer
    # The opening statement is the summary's, not a line of codes from the title page.
    assert "summary of the activities carried out in 2019" in lines[1] and "V.20-01234" not in answer.answer


TIJ_NEWS = """# TIJ trains forty prison officers in Chiang Mai

Chiang Mai, 14 September 2022 – Forty prison officers from six countries completed a regional workshop on women in
prison, organised by the Thailand Institute of Justice (TIJ).

## Learning from practice

Over five days the officers worked through modules on health care and on women with children in prison.

## Follow-up

TIJ will follow up on the officers' action plans with online meetings in March 2023.
"""

TIJ_REPORT = """# Thailand Institute of Justice: Annual Report 2020

## Research

In 2020 the Thailand Institute of Justice (TIJ) published a study of women released from prison in Thailand.

## Training

The Institute trained 120 judges in online courses in 2020.
"""


@pytest.mark.model
def test_a_report_named_by_its_publisher_and_date_gets_its_rundown(tmp_path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "tij-news-2022.md").write_text(TIJ_NEWS, encoding="utf-8")
    (tmp_path / "reports" / "tij-annual-report-2020.md").write_text(TIJ_REPORT, encoding="utf-8")
    update_index(tmp_path / "index", [tmp_path / "reports"], real_embedder)
    assistant = Assistant(load_index(tmp_path / "index", lambda _: real_embedder, real_embedder.name))
    # No title words: the publisher's one story of September 2022 is the one asked about.
    answer = assistant.ask("What's the TIJ news story from September 2022 about?")
    lines = answer.answer.splitlines()
    assert lines[0].startswith("TIJ trains forty prison officers in Chiang Mai"), answer.answer
    assert any(line.startswith("- Follow-up:") for line in lines), answer.answer
    # A fact asked of it is no rundown; nor is a question naming no kind of document.
    fact = assistant.ask("How many prison officers did the TIJ workshop of September 2022 train?")
    assert "Forty" in fact.answer and "- Follow-up" not in fact.answer, fact.answer
