"""The metric functions, on hand-made cases with known answers."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from eval.gold import GoldItem, load_gold
from eval.metrics import (
    Outcome,
    aggregate,
    answer_correct,
    citation_support,
    citation_valid,
    first_gold_rank,
    percentile,
    score_outcome,
)
from ingest.errors import InputError


def test_gold_rank_folds_unicode_case_and_whitespace() -> None:
    passages = ["Nothing here.", "The  ＫＯＲＳＩ project\nreleased a report.", "The KORSI project again."]
    assert first_gold_rank(passages, ["the korsi project released"]) == 2
    assert first_gold_rank(passages, ["FLOW"]) is None
    assert first_gold_rank([], ["x"]) is None
    # Markdown emphasis in the source file is gone from its cleaned passage; the words are the same.
    assert first_gold_rank(["including the UNAFEI Newsletter (No. 161)"], ["the *UNAFEI Newsletter* (No. 161)"]) == 1


def test_gold_rank_reads_words_not_punctuation() -> None:
    # Cleaning re-punctuates a field line or a table row; the passage holds the same words in the same order.
    assert first_gold_rank(["Language: Korean\n\nAuthors: Jisun Choi, Joowon Na"], ["Authors Jisun Choi, Joowon"]) == 1
    assert first_gold_rank(["Kenya — Participants by country: 118."], ["Kenya 118"]) is None  # words between
    assert first_gold_rank(["Authors: Joowon Na, Jisun Choi"], ["Authors Jisun Choi"]) is None  # other order


def test_a_table_row_is_held_by_a_line_with_its_cells_in_order() -> None:
    # A row copied from a source file (cells apart by runs of spaces) is held by a line of the passage with those
    # cells in that order, however the cleaner labels them ...
    row = "Lithuania        71      118"
    assert first_gold_rank(["Finland — 2018: 412; 2019: 538.\nLithuania — 2018: 71; 2019: 118."], [row]) == 1
    # ... but not by cells spread over lines, out of order, or inside other numbers.
    assert first_gold_rank(["Lithuania — 2018: 71.\nEstonia — 2019: 118."], [row]) is None
    assert first_gold_rank(["Lithuania — 2019: 118; 2018: 71."], [row]) is None
    assert first_gold_rank(["Lithuania — 2018: 711; 2019: 1180."], [row]) is None
    # A Markdown row, cells apart by pipes, likewise.
    pipes = "| Employee expenses | 6,112 | 5,987 |"
    assert first_gold_rank(["Employee expenses — 2018–19 (AUD '000): 6,112; 2017–18 (AUD '000): 5,987."], [pipes]) == 1
    assert first_gold_rank(["Employee expenses — 2018–19 (AUD '000): 5,987; 2017–18: 6,112."], [pipes]) is None
    # A row's cells copied as text, one space apart: each word in order on one line.
    text = "Kenya Ethics and Anti-Corruption Commission 34 11 3,850,000"
    kenya = (
        "Kenya — Main partner agency: Ethics and Anti-Corruption Commission; Investigators mentored: 34; Cases: 11; "
        "Assets frozen (USD): 3,850,000."
    )
    assert first_gold_rank([kenya], [text]) == 1
    assert first_gold_rank([kenya.replace("34", "43")], [text]) is None
    # Running text with one figure is no row: it is matched as it stands.
    assert first_gold_rank(["Kenya trained 34 investigators in Nairobi."], ["Kenya trained 34 investigators"]) == 1


def test_answer_groups_list_needs_all_others_one() -> None:
    answer = "HEUNI ran the FLOW project and RE-JUST [1]."
    assert answer_correct(answer, ["FLOW", "RE-JUST"], "list", abstained=False)
    assert not answer_correct(answer, ["FLOW", "KORSI"], "list", abstained=False)
    assert answer_correct(answer, ["FLOW", "KORSI"], "summary", abstained=False)
    assert answer_correct(answer, ["korsi|re-just"], "fact", abstained=False)
    assert not answer_correct(answer, ["FLOW"], "fact", abstained=True)
    assert not answer_correct(answer, [], "fact", abstained=False)


def test_citation_validity_needs_every_marker_and_every_citation_used() -> None:
    assert citation_valid("A [1]. B [2].", [1, 2])
    assert not citation_valid("A [1]. B [3].", [1, 2])  # [3] refers to nothing
    assert not citation_valid("A [1].", [1, 2])  # citation 2 is never referred to
    assert not citation_valid("No markers.", [])


def test_citation_support_counts_supported_sentences() -> None:
    passages = [(1, "(a) The Institute launched the Urban Safety Lab in 2020;"), (2, "Other text entirely.")]
    assert citation_support("The Institute launched the Urban Safety Lab in 2020. [1]", passages) == 1.0
    assert citation_support("The Institute launched the Urban Safety Lab in 2020. [2]", passages) == 0.0
    half = citation_support("The Institute launched the Urban Safety Lab in 2020. [1] It was closed in 2021.", passages)
    assert half == 0.5  # the second sentence has no citation
    header = "ICPC in 2020:\n- The Institute launched the Urban Safety Lab in 2020. [1]"
    assert citation_support(header, passages) == 1.0
    # A quotation clipped to its answering clauses is a sentence of its own, and a substring of its passage.
    long = [(1, "Officials from many bodies, including A, B and C, visited a total of five times, and met staff.")]
    clipped = "Officials from many bodies … [1] … visited a total of five times … [1]"
    assert citation_support(clipped, long) == 1.0
    assert citation_support("The Lab closed. [1] … visited a total of five times … [1]", long) == 0.5
    # A sentence does not end after an abbreviation or inside a quoted title; it still ends after a citation.
    titled = [(1, "It issued the Newsletter (No. 161) and a report entitled “Why now? A study” in 2020.")]
    assert (
        citation_support(
            "It issued the Newsletter (No. 161) and a report entitled “Why now? A study” in 2020. [1]", titled
        )
        == 1.0
    )
    assert citation_support("It issued the Newsletter (No. 161). [1] It was 2020.", titled) == 0.5


def test_percentile_nearest_rank() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 100.0], 95) == 100.0
    assert math.isnan(percentile([], 50))


def test_aggregate_separates_answerable_and_unanswerable() -> None:
    fact = GoldItem("f", "fact", "Where is HEUNI?", ("Helsinki",), ("based in Helsinki",))
    refuse = GoldItem("u", "unanswerable", "Capital of Peru?", (), ())
    scores = [
        score_outcome(fact, Outcome("In Helsinki [1].", False, [(1, "It is based in Helsinki.")], 10.0)),
        score_outcome(fact, Outcome("Not covered.", True, [], 20.0)),
        score_outcome(refuse, Outcome("Not covered.", True, [], 30.0)),
        score_outcome(refuse, Outcome("Lima [1].", False, [(1, "Lima is far.")], 40.0)),
    ]
    m = aggregate(scores)
    assert m["hit@1"] == 0.5 and m["hit@5"] == 0.5 and m["mrr@10"] == 0.5
    assert m["answer_accuracy"] == 0.5 and m["false_abstention"] == 0.5 and m["abstention_recall"] == 0.5
    assert m["citation_validity"] == 1.0 and m["latency_p50_ms"] == 20.0


def test_the_gold_set_covers_every_type(tmp_path: Path) -> None:
    items = load_gold()
    counts = {t: sum(i.type == t for i in items) for t in {i.type for i in items}}
    assert len(items) >= 80
    assert set(counts) == {"fact", "number", "list", "acronym", "summary", "cross", "followup", "unanswerable"}
    assert min(counts.values()) >= 7
    assert sum(i.lang == "ko" for i in items) >= 10
    followups = [i for i in items if i.type == "followup"]
    assert all(i.standalone for i in followups) and len(followups) >= 15


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"id": "x", "type": "fact", "question": "q"}), "missing field(s) answers, gold"),
        (json.dumps({"id": "x", "type": "trivia", "question": "q", "answers": [], "gold": []}), "is not one of"),
        (
            json.dumps({"id": "x", "type": "unanswerable", "question": "q", "answers": ["a"], "gold": []}),
            "empty answers and gold",
        ),
        (
            json.dumps({"id": "x", "type": "followup", "question": "q", "answers": ["a"], "gold": ["g"]}),
            "needs a history",
        ),
        (
            json.dumps(
                {"id": "x", "type": "fact", "question": "q", "answers": ["a"], "gold": ["g"], "standalone": "s"}
            ),
            "only a followup item has a standalone question",
        ),
    ],
)
def test_a_bad_gold_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        load_gold(path)
    assert f"{path}:1" in str(caught.value)


def test_a_follow_up_gap_over_five_points_is_a_problem() -> None:
    from eval.followups import followup_problems
    from eval.gold import standalone_twins
    from eval.run import Run

    items = [
        GoldItem(
            f"f{i}",
            "followup",
            "Where is it based?",
            ("Tokyo",),
            ("based in Tokyo",),
            ({"role": "user", "content": "UNAFEI?"},),
            standalone="Where is UNAFEI based?",
        )
        for i in range(4)
    ]
    right = Outcome("UNAFEI is based in Tokyo. [1]", False, [(1, "UNAFEI, based in Tokyo, ...")], 1.0)
    wrong = Outcome("HEUNI is based in Helsinki. [1]", False, [(1, "HEUNI, based in Helsinki")], 1.0)
    twins = standalone_twins(items)
    assert [t.question for t in twins] == ["Where is UNAFEI based?"] * 4 and not twins[0].history

    def run(outcomes: list[Outcome], of: list[GoldItem]) -> Run:
        return Run("assistant", of, outcomes, [score_outcome(i, o) for i, o in zip(of, outcomes, strict=True)])

    all_right = run([right] * 4, twins)
    assert followup_problems(run([right] * 4, items), all_right) == []
    problems = followup_problems(run([right, right, right, wrong], items), all_right)
    assert problems and problems[0].startswith("hit@1 on follow-ups = 0.750, standalone 1.000")


def test_compound_needs_every_part_and_a_direct_answer_must_be_short() -> None:
    answer = "ICCLR is based in Vancouver [1]. It made a video on autism for police [2]."
    assert answer_correct(answer, ["Vancouver", "autism"], "compound", abstained=False)
    assert not answer_correct(answer, ["Vancouver", "trafficking"], "compound", abstained=False)
    item = GoldItem("q", "fact", "Which institute trained the Manila City Jail officers?", ("UNAFEI",), ("Manila",))
    short = score_outcome(item, Outcome("UNAFEI trained them [1].", False, [(1, "Manila ...")], 1.0))
    long = score_outcome(item, Outcome("UNAFEI in 2020: " + "an activity [1]. " * 60, False, [(1, "Manila")], 1.0))
    assert short.correct and long.correct  # the name is in both
    assert aggregate([short])["strict_accuracy"] == 1.0 and aggregate([long])["strict_accuracy"] == 0.0


def test_wrong_answers_count_answered_but_wrong_over_all_questions() -> None:
    fact = GoldItem("f", "fact", "Where is ICCLR based?", ("Vancouver",), ("Vancouver",))
    none = GoldItem("u", "unanswerable", "What was UNICRI's budget?", (), ())
    right = score_outcome(fact, Outcome("In Vancouver [1].", False, [(1, "Vancouver")], 1.0))
    wrong = score_outcome(fact, Outcome("In Ottawa [1].", False, [(1, "Ottawa")], 1.0))
    refused = score_outcome(fact, Outcome("The reports do not say.", True, [], 1.0))
    invented = score_outcome(none, Outcome("USD 5 million [1].", False, [(1, "x")], 1.0))
    declined = score_outcome(none, Outcome("The reports do not say.", True, [], 1.0))
    assert aggregate([right, wrong, refused, invented, declined])["wrong_answers"] == 2 / 5
    assert aggregate([right, refused, declined])["wrong_answers"] == 0.0


def test_the_splits_load_and_keep_their_ids_apart() -> None:
    from eval.gold import load_split

    dev, test = load_split("dev"), load_split("test")
    assert len(dev) >= 144 and len(test) >= 284
    assert not {i.id for i in dev} & {i.id for i in test}
    korean = [i for i in test if i.type == "korean"]
    assert korean and all(i.lang == "ko" for i in korean)  # the independent writer's type means the language
    assert {i.lang for i in test} >= {"en", "ko", "es", "fr"} and any(i.type == "compound" for i in test)


def test_the_paragraph_baseline_refuses_below_a_threshold_calibrated_on_its_items(tmp_path: Path) -> None:
    from eval.systems import ParagraphBM25System

    (tmp_path / "r.txt").write_text(
        "The Institute in Vancouver developed a handbook on restorative justice programmes.\n\n"
        "The Centre in Helsinki studied labour trafficking in the cleaning sector.\n\n"
        "The office in Tokyo ran the senior officials seminar for criminal justice officials.\n",
        encoding="utf-8",
    )
    system = ParagraphBM25System([tmp_path], k=2)
    answerable = GoldItem("a", "fact", "Who developed a handbook on restorative justice?", ("Vancouver",), ("x",))
    unanswerable = GoldItem("u", "unanswerable", "What did the office in Tokyo spend on weather balloons?", (), ())
    outcome = system.run(answerable)
    assert not outcome.abstained and outcome.answer.startswith("The Institute in Vancouver") and "[1]" in outcome.answer
    threshold = system.calibrate([answerable, unanswerable])
    assert system.top(unanswerable.question)[0][0] < threshold <= system.top(answerable.question)[0][0]
    assert system.run(unanswerable).abstained and not system.run(answerable).abstained
