"""A list question is answered by the sentence that counts what is asked and the one after it that names them:
"seven applications ...: three from institutions" then "Among the institutions are A, B and C"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.test_table_figures import _assistant_over

pytestmark = pytest.mark.model

MINUTES = """# Forensic Science Network: Minutes of the 12th Board Meeting, 2023

## Opening

The Chair opened the meeting in Lisbon on 14 November 2023 and welcomed eleven Board members, two of them online.

## Membership

The Secretary reported that seven applications for membership had been received since March 2023: three from
institutions and four from individuals. Among the institutions are the Institute of Legal Medicine of the University
of Porto, the Forensic Laboratory of the Ministry of the Interior of Ghana and the DNA Unit of the National Police of
Chile. Two members resigned during the year.

## Budget

The Treasurer presented the accounts for 2023: income of EUR 212,000, mostly membership fees, and expenditure of
EUR 198,500, of which EUR 120,000 for the annual conference. Among other things, the Board approved a fee of EUR 150
for individual members.
"""


def test_the_sentence_naming_what_the_answer_counted_goes_on_with_it(tmp_path: Path, real_embedder) -> None:  # type: ignore[no-untyped-def]
    assistant = _assistant_over(tmp_path, real_embedder, {"fsn-board-minutes-12.md": MINUTES})
    for question in ("Which institutions applied for membership?", "Who applied for membership since March 2023?"):
        answer = assistant.ask(question).answer
        for name in ("University of Porto", "Ghana", "National Police of Chile"):
            assert name in answer, (question, answer)
    # "Among other things" refers back to nothing: the sentence before it is answer enough.
    answer = assistant.ask("What was the Network's expenditure in 2023?").answer
    assert "198,500" in answer and "fee of EUR 150" not in answer
