"""A foreword's signature names the holder of an office on two lines ("Dr Anna Berg" / "Director of the Centre"):
read together, as the page shows them, they answer "Who is the director?"; apart, neither line does."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

REPORT = """# Centre for Prison Research: annual report 2021

## From the Director

When the year began, none of us expected every prison to close its doors to visitors. The pandemic changed the
lives of the 9,200 people held in Norwegian prisons, and it changed our work too.

Our board met four times, twice online, and adopted a new strategy for the Centre's research.

Dr Anna Berg

Director of the Centre

Oslo, 2 March 2022

## Monitoring

In 2021 the Centre interviewed 1,500 prisoners in Oslo and Bergen, and published three reports on their health.
"""


@pytest.mark.model
def test_a_signature_names_the_holder_of_its_office(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cpr-annual-report-2021.md": REPORT})
    director = assistant.ask("Who is the director of the Centre for Prison Research?")
    assert not director.abstained and "Anna Berg" in director.answer, director.answer
    # Counter-example: the signature names no treasurer.
    treasurer = assistant.ask("Who is the treasurer of the Centre for Prison Research?")
    assert "Anna Berg" not in treasurer.answer, treasurer.answer
