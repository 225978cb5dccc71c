"""Figures read where they are said: a table's row for the name asked, a part of a group ("38 of the 90"),
a body named with a possessive ("the EU's grant")."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from api.names import specific_terms, supported
from index.build import update_index
from index.store import load_index

REPORT = """# Centre for Prison Research: annual report 2021

## Monitoring

In 2021 the Centre interviewed 1,500 prisoners in Oslo, Bergen and Tromsø. The numbers of prisoners interviewed
at each site were as follows:

| Site | Prisoners interviewed | Reoffending within two years (%) |
|---|---|---|
| Oslo | 700 | 31 |
| Bergen | 500 | 27 |
| Tromsø | 300 | 22 |

## Training

The Centre's summer school on prison health, funded by the European Union with EUR 250,000, met in August 2021.
Women made up 38 of the 90 participants.
"""


def test_a_possessive_is_no_part_of_the_name() -> None:
    assert specific_terms("How much did the EU's fund give?") == ["EU"]
    assert supported(["EU"], "funded by the European Union with EUR 250,000")


@pytest.mark.model
def test_figures_are_read_where_they_are_said(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-annual-report-2021.md": REPORT})
    # The row labelled Bergen, not the sentence naming Bergen among the sites with their total.
    bergen = assistant.ask("How many prisoners were interviewed in Bergen in 2021?")
    assert "500" in bergen.answer and "1,500" not in bergen.answer, bergen.answer
    women = assistant.ask("How many of the summer school participants were women?")
    assert not women.abstained and "38 of the 90" in women.answer, women.answer
    grant = assistant.ask("How much did the EU's grant to the summer school amount to?")
    assert not grant.abstained and "250,000" in grant.answer, grant.answer


# A foreword signed below its last paragraph; the name is on no line of the paragraphs themselves.
# A first page longer than the part of it that may name the report (api/passages.FRONT): names after it are not
# on the report's first page.
ABOUT_THE_CENTRE = (
    "# Centre for Prison Research: annual report 2021\n\n## About the Centre\n\n"
    + "The Centre for Prison Research studies prisons in the Nordic countries and advises their services. " * 16
)

FOREWORD = (
    ABOUT_THE_CENTRE
    + """

## From the Director

When the year began, none of us expected every prison to close its doors to visitors. The pandemic changed the
lives of the 9,200 people held in Norwegian prisons, and it changed our work too.

Our board met four times, twice online.

Dr Anna Berg

Director of the Centre

Oslo, 2 March 2022

## Monitoring

The monitoring team is led by Dr Per Olsen. In 2021 the Centre interviewed 1,500 prisoners in Oslo and Bergen.
"""
)


@pytest.mark.model
def test_a_forewords_figures_are_its_signatorys(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-annual-report-2021.md": FOREWORD})
    said = assistant.ask("How many people held in Norwegian prisons did Dr Anna Berg say the pandemic affected?")
    assert not said.abstained and "9,200" in said.answer, said.answer
    # The signature is of its own section: the monitoring figures are not hers.
    other = assistant.ask("How many prisoners did Dr Anna Berg say the Centre interviewed in 2021?")
    assert other.abstained, other.answer


OPERATIONS = (
    ABOUT_THE_CENTRE
    + """

## Operations

During 2021 the Centre for Prison Research implemented 12 projects in 9 countries, with expenditure of EUR 3.4
million. The Centre opened a liaison office in Brussels in September 2021.

## Training

The Centre ran a course on prison health for prison staff in Oslo in May 2021. The course was attended by 31
participants from five countries.
"""
)


@pytest.mark.model
def test_a_figure_is_not_of_what_the_next_sentence_is_about(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-annual-report-2021.md": OPERATIONS})
    office = assistant.ask("How much did it cost the Centre for Prison Research to open its office in Brussels?")
    assert office.abstained, office.answer
    # A figure in the sentence that refers back to the one before is of that one's subject.
    course = assistant.ask("How many people took part in the Centre's prison health course in Oslo?")
    assert not course.abstained and "31" in course.answer, course.answer


NEWS = """# Prison officers trained in Tromsø

