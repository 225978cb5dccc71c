"""Follow-ups: the referent of "it/its/there" comes from the conversation, and the answer says so."""

from __future__ import annotations

import pytest

from api.conversation import standalone_question
from index.query import analyze_query

HISTORY = [
    {"role": "user", "content": "What did the Basel Institute do in 2020?"},
    {"role": "assistant", "content": "Basel (Basel Institute on Governance) in 2020: ..."},
]


def test_a_follow_up_gets_the_institute_and_year_of_the_earlier_turn() -> None:
    standalone = standalone_question("What is its new programme called?", HISTORY, analyze_query)
    assert standalone == "What is its new programme called? (Basel, 2020)"


def test_a_question_that_names_its_institute_or_has_no_history_is_left_alone() -> None:
    assert standalone_question("What did HEUNI do?", HISTORY, analyze_query) == "What did HEUNI do?"
    assert standalone_question("Where is it based?", [], analyze_query) == "Where is it based?"
    assert standalone_question("Which programme fights corruption?", HISTORY, analyze_query) == (
        "Which programme fights corruption?"
    )


@pytest.mark.model
def test_the_follow_up_is_answered_and_the_searched_question_reported(assistant) -> None:  # type: ignore[no-untyped-def]
    answer = assistant.ask("What is its new programme on environmental degradation called?", history=HISTORY)
    assert "Green Corruption" in answer.answer and answer.citations[0].org == "Basel"
    assert answer.query.endswith("(Basel, 2020)")
