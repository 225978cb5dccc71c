"""A follow-up is on the passages' topic when its own words are: the previous question and answer it carries say
which thing it is about, and the sentence answering need not repeat them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

pytestmark = pytest.mark.model

NEWSLETTER = """# Centre for Justice Innovation: Autumn 2022 Newsletter

## Staff news

We welcome Mr Tomas Veld, who joined the Centre on 3 March 2022 as Data Analyst for Court Statistics, and thank
the staff who answered his questions on our hearing records in his first weeks.

## Projects

The remote hearings project observed 412 hearings in four family courts between January and August 2022. Its
final report will be published in spring 2023, with recommendations on the use of video links for children.
"""


def test_a_follow_up_is_answered_whatever_the_context_it_carries(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"cji-newsletter-autumn-2022.md": NEWSLETTER})
    history = [
        {
            "role": "user",
            "content": "Who was the Executive Director of the Centre for Justice Innovation according to its annual "
            "report?",
        },
        {
            "role": "assistant",
            "content": "Dr Amara Diallo was the Executive Director, according to the annual report; she chaired the "
            "board retreat on governance in Mombasa and represented the Centre at the regional judicial conference "
            "on sentencing.",
        },
    ]
    answer = assistant.ask("And who joined the staff as a data analyst in March?", history=history)
    assert not answer.abstained and "Tomas Veld" in answer.answer