Tromsø, 14 September 2021 – Forty prison officers completed a regional course on women in prison, organised by
the Centre for Prison Research. The course was opened by Dr Anna Berg, Director of the Centre.

Opening the course, Dr Anna Berg recalled the rules adopted in 2010. "In Norway alone, there are more than 210
women behind bars," she said. "Rules on paper are not enough."

On the fourth day, the officers visited the women's prison of Tromsø, where about 60 women are in prison according
to the course report.
"""


@pytest.mark.model
def test_a_person_s_figure_is_the_one_read_beside_their_name(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    # The page names her at its top; the figure she gave is in the paragraph that names her again.
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-news-2021.md": NEWS})
    answer = assistant.ask("How many women are in prison according to Anna Berg?")
    assert "210" in answer.answer and "about 60" not in answer.answer, answer.answer


def _assistant_over(tmp_path: Path, embedder, reports: dict[str, str], multilingual: bool = False) -> Assistant:  # type: ignore[no-untyped-def]
    """An assistant over an index of ``reports`` (file name -> text), with the multilingual space if asked."""
    from index.embed import E5Embedder

    (tmp_path / "reports").mkdir()
    for name, text in reports.items():
        (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    update_index(
        tmp_path / "index", [tmp_path / "reports"], embedder, multilingual=E5Embedder() if multilingual else None
    )
    return Assistant(
        load_index(tmp_path / "index", lambda _: embedder, embedder.name, E5Embedder if multilingual else None)
    )


FISCAL = """# Institute of Criminology: Annual Report 2018–19

Reporting period: 1 July 2018 – 30 June 2019

## Monitoring programs

Our monitoring programs on deaths in custody continued to provide the only national data of their kind. The
National Deaths in Custody Program recorded 89 deaths in custody in 2017–18, and our report on those deaths was
tabled in Parliament on 28 March 2019.

## Training

The number of professionals trained by the Institute in the two years is shown below by country:

| Country | 2017–18 | 2018–19 |
|---|---|---|
| Finland | 412 | 538 |
| Estonia | 96 | 141 |

## Staff

Eleven staff completed a course on data literacy and three research staff began doctoral studies. At 30 June 2019
the Institute employed 42 staff, of whom 29 were research staff.

## Finance

The total value of the premises the Government of Italy provided over the period, from July 2018 to June 2019, was
EUR 410,000.
During the reporting period the Institute implemented 38 projects in 47 countries, with expenditure of USD 21.6
million.

Voluntary contributions received in the period, in thousands of United States dollars, were as follows:

| Contributor | Total contribution |
|---|---|
| Italy | 3,120 |
| Japan | 410 |
| Total | 14,431 |
"""


@pytest.mark.model
def test_a_figure_s_period_is_the_one_of_its_own_clause(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ic-annual-report-2018-19.md": FISCAL})
    # 2017–18 is the deaths' year; 2019, the date a report was tabled, is another clause's.
    deaths = assistant.ask("How many deaths in custody were recorded in 2018-19?")
    assert deaths.abstained and "89 deaths" not in deaths.answer.split("closest")[0], deaths.answer
    # Each figure of a row has its own column's period.
    finland = assistant.ask("How many professionals did the Institute train in Finland in 2018-19?")
    assert "538" in finland.answer and not finland.abstained, finland.answer
    # A date within the period asked is of that period: "at 30 June 2019" answers for July 2018 – June 2019.
    staff = assistant.ask("How many staff did the Institute have at the end of the July 2018 – June 2019 year?")
    assert "42 staff" in staff.answer.split("[1]")[0], staff.answer


@pytest.mark.model
def test_the_sum_asked_is_the_one_called_so(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ic-annual-report-2018-19.md": FISCAL})
    # "12 months" is the length of the period named after it, not a figure the passage must hold.
    spent = assistant.ask("What was the Institute's total expenditure over the 12 months from July 2018 to June 2019?")
    assert "USD 21.6" in spent.answer and "410,000" not in spent.answer, spent.answer
    # A budget is a sum of its own: the report gives expenditure and contributions, no budget.
    budget = assistant.ask("What was the Institute's total annual budget in 2018-19?")
    assert budget.abstained and "21.6" not in budget.answer.split("closest")[0], budget.answer


CICLO = """# El ILANUD concluye su ciclo regional de capacitación sobre justicia restaurativa

