"""A figure answers a question about a period only if it is of that period: the period its sentence names,
else the last one named before it in its paragraph, else its report's (api/evidence.py ``of_period``)."""

from __future__ import annotations

import pytest

from api.evidence import of_period
from api.passages import PAIR, Unit
from ingest.types import Chunk


def _chunk(text: str) -> Chunk:
    return Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text))


def _unit(sentence: str, paragraph: str = "", years: tuple[int, ...] = (2019, 2020)) -> Unit:
    text = f"{paragraph} {sentence}".strip() if paragraph else sentence
    chunk = Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text), year=years[0], years=years)
    return Unit(sentence, chunk, 1.0)


@pytest.mark.parametrize(
    ("sentence", "asked", "fits"),
    [
        ("In 2019–20 the Institute published 71 research outputs.", (2019, 2020), True),  # "FY2019-20"
        ("In 2019–20 the Institute published 71 research outputs.", (2020,), True),  # half of 2020
        ("In 2019–20 the Institute published 71 research outputs.", (2020, 2021), False),  # "2020-21"
        ("The programme recorded 233 homicide incidents in 2017–18.", (2019, 2020), False),
        ("Expenditure was EUR 1.63 million in 2018 and EUR 1.94 million in 2019.", (2020,), False),
        ("Expenditure was EUR 1.63 million in 2018 and EUR 1.94 million in 2019.", (2019,), True),
        # Counter-examples: years that are not the figure's period do not count.
        ("The Institute, founded in 1981, trained 538 professionals.", (2019,), True),
        ("Forty-six countries use the package to reach the 2030 Agenda.", (2020,), True),
        # ... unless the question asks for them.
        ("The programme has trained more than 4,200 officials since 2013.", (2013,), True),
        ("The Congress will be held in the United Arab Emirates in 2026.", (2026,), True),
        # No period named: the report's own.
        ("The Institute's staff grew from 13 to 17.", (2019,), True),
        ("The Institute's staff grew from 13 to 17.", (2021,), False),
    ],
)
def test_a_figure_is_of_the_period_its_sentence_names(sentence: str, asked: tuple[int, ...], fits: bool) -> None:
    assert of_period(_unit(sentence), asked, "number") is fits


def test_a_sentence_naming_no_period_takes_the_last_one_named_before_it_in_its_paragraph() -> None:
    lead = "In 2019–20 the Institute published 71 research outputs."
    sentence = "They were downloaded 704,000 times."
    assert not of_period(_unit(sentence, lead, years=(2019, 2020, 2021)), (2021,), "number")
    assert of_period(_unit(sentence, lead, years=(2019, 2020, 2021)), (2019, 2020), "number")
    # A period named in an earlier paragraph is not this one's.
    assert of_period(_unit(sentence, lead + "\n\n", years=(2021,)), (2021,), "number")


def test_a_sentence_in_the_present_tense_is_of_the_report_not_of_the_period_before_it() -> None:
    # "It" is the Institute, whose board is described as it is now: not as it was when it coordinated the network.
    lead = "The Institute joined the network in 2016 and coordinated it in 2019–2020."
    board = "It is governed by an Executive Board of eleven members, chaired by Mr Wichai Rattanakorn."
    assert of_period(_unit(board, lead, years=(2021, 2022)), (2021, 2022), "name")
    # Counter-example: in the past tense, pointing back goes on in the period named before.
    downloads = "They were downloaded 704,000 times."
    assert not of_period(
        _unit(downloads, "In 2019–20 the Institute published 71 outputs.", (2019, 2020, 2021)), (2021,), "number"
    )


def test_a_period_left_open_runs_to_the_end_of_the_report() -> None:
    chair = "The Board was chaired by Ms. Halvorsen until 31 December 2021 and by Mr. Altamirano thereafter."
    assert of_period(_unit(chair, years=(2021, 2022)), (2022,), "name")
    closed = "The Board was chaired by Ms. Halvorsen until 31 December 2021."
    assert not of_period(_unit(closed, years=(2021, 2022)), (2022,), "name")


def test_of_a_pair_the_first_sentence_with_the_figure_speaks() -> None:
    pair = f"In 2019–20 the Institute published 71 outputs.{PAIR}Downloads reached 704,000 by 30 September 2020."
    assert not of_period(_unit(pair, years=(2019, 2020)), (2020, 2021), "number")


def test_a_sentence_is_read_with_its_headings_and_its_paragraph_up_to_it() -> None:
    from api.evidence import lead

    text = (
        "Early release\n\nIn Finland, the review began in March.\n\nNorway and Sweden released 412 and 386 prisoners."
    )
    chunk = Chunk(
        chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text), context="Nordic Centre › COVID"
    )
    read = lead(Unit("Norway and Sweden released 412 and 386 prisoners.", chunk, 1.0))
    assert "COVID" in read and "Norway" in read
    assert "Finland" not in read  # another paragraph: not what this sentence is read with
    one = Chunk(chunk_id="c", doc_id="d", title="t", text="In Finland, it began. It ended in May.", start=0, end=38)
    assert "Finland" in lead(Unit("It ended in May.", one, 1.0))  # the same paragraph, before it


