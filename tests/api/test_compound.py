"""Two-part questions split into their parts (api/compound.py), in the readers' languages."""

from __future__ import annotations

import pytest

from api.compound import split_compound


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Which country's judiciary did ILANUD help, and in which country is it working with UNDP?",
            ["Which country's judiciary did ILANUD help?", "in which country is it working with UNDP?"],
        ),
        ("¿Dónde está HEUNI y qué hizo en 2020?", ["Dónde está HEUNI?", "qué hizo en 2020?"]),
        ("Où est le ICPC et quel laboratoire a-t-il créé ?", ["Où est le ICPC?", "quel laboratoire a-t-il créé?"]),
        (
            "제10회 국제포럼의 주제는 무엇이었고, 첫 포럼은 몇 년에 열렸나요?",
            ["제10회 국제포럼의 주제는 무엇이었고?", "첫 포럼은 몇 년에 열렸나요?"],
        ),
        # A follow-up's context (the trailing parenthesis) goes with every part.
        (
            "how many sessions did it have and who co-organised it? (the AI symposium)",
            ["how many sessions did it have? (the AI symposium)", "who co-organised it? (the AI symposium)"],
        ),
    ],
)
def test_two_questions_in_one(question: str, parts: list[str]) -> None:
    assert split_compound(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "research and training of UNAFEI",  # no second question word
        "Who organised it and with whom?",  # a part too short to be a question
        "KICJ는 2023년에 연구를 하고, 포럼을 열었다",  # a Korean connective without a question word
        "which new module was added there, and with whom? (the LEARN platform)",  # the context is no part
    ],
)
def test_one_question_stays_one(question: str) -> None:
    assert split_compound(question) == [question]
