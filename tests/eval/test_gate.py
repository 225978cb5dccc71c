"""The regression gate: the assistant on the dev split (eval/gold/gold.jsonl) and on the test split must meet
eval/thresholds.toml."""

from __future__ import annotations

import pytest

from eval.followups import followup_problems
from eval.gold import (
    COLLECTION_DEV_FLOORS,
    COLLECTION_TEST_FLOORS,
    DEV_FLOORS,
    in_files,
    load_gold,
    load_split,
    standalone_twins,
)
from eval.run import check_thresholds, evaluate, load_thresholds
from eval.systems import AssistantSystem

pytestmark = pytest.mark.model


def test_assistant_meets_the_thresholds_on_the_full_gold_set(assistant) -> None:  # type: ignore[no-untyped-def]
    thresholds = load_thresholds()
    assert {"hit@1", "hit@5", "answer_accuracy", "abstention_recall", "citation_validity"} <= set(thresholds["en"])
    assert "hit@5" in thresholds["ko"]
    items = load_gold()
    run = evaluate([AssistantSystem(assistant)], items)[0]
    assert check_thresholds(run, thresholds) == []
    # Follow-ups score within 5 points of the same questions asked with the referent spelled out.
    twins = evaluate([AssistantSystem(assistant)], standalone_twins(items))[0]
    assert len(twins.items) >= 15
    assert followup_problems(run, twins) == []


def test_assistant_meets_the_test_split_floors(assistant) -> None:  # type: ignore[no-untyped-def]
    thresholds = load_thresholds(split="test")
    assert {"answer_accuracy", "wrong_answers", "abstention_recall", "false_abstention"} <= set(thresholds["*"])
    run = evaluate([AssistantSystem(assistant)], load_split("test"))[0]
    assert check_thresholds(run, thresholds) == []


def test_assistant_meets_the_whole_dev_split_floors(assistant) -> None:  # type: ignore[no-untyped-def]
    items = load_split("dev")
    assert {item.source for item in items} == {name for files in DEV_FLOORS.values() for name in files}
    run = evaluate([AssistantSystem(assistant)], items)[0]
    for table, files in DEV_FLOORS.items():
        thresholds = load_thresholds(split=table)
        assert {"answer_accuracy", "wrong_answers", "abstention_recall", "false_abstention"} <= set(thresholds["*"])
        assert check_thresholds(run.subset(in_files(files)), thresholds) == [], table
    twins = evaluate([AssistantSystem(assistant)], standalone_twins(items))[0]
    assert followup_problems(run, twins) == []


@pytest.fixture(scope="module")
def collection_assistant(tmp_path_factory: pytest.TempPathFactory, real_embedder):  # type: ignore[no-untyped-def]
    """The assistant over corpus/ and the test collection (reports never tuned on), as `pni eval` builds it."""
    from api.answer import Assistant
    from eval.collection import collection_files
    from index.build import update_index
    from index.embed import E5Embedder
    from index.store import load_index
    from tests.conftest import CORPUS

    root = tmp_path_factory.mktemp("collection")
    report = update_index(
        root / "index", [CORPUS, *collection_files(root / "pdf")], real_embedder, multilingual=E5Embedder()
    )
    assert not report.failed and report.documents >= 14
    return Assistant(load_index(root / "index", lambda _: real_embedder, real_embedder.name, E5Embedder))


@pytest.mark.parametrize("split", ["collection dev", "collection test"])
def test_assistant_meets_the_collection_floors(collection_assistant, split: str) -> None:  # type: ignore[no-untyped-def]
    items = load_split(split)
    tables = COLLECTION_DEV_FLOORS if split == "collection dev" else COLLECTION_TEST_FLOORS
    assert {item.source for item in items} == {name for files in tables.values() for name in files}
    run = evaluate([AssistantSystem(collection_assistant)], items)[0]
    for table, files in tables.items():
        thresholds = load_thresholds(split=table)
        assert {"answer_accuracy", "wrong_answers", "abstention_recall", "false_abstention"} <= set(thresholds["*"])
        assert check_thresholds(run.subset(in_files(files)), thresholds) == [], table