def test_a_table_row_is_read_with_the_lead_in_that_introduces_its_table() -> None:
    from api.evidence import lead

    text = (
        "The Drug Use Monitoring in Australia program was suspended in April 2020. Before that, 1,904 detainees "
        "were interviewed:\n\nSite | Detainees interviewed\n\nAdelaide — Detainees interviewed: 455.\n\n"
        "Perth — Detainees interviewed: 418.\n\nThe program will resume in 2021."
    )
    chunk = _chunk(text)
    assert "Drug Use Monitoring" in lead(Unit("Perth — Detainees interviewed: 418.", chunk, 1.0))
    # Prose after the table is no row of it: its own paragraph is what it is read with.
    assert "Drug Use Monitoring" not in lead(Unit("The program will resume in 2021.", chunk, 1.0))
    # A row under a paragraph that does not introduce it (no colon) takes nothing from it.
    flat = text.replace("interviewed:\n", "interviewed.\n")
    plain = _chunk(flat)
    assert "Drug Use Monitoring" not in lead(Unit("Perth — Detainees interviewed: 418.", plain, 1.0))


def test_a_table_row_holds_an_amount_when_its_lead_in_names_the_currency() -> None:
    from api.evidence import holds_asked_span

    text = (
        "Contributions received during the reporting period are shown below (in thousands of United States "
        "dollars):\n\nContributor | 2021 | 2022\n\nItaly — 2021: 3,120; 2022: 1,640.\n\n"
        "European Union — 2021: 6,804; 2022: 4,218."
    )
    chunk = _chunk(text)
    assert holds_asked_span(Unit("European Union — 2021: 6,804; 2022: 4,218.", chunk, 1.0), "amount")
    # Counter-example: the same row under a lead-in naming no currency counts something else.
    people = text.replace("(in thousands of United States dollars)", "(participants)")
    plain = _chunk(people)
    assert not holds_asked_span(Unit("European Union — 2021: 6,804; 2022: 4,218.", plain, 1.0), "amount")


def test_a_period_closing_another_sentence_is_that_sentences_alone() -> None:
    # "... in 2016–17." qualifies its own sentence; the next one, on another subject, is of the report's period.
    before = "The National Homicide Monitoring Program recorded 227 homicide incidents in 2016–17."
    sentence = "The Institute also released a survey of 2,050 women, funded by the Department (AUD 480,000)."
    report = (2018, 2019)
    assert of_period(_unit(sentence, before, years=report), report, "amount")
    # Counter-examples: a period framing the paragraph ("In 2016–17 ..."), or a sentence pointing back to it
    # ("They ..."), carries over.
    framing = "In 2016–17 the program recorded 227 homicide incidents."
    assert not of_period(_unit(sentence, framing, years=report), report, "amount")
    back = "They were funded by the Department (AUD 480,000)."
    assert not of_period(_unit(back, before, years=report), report, "amount")


def test_a_table_row_holds_an_amount_when_its_column_headings_name_the_currency() -> None:
    from api.evidence import holds_asked_span, table_of

    text = (
        "The Centre's income in 2020 was DKK 8.9 million.\n\nIncome | 2020 (DKK) | 2019 (DKK)\n\n"
        "Research grants — 2020 (DKK): 3,400,000; 2019 (DKK): 2,950,000.\n\n"
        "Total — 2020 (DKK): 8,900,000; 2019 (DKK): 8,200,000."
    )
    chunk = _chunk(text)
    total = Unit("Total — 2020 (DKK): 8,900,000; 2019 (DKK): 8,200,000.", chunk, 1.0)
    assert holds_asked_span(total, "amount")
    assert table_of(total) == "Income | 2020 (DKK) | 2019 (DKK)"  # what the row's figures are
    assert of_period(total, (2019,), "amount")  # each figure's period is its column's
    # Counter-example: columns of years alone, under no currency, count something else.
    counts = text.replace(" (DKK)", "")
    plain = _chunk(counts)
    assert not holds_asked_span(Unit("Total — 2020: 8,900,000; 2019: 8,200,000.", plain, 1.0), "amount")
    assert table_of(Unit("The Centre's income in 2020 was DKK 8.9 million.", chunk, 1.0)) == ""


def test_of_a_pair_a_length_of_time_is_no_figure_to_take_the_period_from() -> None:
    first = "When the board adopted the plan for 2020 in December 2019, none imagined that in three months all closed."
    pair = f"{first}{PAIR}The pandemic changed the lives of the 11,400 people held in prison."
    assert not of_period(_unit(pair, years=(2020,)), (2019,), "number")  # the count is the second sentence's
    assert of_period(_unit(pair, years=(2020,)), (2020,), "number")


@pytest.mark.parametrize(
    ("question", "singles_out"),
    [
        # A period written with a slash or a dash is no count: "2021/22" leaves no "22" to single a thing out.
        ("What did UNAFRI do in 2021/22?", False),
        ("What did the AIC do in FY2019/20?", False),
        ("What did the Institute get done in 2018-19?", False),
        ("What did TIJ do in its 2021/22 financial year?", False),
        # An ordinal or a count beside such a period still does.
        ("What happened at the 10th forum in 2021/22?", True),
        ("What were the three priority areas in 2018–19?", True),
    ],
)
def test_a_period_asked_is_no_count_of_things(question: str, singles_out: bool) -> None:
    from api.names import names_one

    assert names_one(question) is singles_out
