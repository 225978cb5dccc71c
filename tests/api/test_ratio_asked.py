""" "What percentage / proportion / share / rate ...?" asks for a ratio: a sentence giving a percentage answers
before one giving another figure of the same topic (api/understanding.py ``ratio_asked``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.understanding import holds_ratio, ratio_asked
from tests.api.test_table_figures import _assistant_over


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What percentage of the budget came from the EU?", True),
        ("what share of the women reported abuse", True),
        ("Which proportion of detainees were held before trial?", True),
        ("What compliance rate did she cite?", True),
        ("¿Qué porcentaje de los participantes consideró útil la capacitación?", True),
        ("Quelle proportion des détenus était en détention provisoire ?", True),
        ("Quel taux de récidive le rapport donne-t-il ?", True),
        ("예산의 몇 퍼센트를 유럽연합이 냈나요?", True),
        # Look-alikes: a count, a sum, a share of the work done by someone.
        ("How many detainees were interviewed?", False),
        ("How much did the EU contribute?", False),
        ("Which partners shared the work?", False),
        ("What was the exchange of staff about?", False),
    ],
)
def test_a_ratio_is_asked_for_by_its_nouns_in_every_language(question: str, asked: bool) -> None:
    assert ratio_asked(question) is asked


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("The European Union provided EUR 1.6 million (66.7 per cent of the total).", True),
        ("L'Union européenne a apporté 1 850 000 euros (67,8 % du total).", True),
        ("El 92 % de las personas participantes la calificó como muy útil.", True),
        ("Compliance stood at 87%.", True),
        ("참가자의 85퍼센트가 만족했다.", True),
        ("Brisbane — Detainees interviewed: 718; Positive for methamphetamine (%): 57.", True),  # a table row
        ("The programme trained 1,200 professionals in 2021.", False),
        ("The percentage was not recorded.", False),
    ],
)
def test_a_ratio_is_a_figure_with_its_percent(text: str, holds: bool) -> None:
    assert holds_ratio(text) is holds


REPORT = """# Institute for Juvenile Justice: Programme Report 2021–2022

## Results

Over the two years the programme trained 1,240 judges, prosecutors, lawyers and social workers from Morocco and
Tunisia, in 23 training sessions held in Rabat, Tunis and Sfax. The programme's pilot courts cut the use of
pre-trial detention for children by almost a quarter, and 310 children were diverted to community programmes.

## Funding

The programme had a total budget of EUR 2.4 million for the two years. The European Union provided EUR 1.6
million (66.7 per cent of the total), and the Government of Italy provided EUR 0.5 million. The ministries of
justice of the two pilot countries contributed in kind: training rooms, staff time and transport.
"""


@pytest.mark.model
def test_a_percentage_question_is_answered_by_the_percentage(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ijj-programme-report-2021-2022.md": REPORT})
    for question in (
        "What percentage of the programme's funding came from the EU?",
        "What share of the programme's budget did the European Union provide?",
    ):
        answer = assistant.ask(question)  # the percentage first, not the total it is a share of
        assert not answer.abstained and "66.7 per cent" in answer.answer.split("[")[0], (question, answer.answer)
    # A question for a count is still answered by the count.
    count = assistant.ask("How many children were diverted to community programmes?")
    assert not count.abstained and "310" in count.answer, count.answer
