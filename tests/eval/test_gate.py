"""The regression gate: the assistant on the full gold set must meet eval/thresholds.toml."""

from __future__ import annotations

import pytest

from eval.gold import load_gold
from eval.run import check_thresholds, evaluate, load_thresholds
from eval.systems import AssistantSystem

pytestmark = pytest.mark.model


def test_assistant_meets_the_thresholds_on_the_full_gold_set(assistant) -> None:  # type: ignore[no-untyped-def]
    thresholds = load_thresholds()
    assert {"hit@1", "hit@5", "answer_accuracy", "abstention_recall", "citation_validity"} <= set(thresholds["en"])
    assert "hit@5" in thresholds["ko"]
    run = evaluate([AssistantSystem(assistant)], load_gold())[0]
    assert check_thresholds(run, thresholds) == []
