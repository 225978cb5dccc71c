"""Organisations, precisely: a network institute's name inside another body's name is not the institute."""

from __future__ import annotations

import pytest

from ingest.orgs import find_orgs


@pytest.mark.parametrize(
    "text",
    [
        "the Basel Convention secretariat",
        "the Basel Committee on Banking Supervision",
        "the European Institute for Gender Equality",
        "the Australian Institute of Family Studies",
        "the Australian Institute of Health and Welfare",
        "the EU Institute for Security Studies",
        "the European Union Institute for Security Studies",
    ],
)
def test_another_bodys_name_is_not_a_network_institute(text: str) -> None:
    assert find_orgs(text) == []


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("the Basel Institute on Governance", ["Basel"]),
        ("What did Basel do in 2020?", ["Basel"]),
        ("based in Basel, Switzerland", ["Basel"]),
        ("the Australian Institute of Criminology", ["AIC"]),
        ("the European Institute for Crime Prevention and Control", ["HEUNI"]),
        ("L. Institute for Security Studies", ["ISS"]),  # a section letter is no qualifier
        ("In 2020, the Institute for Security Studies", ["ISS"]),
        ("UNAFEI of Japan", ["UNAFEI"]),  # an acronym goes on as it likes
        ("HEUNI Director Markku Jokisipilä", ["HEUNI"]),
        ("Which European institute of the UN network", ["HEUNI"]),  # "of the UN" says whose, not which
    ],
)
def test_the_institutes_are_still_found(text: str, keys: list[str]) -> None:
    assert find_orgs(text) == keys
