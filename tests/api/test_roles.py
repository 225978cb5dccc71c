"""The holder of an office: which questions ask for one, and which sentences name one."""

from __future__ import annotations

import pytest

from api.roles import names_holder, office_asked


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("Who is the director of UNICRI?", "director"),
        ("Who was the executive director of the Institute in 2019?", "director"),
        ("What is the name of the UN Special Rapporteur who spoke there?", "rapporteur"),
        ("¿Quién es la presidenta del instituto?", "presidenta"),
        ("Qui est le directeur de HEUNI ?", "directeur"),
        ("태국사법연구소(TIJ) 소장은 누구인가요?", "director"),  # a Korean title, by the reports' English one
        # Not an office: a guest, a partner, a person named by the question, or a verb.
        ("Who was the guest at the first expert group meeting?", None),
        ("Who is the partner of ICPC in Montreal?", None),
        ("Who is Liv Tørres?", None),
        ("소장은 어디에 있나요?", None),  # a title, but no "who"
        ("Who heads the Thailand Institute of Justice?", None),
    ],
)
def test_the_office_a_question_asks_about(question: str, office: str | None) -> None:
    assert office_asked(question) == office


def test_a_sentence_names_a_holder_when_the_title_stands_beside_a_name() -> None:
    assert names_holder("and Director Taro Morinaga of the Institute visited", "director")
    assert names_holder("talks by Kittipong Kittayarak, Director of the Thailand Institute of Justice.", "director")
    assert names_holder("Liv Tørres, director of the Pathfinders, was invited", "directeur")  # across languages
    assert names_holder("The session was chaired by Jane Doe.", "chair")
    assert names_holder("Jane Doe (Secretary) opened it.", "secrétaire")
    # The office of a body, then the name after a comma.
    assert names_holder("la directora del ILANUD, Dra. Marcela Quesada Villalobos, señaló que", "director")
    assert names_holder("The Director of UNICRI, Antonia Marie De Meo, opened the session.", "director")


def test_a_title_or_a_name_alone_is_no_holder() -> None:
    # A title with no name, a body's name beside a title, another office, no title at all.
    assert not names_holder("The dialogue was attended by the United Nations Special Rapporteur on truth", "rapporteur")
    assert not names_holder("With the Human Rights and Peacebuilding Institute, the director spoke", "director")
    assert not names_holder("Kittipong Kittayarak, Director of the Thailand Institute of Justice", "president")
    assert not names_holder("The European Institute for Crime Prevention and Control, based in Helsinki", "director")
    assert not names_holder("The director of the programme, which the European Union funds, spoke", "director")
