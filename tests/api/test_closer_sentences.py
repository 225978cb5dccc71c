"""A passage ranked low for its one sentence that answers (api/passages.py ``closer_sentences``), and a figure
dated in its own clause to another month than the one asked (api/figures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

REPORT = """# Institute of Criminology: Annual Report 2021

## Premises

The residence of the Institute, which normally houses participants for several weeks, stood empty for the whole
year. Its rooms were used in March to accommodate members of the host secretariat of a congress. The Institute
used the year to renovate its library, which reopened on 15 February 2021 with a new collection of e-books.

## Courses

The Institute held four online courses for prosecutors and judges from eleven countries, each of them over six
weeks, with recorded lectures and live discussions.

## Network

In 2021 the network of centres held two meetings: the first in Oslo on 20 May, attended by 31 representatives of
16 centres; and the second in Bergen on 7 and 8 November, hosted by the University of Bergen.
"""


@pytest.mark.model
def test_a_passage_holding_a_sentence_closer_than_the_pools_is_added(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"ic-annual-report-2021.md": REPORT})
    question = "When did the Institute's library reopen after its renovation?"
    vector = real_embedder.embed_query(question)
    space = assistant.store.space_for("en")
    hits = {h.chunk.section: h for h in assistant.retriever.search(question, 10)}
    premises, courses, network = hits["Premises"], hits["Courses"], hits["Network"]
    closer = assistant.facts.passages.closer_sentences
    assert closer([courses], [network, premises], space, vector) == [premises]
    # Nothing is added when the pool holds the closest sentence already.
    assert closer([premises], [courses, network], space, vector) == []


@pytest.mark.model
def test_a_figure_dated_to_another_month_in_its_own_clause_answers_nothing_of_the_month_asked(  # type: ignore[no-untyped-def]
    tmp_path: Path, real_embedder
) -> None:
    assistant = _assistant_over(tmp_path, real_embedder, {"ic-annual-report-2021.md": REPORT})
    bergen = assistant.ask("How many representatives attended the network meeting in Bergen in November 2021?")
    assert bergen.abstained and "31 representatives" not in bergen.answer.split("closest")[0], bergen.answer
    oslo = assistant.ask("How many representatives attended the network meeting in Oslo in May 2021?")
    assert not oslo.abstained and "31 representatives" in oslo.answer, oslo.answer
