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


def test_a_part_asking_the_first_again_for_another_period_is_asked_in_full() -> None:
    from api.compound import elided

    assert elided("how much in 2019?", "How much did HEUNI spend in 2018?") == "How much did HEUNI spend in 2019?"
    assert elided("what about 2019-20?", "How many outputs did the AIC publish in 2018-19?") == (
        "How many outputs did the AIC publish in 2019-20?"
    )
    # Counter-examples: a part that asks something of its own, or an earlier part naming no period.
    assert elided("how many staff did it have in 2019?", "How much did HEUNI spend in 2018?") is None
    assert elided("how much in 2019?", "How much did HEUNI spend on training?") is None


def test_two_parts_answered_by_one_sentence_give_it_once() -> None:
    from api.compound import merge
    from api.types import Answer, Citation

    cited = Citation(1, "c", "d", "t", section=None, org="AIC", year=2018, page=3, paragraph=None, text="x", score=1.0)
    sentence = "The survey was funded by the Department of Social Services (AUD 480,000). [1]"
    parts = [
        Answer(sentence, False, [cited], "Which department funded it?", {}),
        Answer(sentence, False, [cited], "q", {}),
    ]
    merged = merge("Which department funded it, and for what amount?", parts, 1.0)
    assert merged.answer == sentence and len(merged.citations) == 1


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        # Two question words joined ("when and where"): one question about two things, each asked in full, so that
        # each is answered by the passage saying it (a date and a place are often in different sentences).
        (
            "When and where did the Institute hold its roundtable on firearms?",
            [
                "When did the Institute hold its roundtable on firearms?",
                "Where did the Institute hold its roundtable on firearms?",
            ],
        ),
        (
            "Can you tell me where and when the Board met in 2022?",
            ["Can you tell me where the Board met in 2022?", "Can you tell me when the Board met in 2022?"],
        ),
        (
            "¿Dónde y cuándo se reunió la Junta del Instituto?",
            ["Dónde se reunió la Junta del Instituto?", "Cuándo se reunió la Junta del Instituto?"],
        ),
        (
            "Quand et où le Centre a-t-il tenu son forum ?",
            ["Quand le Centre a-t-il tenu son forum?", "Où le Centre a-t-il tenu son forum?"],
        ),
        (
            "연구원의 국제학술회의는 언제 어디에서 열렸나요?",
            ["연구원의 국제학술회의는 언제 열렸나요?", "연구원의 국제학술회의는 어디에서 열렸나요?"],
        ),
        (
            "how and why did the forum move online? (the 2021 forum)",
            ["how did the forum move online? (the 2021 forum)", "why did the forum move online? (the 2021 forum)"],
        ),
    ],
)
def test_two_question_words_joined_ask_two_questions(question: str, parts: list[str]) -> None:
    assert split_compound(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "What does the report say about the when and where of the meeting?",  # nouns, not question words
        "Which institute and which partner signed the memorandum?",  # determiners: one thing asked
        "How many and which countries took part?",  # one list: how many of which
    ],
)
def test_joined_words_that_ask_one_thing_stay_one_question(question: str) -> None:
    assert split_compound(question) == [question]
