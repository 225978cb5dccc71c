"""What a question asks about: which institutes, which years, and whether it wants a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.orgs import BY_KEY, find_orgs

__all__ = ["QueryInfo", "analyze_query"]

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
# Once the institute and the year are taken out, a summary question has only these words left
# ("What did HEUNI do in 2020?", "Give me an overview of the Basel Institute's activities in 2020").
# Anything else ("What does the Basel Open Intelligence tool do?") asks about a specific thing.
_SUMMARY_WORDS = frozenset(
    "what which did does do done doing has have had were was is are the a an of in on during for by "
    "s its their main key activities activity work worked working overview summary summarise summarize "
    "highlights accomplish accomplished achieve achieved undertake undertaken carry carried out give me "
    "tell about year institute programme up to".split()
)
_WORDS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class QueryInfo:
    orgs: tuple[str, ...]
    years: tuple[int, ...]
    summary: bool  # "what did X do in Y": wants X's activities, not one fact


def analyze_query(question: str) -> QueryInfo:
    orgs = tuple(find_orgs(question))
    years = tuple(dict.fromkeys(int(y) for y in _YEAR.findall(question)))
    return QueryInfo(orgs=orgs, years=years, summary=len(orgs) == 1 and _asks_summary(question, orgs[0]))


def _asks_summary(question: str, org: str) -> bool:
    text = question.lower().replace("’", "'")
    for name in sorted(BY_KEY[org].names, key=len, reverse=True):
        text = re.sub(r"(?<![\w-])" + re.escape(name.lower()) + r"(?![\w-])", " ", text)
    words = _WORDS.findall(_YEAR.sub(" ", text))
    return bool(words) and all(w in _SUMMARY_WORDS for w in words)
