"""A sentence that shares none of the question's words answers it by meaning, institutes aside (api/meaning.py):
"When was it founded?" / "It was established in 1978"; and a figure or a place beside the institute's name does
not answer what the question asks ("How many employees does UNAFRI have?")."""

from __future__ import annotations

from typing import Any

import pytest

from api.meaning import MEANT, Meaning, unnamed


def test_institutes_are_read_as_it_by_name_or_initials() -> None:
    assert unnamed("When was NAUSS founded?") == "When was it founded?"
    assert unnamed("the Thailand Institute of Justice held a seminar") == "the it held a seminar"
    assert unnamed("No institute here.") == "No institute here."


@pytest.mark.model
def test_meaning_without_the_names_separates_an_answer_from_a_sentence_on_the_same_institute(
    real_embedder: Any,
) -> None:
    meaning = Meaning(real_embedder)
    founded, seminar = meaning.alike(
        "In what year was NAUSS created?",
        [
            "The Naif Arab University for Security Sciences was established in 1978.",
            "The University continuously holds security conferences, seminars and exhibitions.",
        ],
    )
    assert founded >= MEANT > seminar
    (staff,) = meaning.alike(
        "How many people work at the Thailand Institute of Justice?",
        [
            "Together with the Office of the Attorney-General, the Thailand Institute of Justice held a seminar for 70 "
            "senior prosecutors."
        ],
    )
    assert staff < MEANT


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In what year was NAUSS created?", "1978"),  # "established": no word in common
        ("Which city is ISS headquartered in?", "Pretoria"),
        ("Where is ICPC based?", "Montreal"),  # its seat, said where it is named
        ("ICCLR 본부는 어느 도시에 있나요?", "Vancouver"),  # in Korean, no word of it in any English sentence
        ("Who is the head of the Thailand Institute of Justice?", "Kittayarak"),  # its director, in KICJ's account
    ],
)
def test_answered_by_a_sentence_sharing_none_of_the_asked_words(assistant: Any, question: str, expected: str) -> None:
    answer = assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert expected in answer.answer


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "How many employees does ICCLR have?",  # figures of its events are no headcount
        "Where are UNAFRI's headquarters?",  # the report places its meetings, never its seat
        "What is the annual budget of TIJ?",
    ],
)
def test_refused_when_no_sentence_says_what_is_asked(assistant: Any, question: str) -> None:
    assert assistant.ask(question).abstained