San José, 18 de noviembre de 2021. El Instituto Latinoamericano de las Naciones Unidas para la Prevención del
Delito y el Tratamiento del Delincuente (ILANUD) concluyó el ciclo regional de capacitación sobre justicia
restaurativa, en el que participaron 186 jueces, fiscales y defensores públicos.

La iniciativa contó con el apoyo financiero de la Agencia Española de Cooperación Internacional para el
Desarrollo (AECID), que aportó 148.000 euros.
"""


@pytest.mark.model
def test_a_budget_asked_in_any_language_is_not_another_sum(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    # The page gives what a donor gave to one course, not the Institute's budget, in whatever language it is asked.
    assistant = _assistant_over(tmp_path, real_embedder, {"ilanud-noticia-2021.md": CICLO}, multilingual=True)
    for question in (
        "What was ILANUD's total annual budget in 2021?",
        "ILANUD의 2021년 전체 연간 예산은 얼마였나요?",
        "Quel était le budget annuel total de l'ILANUD en 2021 ?",
    ):
        budget = assistant.ask(question)
        assert budget.abstained and "148.000" not in budget.answer.split("closest")[0], (question, budget.answer)
    # The donor's sum is what is asked by its own name.
    given = assistant.ask("ILANUD의 2021년 교육 과정에 AECID가 지원한 금액은 얼마인가요?")
    assert "148.000" in given.answer and not given.abstained, given.answer


WORKSHOP = """# Regional workshop on women prisoners in Chiang Mai

Chiang Mai, 14 September 2022 – Sixty-four prison officers completed a five-day regional workshop on the
treatment of women prisoners.

## Action plans

Each delegation prepared an action plan for its prison service, to be discussed online in March 2023.

The workshop was funded by the Government of Japan through UNAFEI (JPY 9.8 million) and by TIJ (THB 2.4 million).
"""


@pytest.mark.model
def test_a_figure_s_sentence_is_read_under_its_page_s_title(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    # The sentence names the workshop only as "the workshop"; the page's title says which one.
    assistant = _assistant_over(tmp_path, real_embedder, {"tij-news-2022.md": WORKSHOP})
    answer = assistant.ask(
        "How much did the Japanese government contribute to the Chiang Mai workshop on women prisoners?"
    )
    assert not answer.abstained and "JPY 9.8 million" in answer.answer, answer.answer


@pytest.mark.model
def test_a_figure_of_the_very_period_asked_comes_before_one_of_a_period_overlapping_it(  # type: ignore[no-untyped-def]
    tmp_path: Path, real_embedder
) -> None:
    reports = {
        "network-report-2019.md": "# Activities of the network institutes in 2019\n\n## Institute of Criminology\n\n"
        "In 2019, the Institute of Criminology, based in Canberra, published 41 research papers and held 12 "
        "roundtables with policymakers.\n",
        "ic-annual-report-2019-20.md": "# Institute of Criminology: Annual Report 2019–20\n\n"
        "Reporting period: 1 July 2019 – 30 June 2020\n\n## Publications\n\n"
        "In 2019–20 the Institute published 71 research papers, including 25 Trends & issues papers.\n",
    }
    assistant = _assistant_over(tmp_path, real_embedder, reports)
    calendar = assistant.ask("How many research papers did the Institute of Criminology publish in calendar year 2019?")
    assert "41" in calendar.answer and "71" not in calendar.answer, calendar.answer
    fiscal = assistant.ask("How many research papers did the Institute of Criminology publish in 2019-20?")
    assert "71" in fiscal.answer, fiscal.answer


@pytest.mark.model
def test_a_figure_of_a_body_with_the_same_noun_phrase_answers_nothing_of_another(  # type: ignore[no-untyped-def]
    tmp_path: Path, real_embedder
) -> None:
    report = (
        "# Activities of the network institutes in 2019\n\n## Institute for Security Studies\n\n"
        "In 2019, the Institute for Security Studies, with offices in Pretoria and Dakar, produced 212 publications. "
        "With the support of the European Union, the Institute conducted research on organized crime in the Sahel. "
        "The Institute should not be confused with the European Union Institute for Security Studies.\n"
    )
    assistant = _assistant_over(tmp_path, real_embedder, {"network-2019.md": report})
    other = assistant.ask("How many publications did the EU Institute for Security Studies put out in 2019?")
    assert other.abstained and "212" not in other.answer.split("closest")[0], other.answer
    own = assistant.ask("How many publications did the Institute for Security Studies put out in 2019?")
    assert "212" in own.answer and not own.abstained, own.answer


CENTRE_2020 = """# Centre for Prison Research: Annual Report 2020

