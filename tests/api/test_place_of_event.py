"""A "where" question is answered by the place of the event it asks about, not by a place named in a sentence
about something else of the same institute."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from index.build import update_index
from index.store import load_index


def _assistant(tmp_path: Path, embedder, name: str, text: str) -> Assistant:  # type: ignore[no-untyped-def]
    """The assistant over one report, ``text`` saved as ``name``."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    update_index(tmp_path / "index", [tmp_path / "reports"], embedder)
    return Assistant(load_index(tmp_path / "index", lambda _: embedder, embedder.name))


REPORT = """# Institute for Justice Studies: annual report 2021

## Prosecution

In 2021, together with the Office of the Attorney-General, the Institute held a seminar for 70 senior prosecutors
on technology and justice.

The seminar encouraged participants to adopt digital case management and to share evidence across borders.

## Corrections

In 2021, the Institute trained 45 prison officers in Bangkok on rehabilitation and reintegration.

The Urban Safety Lab, created in partnership with the City of Montreal, was launched in 2021.
"""


@pytest.mark.model
def test_a_place_answers_only_the_event_it_is_said_of(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(tmp_path, real_embedder, "ijs-annual-report-2021.md", REPORT)
    seminar = assistant.ask("Where was the seminar for senior prosecutors on technology held?")
    assert seminar.abstained and "Bangkok" not in seminar.answer, seminar.answer
    training = assistant.ask("Where were the prison officers trained?")
    assert not training.abstained and "Bangkok" in training.answer, training.answer
    partner = assistant.ask("Which city did the Urban Safety Lab partner with?")
    assert not partner.abstained and "Montreal" in partner.answer, partner.answer


DATES = """# Institute for Justice Studies: annual report 2020

## Projects

In January 2020, the Institute held the final conference of its prison training project in Rome.

The project trained 120 prison officers from six countries in rehabilitation and reintegration.
"""


@pytest.mark.model
def test_a_month_does_not_answer_on_what_date(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(tmp_path, real_embedder, "ijs-annual-report-2020.md", DATES)
    final = assistant.ask("On what date was the final conference of the prison training project held?")
    assert final.abstained and "January 2020" in final.answer, final.answer  # refused, saying what it found
    month = assistant.ask("When was the final conference of the prison training project held?")
    assert not month.abstained and "January 2020" in month.answer, month.answer


NETWORK = """# Activities of the institutes of the network in 2020

## European Institute for Crime Prevention and Control (HEUNI)

In 2020, the European Institute for Crime Prevention and Control, based in Helsinki, moved its training online
and published three reports on labour exploitation.

## Korea Institute of Criminology and Justice (KICJ)

The Korea Institute of Criminology and Justice held six expert group meetings, one of them with the European
Institute for Crime Prevention and Control (HEUNI) in Finland.
"""


@pytest.mark.model
def test_where_an_institute_is_is_its_own_seat(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(tmp_path, real_embedder, "network-activities-2020.md", NETWORK)
    city = assistant.ask("Which city is HEUNI in?")
    assert not city.abstained and "Helsinki" in city.answer, city.answer


@pytest.mark.model
def test_a_venue_asked_for_is_the_place_the_word_venue_introduces(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    report = (
        "# Institute for Justice Studies: biennial report 2018-2019\n\n## Training and events\n\n"
        "The largest event was the European conference on labour exploitation, held in Helsinki on 9 and 10 "
        "October 2019 during the Finnish Presidency of the Council of the European Union, with 312 participants "
        "from 29 countries. The conference venue, the Finlandia Hall, provided a congress hall of 1,700 m² and "
        "six meeting rooms.\n"
    )
    assistant = _assistant(tmp_path, real_embedder, "ijs-biennial-report-2018-2019.md", report)
    venue = assistant.ask("At which venue was the European conference on labour exploitation held in October 2019?")
    assert "Finlandia Hall" in venue.answer, venue.answer
    # "Which city" asks for the city: the sentence placing the conference in Helsinki.
    city = assistant.ask("In which city was the European conference on labour exploitation held?")
    assert "Helsinki" in city.answer, city.answer


SEATED = """# Raoul Wallenberg Institute: programme note 2022

## Women in prison

The Raoul Wallenberg Institute of Human Rights and Humanitarian Law, based in Lund, Sweden, launched the regional
programme on women in prison on 1 January 2020 with the prison services of Bolivia, Ecuador and Paraguay.

Between September 2020 and April 2021, mixed teams interviewed 1,186 women held in nine prisons of the three
countries.

The closing regional meeting of the programme was held in Asunción on 22 and 23 November 2022 and brought
together 95 participants from seven countries.
"""


@pytest.mark.model
@pytest.mark.xfail(
    strict=True,
    reason="open (issue 16): the programme's words, which the question adds only to say which meeting, outweigh "
    "the words asked ('closing meeting'): the launch sentence naming the programme ranks first",
)
def test_where_an_institute_held_something_is_not_its_seat(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(tmp_path, real_embedder, "rwi-programme-note-2022.md", SEATED)
    meeting = assistant.ask("Where did the RWI hold the closing meeting of its programme on women in prison?")
    assert "Asunción" in meeting.answer and "Lund" not in meeting.answer, meeting.answer


@pytest.mark.model
def test_where_an_institute_held_its_meeting_and_where_it_is(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant(tmp_path, real_embedder, "rwi-programme-note-2022.md", SEATED)
    meeting = assistant.ask("Where did the RWI hold its closing regional meeting?")
    assert "Asunción" in meeting.answer and "Lund" not in meeting.answer, meeting.answer
    # Where the institute itself is: its seat.
    seat = assistant.ask("Where is the RWI based?")
    assert not seat.abstained and "Lund" in seat.answer, seat.answer
