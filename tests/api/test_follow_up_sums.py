"""A follow-up asking for a sum is answered by the sentence holding a sum and the follow-up's own words (whose
money: "how much did the Swiss put into it?"), not by the sentence the previous question was about
(api/follow_ups.py); and any follow-up by the sentence saying most of its own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

NEWS = """# Institute for Prison Research: Safe Prisons East Africa

Oslo/Nairobi, 16 May 2023 – A three-year programme of the Institute for Prison Research has helped prison services
in Kenya and Uganda to train 400 officers in safe custody, at a cost of about EUR 900 per officer, the Institute
said on Tuesday at the close of the programme in Nairobi.

The programme, known as Safe Prisons East Africa, was funded with CHF 2.7 million by the Swiss Agency for
Development and Cooperation. The Institute will publish a guide on safe custody in 2024.
"""

HISTORY = [
    {"role": "user", "content": "Tell me about the Institute for Prison Research's prison programme in East Africa."},
    {
        "role": "assistant",
        "content": "It is called Safe Prisons East Africa. It trained 400 officers in Kenya and Uganda.",
    },
]


@pytest.mark.model
def test_a_sum_asked_in_a_follow_up_is_the_one_beside_its_own_words(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ipr-news-2023.md": NEWS})
    swiss = assistant.ask("how much did the swiss put into it?", HISTORY)
    assert "CHF 2.7 million" in swiss.answer.split("[1]")[0], swiss.answer
    # Counter-example: a count's own words are what it counts, said otherwise by the figure's sentence.
    officers = assistant.ask("how many people took part?", HISTORY)
    assert "400 officers" in officers.answer, officers.answer


SURVEY = """# Centre for Urban Safety: Annual Report 2022

In 2022 the Centre carried out a survey of 1,200 households in Lusaka on crime and victimisation, and a first
report on the survey was sent to the city council in November.

The survey team was led by Dr Mary Phiri of the University of Zambia.

The full report on the Lusaka survey is being written by Dr John Banda and Ms Ruth Mwale.
"""

SURVEY_HISTORY = [
    {"role": "user", "content": "Did the Centre for Urban Safety do any survey work in Lusaka?"},
    {"role": "assistant", "content": "Yes: a survey of 1,200 households on crime and victimisation in Lusaka."},
]


@pytest.mark.model
def test_a_follow_up_is_answered_by_the_sentence_saying_most_of_its_own_words(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    # "report" is said in passing by the sentence on the survey, which shares the previous question's words;
    # "full report ... written" by the one that answers.
    assistant = _assistant_over(tmp_path, real_embedder, {"cus-annual-report-2022.md": SURVEY})
    writers = assistant.ask("who is writing the full report?", SURVEY_HISTORY)
    assert "John Banda" in writers.answer.split("[1]")[0], writers.answer