## Research

The Centre's monitoring program recorded 41 deaths in custody in 2016–17, the lowest number since 1990. The Centre
also released its survey of 1,200 prison officers, funded by the Ministry of Justice (NOK 480,000).

## Events

The annual seminar in Bergen was cancelled because of the pandemic.

## Finances

The Centre's income in 2020 was NOK 8.9 million, most of it from research grants.

| Income | 2020 (NOK) | 2019 (NOK) |
|---|---|---|
| Founding universities | 3,100,000 | 3,050,000 |
| Research grants | 5,800,000 | 5,150,000 |
| Total | 8,900,000 | 8,200,000 |
"""


@pytest.mark.model
def test_a_figure_of_an_earlier_year_is_read_from_its_column(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-annual-report-2020.md": CENTRE_2020})
    # The only report is of 2020, but its table gives 2019's income: the row the question names, its column.
    income = assistant.ask("What was the Centre for Prison Research's total income in 2019?")
    assert not income.abstained and "8,200,000" in income.answer, income.answer
    # A sentence after one ending "in 2016–17" is of its report's year, not of 2016–17.
    survey = assistant.ask("How much did the Ministry of Justice give for the Centre's 2020 survey of prison officers?")
    assert not survey.abstained and "480,000" in survey.answer, survey.answer
    # Counter-example: nothing in the report counts the people at a 2019 seminar.
    seminar = assistant.ask("How many people attended the Centre for Prison Research's annual seminar in 2019?")
    assert seminar.abstained, seminar.answer


BIENNIUM = """# Institute for Prison Research: Biennial Report 2018–2019

## Training

The Institute ran 34 training events for 1,870 professionals in the two years.

The Institute also completed a review of procurement in four municipalities. The number of professionals trained by
the Institute in the two years is shown below by country:

| Country | 2018 | 2019 |
|---|---|---|
| Finland | 412 | 538 |
| Estonia | 96 | 141 |
| Other | 300 | 383 |
| Total | 808 | 1,062 |
"""


@pytest.mark.model
def test_one_year_of_a_biennium_is_read_from_the_total_row_of_the_table_its_lead_in_introduces(  # type: ignore[no-untyped-def]
    tmp_path: Path, real_embedder
) -> None:
    assistant = _assistant_over(tmp_path, real_embedder, {"ipr-biennial-report-2018-2019.md": BIENNIUM})
    alone = assistant.ask("How many professionals did the Institute for Prison Research train in 2019 alone?")
    assert "1,062" in alone.answer and "1,870" not in alone.answer, alone.answer
    # Counter-example: a country asked is its own row, not the total.
    estonia = assistant.ask("How many professionals from Estonia did the Institute for Prison Research train in 2019?")
    assert "141" in estonia.answer and "1,062" not in estonia.answer, estonia.answer
