"""Periods: what a report covers (a calendar year, a fiscal year, a biennium, a date range) and what a question
asks about, both in calendar years."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.periods import asked_years, find_period, fiscal_label_starts, period_spans, period_words
from ingest.pipeline import read_document
from ingest.types import Period


@pytest.mark.parametrize(
    ("front", "named_most", "expected"),
    [
        (
            "Annual Report 2018–19\nReporting period: 1 July 2018 – 30 June 2019\nCanberra, October 2019",
            2019,
            Period(2018, 2019, "2018–19"),
        ),
        (
            "Report of the Board of Trustees covering 1 January 2021 to 30 June 2022",
            2021,
            Period(2021, 2022, "2021–22"),
        ),
        ("HEUNI Biennial Report 2018–2019", 2019, Period(2018, 2019, "2018–2019")),
        ("Activities of the institutes in 2020\nDistr.: General 5 March 2021", 2020, Period(2020, 2020, "2020")),
        ("Newsletter, January–March 2021", 2021, Period(2021, 2021, "2021")),
        # The span must hold the year the report names most: a plan for 2024–2027 is not what it covers.
        ("Annual Report 2022\nOur strategy 2024–2027", 2022, Period(2022, 2022, "2022")),
        # A document symbol or a resolution number is no period.
        ("E/CN.15/2021/6 resolution 46/152", 2020, Period(2020, 2020, "2020")),
        # "Between <date> and <date>" in the readers' languages, months written with "de" in Spanish.
        (
            "Entre enero de 2020 y diciembre de 2022, el programa regional trabajó con",
            2020,
            Period(2020, 2022, "2020–2022"),
        ),
        ("Entre janvier 2021 et juin 2022, le projet a formé 300 agents", 2021, Period(2021, 2022, "2021–22")),
        (
            "Between March 2019 and February 2021 the project trained 120 officers",
            2020,
            Period(2019, 2021, "2019–2021"),
        ),
        # ... but not a stretch of other years the report looks back on.
        ("Annual Report 2022\nBetween 2015 and 2018 the Institute moved twice", 2022, Period(2022, 2022, "2022")),
    ],
)
def test_a_report_covers_the_period_its_title_page_states(front: str, named_most: int, expected: Period) -> None:
    assert find_period(front, named_most) == expected


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("What did the AIC do in 2019?", (2019,)),
        ("What did the AIC do in 2018-19?", (2018, 2019)),
        ("AIC results in FY2019", (2018, 2019)),
        ("AIC in FY 2018-19", (2018, 2019)),
        ("the 2019/20 annual report", (2019, 2020)),
        ("What did UNICRI do between January 2021 and June 2022?", (2021, 2022)),
        ("¿Qué hizo el ILANUD de 2019 a 2021?", (2019, 2020, 2021)),
        ("¿Qué hizo el RWI entre enero de 2020 y diciembre de 2022?", (2020, 2021, 2022)),
        ("What did KICJ do in 2020 and 2023?", (2020, 2023)),  # two years, not the four between them
        ("2020년에 무엇을 했나요?", (2020,)),
        ("What is E/CN.15/2021/6 about?", ()),
    ],
)
def test_a_question_asks_about_calendar_years(question: str, years: tuple[int, ...]) -> None:
    assert asked_years(question) == years


@pytest.mark.parametrize(
    ("front", "period", "starts"),
    [
        ("Annual Report FY2020\n\nFiscal year 1 April 2020 – 31 March 2021", Period(2020, 2021, "2020–21"), True),
        ("This report covers fiscal year 2020, from 1 April 2020", Period(2020, 2021, "2020–21"), True),
        ("Annual Report FY2019\n\n1 July 2018 – 30 June 2019", Period(2018, 2019, "2018–19"), False),
        # Counter-examples: a label of two years, a calendar year, a fiscal year the report does not cover.
        ("Annual Report 2018–19\n\n1 July 2018 – 30 June 2019", Period(2018, 2019, "2018–19"), None),
        ("Financial year 2018-19", Period(2018, 2019, "2018–19"), None),
        ("Annual Report FY2020", Period(2020, 2020, "2020"), None),
        ("Compared with FY2016", Period(2020, 2021, "2020–21"), None),
    ],
)
def test_a_report_says_which_year_names_its_fiscal_year(front: str, period: Period, starts: bool | None) -> None:
    assert fiscal_label_starts(front, period) is starts


def test_a_fiscal_year_asked_by_one_year_is_read_as_its_institute_names_it() -> None:
    assert asked_years("UNAFEI total income fy2020") == (2019, 2020)  # ending in 2020, the common reading
    assert asked_years("UNAFEI total income fy2020", fiscal_starts=True) == (2020, 2021)
    assert asked_years("UNAFEI income in FY2019-20", fiscal_starts=True) == (2019, 2020)  # spelled out


def test_a_period_in_a_question_is_a_time_not_a_name() -> None:
    question = "What did the AIC get done in FY 2018-19?"
    [(start, end)] = period_spans(question)
    assert question[start:end] == "FY 2018-19"
    # A range of months is a period too, its months with it.
    ranged = "How many staff did it have at the end of the July 2018 – June 2019 reporting year?"
    assert [ranged[a:b] for a, b in period_spans(ranged)] == ["July 2018 – June 2019"]
    assert asked_years(ranged) == (2018, 2019)


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("How many people did UNAFRI train in its 2021/22 financial year?", ["2021/22 financial year"]),
        ("What did HEUNI do in the 2018–2019 biennium?", ["2018–2019 biennium"]),
        ("How many papers did the AIC publish in calendar year 2019?", ["calendar year 2019"]),
        ("¿Cuántas personas formó el ILANUD en el ejercicio fiscal 2021?", ["ejercicio fiscal 2021"]),
        ("staff at the end of the July 2018 – June 2019 reporting year", ["July 2018 – June 2019 reporting year"]),
        # No period, no period words: the financial year itself may be what is asked.
        ("When does UNAFRI's financial year start?", []),
        ("What did the AIC do in 2019?", ["2019"]),
    ],
)
def test_the_words_naming_the_kind_of_period_asked_go_with_it(question: str, spans: list[str]) -> None:
    assert [question[start:end] for start, end in period_words(question)] == spans


def test_every_chunk_of_a_fiscal_year_report_covers_both_years() -> None:
    text = (
        "Australian Institute of Criminology\n\nAnnual Report 2018–19\n\n"
        "Reporting period: 1 July 2018 – 30 June 2019\n\n"
        "In 2019 the Institute published 63 research papers. In late 2018 it moved to new premises."
    )
    doc, chunks = read_document(Path("aic-2018-19.txt"), text.encode())
    assert doc.period == Period(2018, 2019, "2018–19") and doc.year == 2018 and doc.years == (2018, 2019)
    assert chunks and all(c.years == (2018, 2019) and c.covers((2019,)) and "2018–19" in c.context for c in chunks)


def test_the_report_whose_period_fits_best() -> None:
    from ingest.periods import period_fit

    assert period_fit((2018, 2019), (2018, 2019)) == 1.0
    assert period_fit((2019, 2020), (2018, 2019)) == 1 / 3  # shares a year with "2018-19", fits it less
    assert period_fit((2020,), (2018, 2019)) == 0.0
    assert period_fit((2020,), ()) == 0.0  # no year asked: no report fits better than another


@pytest.mark.parametrize(
    ("dateline", "date"),
    [
        ("San José, 18 de noviembre de 2021.", "18 de noviembre de 2021"),
        ("Abidjan, le 1er mars 2021 –", "1er mars 2021"),
        ("서울, 2021년 11월 18일", "2021년 11월 18일"),
        ("Chiang Mai, 14 September 2021 –", "14 September 2021"),
    ],
)
def test_a_news_page_covers_the_year_of_its_dateline_not_of_the_plans_it_announces(dateline: str, date: str) -> None:
    # The page names 2022 (plans, the next workshops) more often than 2021; its dateline says when it was written.
    text = (
        f"{dateline} The Institute closed its training cycle of 2021.\n\n"
        "The next workshops will be held in 2022. A plan for 2022 is being prepared, and a second one for 2022."
    )
    doc, _ = read_document(Path("news.txt"), text.encode())
    assert doc.date == date and doc.period == Period(2021, 2021, "2021")


def test_a_year_that_bounds_an_open_period_is_no_period_asked() -> None:
    from ingest.periods import bound_years

    # "until 2002", "before 2017", "since 2015": the edge of a time before or after, in the readers' languages.
    assert bound_years("What was NAUSS known as until 2002?") == (2002,)
    assert bound_years("Sous quel nom la NAUSS était-elle connue jusqu'en 2002 ?") == (2002,)
    assert bound_years("¿Cómo se llamaba el Instituto antes de 2017?") == (2017,)
    assert bound_years("What has HEUNI published since 2015?") == (2015,)
    assert bound_years("NAUSS는 2002년까지 어떤 이름이었나요?") == (2002,)
    # Counter-examples: a year asked, a closed range, a date in a year.
    assert bound_years("What did HEUNI do in 2020?") == ()
    assert bound_years("What did HEUNI do between 2018 and 2020?") == ()
    assert bound_years("What did HEUNI do from 2018 to 2020?") == ()
    assert bound_years("Who spoke on 3 May 2019 before the Commission?") == ()
