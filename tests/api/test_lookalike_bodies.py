"""A sentence in an institute's own section that speaks only of another body named after the same word ("the
Basel Convention", "the Basel Committee" in the Basel Institute's section) is not about the institute: it does
not answer what the institute is, does or where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.answer import Assistant
from api.evidence import about
from index.build import update_index
from index.store import load_index
from ingest.types import Chunk


def _in_section(text: str, org: str) -> Chunk:
    return Chunk(chunk_id="c", doc_id="d", title="t", text=text, start=0, end=len(text), org=org)


def test_a_sentence_on_a_body_named_after_the_same_word_is_not_about_the_institute() -> None:
    for other in (
        "The Basel Convention secretariat is located in Geneva.",
        "The Basel Committee on Banking Supervision issued its principles in 2014.",
        # the city the institute is named after is no mention of it
        "The Basel Convention secretariat is in Geneva and the Basel Committee on Banking Supervision in Basel.",
    ):
        assert not about(other, _in_section(other, "Basel"), ("Basel",)), other


def test_the_institute_s_own_sentences_stay_about_it_whoever_else_they_name() -> None:
    for own in (
        "The Institute worked with the Basel Committee on Banking Supervision on customer due diligence.",
        "The Basel Institute on Governance, unlike the Basel Convention secretariat, is based in Basel.",
        "It trained 1,520 practitioners in 2019.",  # names no body at all: its section speaks for it
        "In Basel, the staff met twice.",  # the city, not a body named after it
    ):
        assert about(own, _in_section(own, "Basel"), ("Basel",)), own


REPORT = """# Basel Institute on Governance: annual report 2021

## About the Institute

The Basel Institute on Governance is an independent non-profit foundation with its seat in Basel, Switzerland.
In 2021, the Institute trained 1,520 practitioners in asset recovery and worked in 29 countries.

Note: The Basel Convention secretariat is located in Geneva and the Basel Committee on Banking Supervision in
Basel.

## Public finance

The Institute advised the ministries of finance of Peru and Ukraine on the recovery of stolen assets.
"""


@pytest.mark.model
def test_where_the_institute_is_is_not_where_a_namesake_is(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "basel-2021.md").write_text(REPORT, encoding="utf-8")
    update_index(tmp_path / "index", [tmp_path / "reports"], real_embedder)
    assistant = Assistant(load_index(tmp_path / "index", lambda _: real_embedder, real_embedder.name))
    answer = assistant.ask("Where is the Basel Institute on Governance located?")
    assert not answer.abstained and "Switzerland" in answer.answer and "Geneva" not in answer.answer, answer.answer
