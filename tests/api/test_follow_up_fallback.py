"""Asked in a conversation, a question the reports do not answer on its own is asked about what the conversation
is about: "how much did UNAFEI chip in?" after a question on a workshop it helped pay for."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from tests.api.test_table_figures import _assistant_over

pytestmark = pytest.mark.model

UNAFEI = """# UNAFEI Annual Report 2023

## Training

In 2023 the Institute held its 182nd and 183rd International Training Courses in Fuchu, Tokyo, for 58 criminal
justice officials from 21 countries, on the treatment of offenders and on the prevention of corruption.

## Research

The Institute published two volumes of its Resource Material Series and a handbook on parole supervision,
distributed to the participants' agencies.
"""

WORKSHOP = """# Forensic Science Network: Report of the Regional Workshop on DNA Evidence, 2023

The regional workshop on DNA evidence was held in Accra, Ghana, from 6 to 8 June 2023, for 34 forensic
examiners and prosecutors from eight West African States.

The Network paid for the trainers and the venue. UNAFEI contributed JPY 1.2 million towards the travel of the
participants, and the Ghana Police Service lent its laboratory for the practical sessions.
"""


# A conversation on the workshop, over UNAFEI's report and the workshop's.
AFTER_THE_WORKSHOP = [
    {"role": "user", "content": "Where was the regional workshop on DNA evidence held in 2023?"},
    {"role": "assistant", "content": "In Accra, Ghana, from 6 to 8 June 2023."},
]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Assistant:  # type: ignore[no-untyped-def]
    reports = {"unafei-annual-report-2023.md": UNAFEI, "fsn-workshop-dna-accra-2023.md": WORKSHOP}
    return _assistant_over(tmp_path_factory.mktemp("workshop"), real_embedder, reports)


def test_a_question_not_answered_on_its_own_is_asked_about_the_conversations_subject(assistant: Assistant) -> None:
    answer = assistant.ask("how much did UNAFEI chip in?", history=AFTER_THE_WORKSHOP)
    assert not answer.abstained and "1.2 million" in answer.answer, answer.answer
    # A question the reports do not answer even so is refused.
    refused = assistant.ask("how many interpreters did UNAFEI send?", history=AFTER_THE_WORKSHOP)
    assert refused.abstained, refused.answer


def test_a_question_with_a_year_of_its_own_keeps_its_refusal(assistant: Assistant) -> None:
    """A year the question names binds it to that year: the reports not covering it is the answer, whatever the
    conversation was about ("What did HEUNI do in 2017?" after a question on UNAFEI in 2020)."""
    for question in ("How many examiners did UNAFEI train in 2019?", "What did UNAFEI publish in 2019?"):
        answer = assistant.ask(question, history=AFTER_THE_WORKSHOP)
        assert answer.abstained and "2019" in answer.answer, answer.answer


HEUNI = """# HEUNI Annual Report 2023

## Research

In 2023 HEUNI published a study on labour trafficking in the Baltic Sea region, based on 64 interviews with
victims, employers and labour inspectors in Estonia, Finland and Latvia.
"""


def test_a_question_on_another_institute_than_the_previous_one_keeps_its_refusal(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    """ "How many staff does HEUNI employ?" after a question on UNAFEI's courses is a new subject, not UNAFEI's."""
    reports = {"unafei-annual-report-2023.md": UNAFEI, "heuni-annual-report-2023.md": HEUNI}
    assistant = _assistant_over(tmp_path, real_embedder, reports)
    history = [
        {"role": "user", "content": "Which training courses did UNAFEI hold in 2023?"},
        {"role": "assistant", "content": "Its 182nd and 183rd International Training Courses, in Fuchu, Tokyo."},
    ]
    answer = assistant.ask("How many staff does HEUNI employ?", history=history)
    assert answer.abstained, answer.answer
