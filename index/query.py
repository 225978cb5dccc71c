"""What a question asks about: which institutes, which years, and whether it wants a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.orgs import find_orgs

__all__ = ["QueryInfo", "analyze_query"]

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
_SUMMARY = re.compile(
    r"\bwhat\s+(?:did|does|has|have|had|were|was)\b.*\b(?:do|done|doing|undertake|undertaken|carry out|"
    r"carried out|achieve|achieved|work on|working on|up to)\b"
    r"|\b(?:activities|overview|summar(?:y|ise|ize)|highlights|main work|accomplish)",
    re.I,
)


@dataclass(frozen=True)
class QueryInfo:
    orgs: tuple[str, ...]
    years: tuple[int, ...]
    summary: bool  # "what did X do in Y": wants X's activities, not one fact


def analyze_query(question: str) -> QueryInfo:
    orgs = tuple(find_orgs(question))
    years = tuple(dict.fromkeys(int(y) for y in _YEAR.findall(question)))
    return QueryInfo(orgs=orgs, years=years, summary=bool(orgs) and bool(_SUMMARY.search(question)))
