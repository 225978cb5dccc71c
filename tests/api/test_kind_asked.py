""" "Which university ...?" is answered by a sentence naming a university, not by the closer sentence that names
another kind of body (api/evidence.py ``of_kind_asked``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

REPORT = """# Centre for Justice Studies: Annual Report 2022

## Research

The Centre completed a study of cannabis cultivation on public land in the northern provinces, based on 2,140
police seizure records held by the National Forestry Commission. The study found that most sites were within
five kilometres of a road. Authorship of the study was shared with Lakeside University, and its findings were
presented to the regional police chiefs in November 2022.

## Training

The Centre produced a training film for prison officers on the first days of custody, shown in all 14 prisons.
"""


@pytest.mark.model
def test_a_body_of_the_kind_asked_answers_before_another_kind(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cjs-annual-report-2022.md": REPORT})
    # The Centre is asked about, so its own section's sentences do not name the body asked for by being its.
    answer = assistant.ask(
        "Which university co-wrote the Centre for Justice Studies' study of cannabis cultivation on public land?"
    )
    assert not answer.abstained and "Lakeside University" in answer.answer, answer.answer
    # A sentence naming no body at all is its section's institute's: nothing is reordered for it.
    film = assistant.ask("Which institute produced a training film for prison officers?")
    assert not film.abstained and "training film" in film.answer, film.answer
