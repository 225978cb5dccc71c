"""The period a report covers, and the periods a question asks about, in calendar years.

Reports cover a calendar year ("activities in 2020"), a fiscal year ("Annual Report 2018–19", 1 July 2018 –
30 June 2019), a biennium ("2018–2019") or a date range ("1 January 2021 to 30 June 2022"). Matching works on
the calendar years a period overlaps: "What did the AIC do in 2019?" matches both the 2018–19 and the
2019–20 report, and the answer says which period each covers; "in 2018-19" matches the 2018–19 report
best. The date a report was published never stands in for the period it covers.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .types import Period

__all__ = [
    "MONTH",
    "asked_years",
    "find_period",
    "fiscal_label_starts",
    "label_years",
    "month_number",
    "named_periods",
    "period_fit",
    "period_spans",
    "period_words",
    "years_only",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan enero janvier",
            "february feb febrero février fevrier",
            "march mar marzo mars",
            "april apr abril avril",
            "may mayo mai",
            "june jun junio juin",
            "july jul julio juillet",
            "august aug agosto août aout",
            "september sep sept septiembre septembre",
            "october oct octubre octobre",
            "november nov noviembre novembre",
            "december dec diciembre décembre decembre",
        ],
        start=1,
    )
    for name in names.split()
}
MONTH = r"(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"  # en, es, fr


def month_number(name: str) -> int | None:
    """The month ``name`` stands for in English, Spanish or French ("Jan.", "enero", "janvier": 1), or None."""
    return _MONTHS.get(name.lower().rstrip("."))


_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DASH = r"\s*(?:[-–—]|to|until|through|al|au|a)\s*"
# "1 July 2018 – 30 June 2019", "1 January to 31 December 2020", "July 2018 to June 2019", "January–March 2021".
_RANGE = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?)?(?P<m1>{MONTH})(?:\s+(?:de\s+)?(?P<y1>{_YEAR}))?"
    rf"{_DASH}(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:de\s+)?)?(?P<m2>{MONTH})\s+(?:de\s+)?(?P<y2>{_YEAR})\b",
    re.I,
)
# "2018–19", "2018/19", "2018-2019", "FY2019", "FY 2018-19": a label that spans two or more years.
_SPAN = re.compile(rf"(?<![\d/.])(?P<a>{_YEAR})\s*[-–—/]\s*(?P<b>{_YEAR}|\d\d)(?![\d/])")
_FISCAL = re.compile(rf"\bFY\s*'?(?P<y>{_YEAR}|\d\d)(?:\s*[-–—/]\s*(?P<z>{_YEAR}|\d\d))?\b", re.I)
_PLAIN_YEAR = re.compile(rf"(?<![\d.,/])({_YEAR})(?![\d/])")
_ON = rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th|er|º)?\s+(?:de\s+)?)?{MONTH}\s+(?:de\s+)?)?"  # "1 July", "enero de"
# "between 2019 and 2021", "between March 2019 and February 2021", "entre enero de 2020 y diciembre de 2022".
_BETWEEN = re.compile(
    rf"\b(?:between|from|entre|de|du)\s+{_ON}(?P<a>{_YEAR})\s+(?:and|to|until|y|a|et|au|à)\s+{_ON}(?P<b>{_YEAR})\b",
    re.I,
)


def period_fit(covered: tuple[int, ...] | frozenset[int], asked: tuple[int, ...]) -> float:
    """How well a report's years fit the asked ones: shared years over all years of either. "In 2018-19" fits
    the 2018–19 report (1.0) better than the 2019–20 one (1/3); 0.0 when nothing is shared or asked."""
    wanted, held = set(asked), set(covered)
    return len(wanted & held) / len(wanted | held) if wanted and held else 0.0


def label_years(first: int, last: int) -> str:
    """ "2020", "2018–19" (consecutive years: a fiscal year), "2018–2020"."""
    if first == last:
        return str(first)
    return f"{first}–{last % 100:02d}" if last == first + 1 else f"{first}–{last}"


def _span(a: str, b: str) -> tuple[int, int] | None:
    first = int(a)
    last = int(b) if len(b) == 4 else first - first % 100 + int(b)
    if len(b) == 2 and last != first + 1:
        return None  # "2020-21" is a fiscal year; "2020-05" is not a span of years
    return (first, last) if 0 < last - first <= 10 else None


def find_period(front: str, fallback_year: int | None, labels: str | None = None) -> Period | None:
    """The period a report covers, from its front matter (title page, first paragraphs): a date range ("1 July
    2018 – 30 June 2019", "between January 2020 and December 2022"), else a label spanning years ("Annual
    Report 2018–19") in ``labels`` (its title and short lines: in a sentence "coordinator for 2019–2020" is
    another period), else ``fallback_year`` (the year it names most)."""

    def plausible(first: int, last: int) -> bool:  # the year the report names most lies within it
        return first <= last <= first + 10 and (fallback_year is None or first <= fallback_year <= last)

    for match in _RANGE.finditer(front):
        last = int(match["y2"])
        first = int(match["y1"]) if match["y1"] else last
        if plausible(first, last):
            return Period(first, last, label_years(first, last))
    for match in _BETWEEN.finditer(front):
        if (span := _span(match["a"], match["b"])) and plausible(*span):
            return Period(*span, label_years(*span))
    for match in _SPAN.finditer(front if labels is None else labels):
        if (span := _span(match["a"], match["b"])) and plausible(*span):
            return Period(*span, f"{match['a']}–{match['b']}")  # as the report writes it: "2018–19", "2018–2019"
    return Period(fallback_year, fallback_year, str(fallback_year)) if fallback_year else None


def asked_years(question: str, fiscal_starts: bool = False) -> tuple[int, ...]:
    """The calendar years a question asks about: "in 2019" -> 2019; "in 2018-19", "FY2019", "2018/19" ->
    2018, 2019 (a fiscal year ending in 2019 overlaps both); "between 2019 and 2021" -> 2019, 2020, 2021.
    ``fiscal_starts``: "FY2019" names the fiscal year starting in 2019 (2019, 2020), as Japan's does."""
    years: list[int] = []
    for _, _, span in _spans(question, fiscal_starts):
        years += span
    return tuple(dict.fromkeys(years))


# The edge of an open period: "until 2002", "before 2017", "since 2015", in the readers' languages (closed classes,
# like the months). Not "from 2018 to 2020", a closed range.
_BOUND = re.compile(
    rf"\b(?:until|till|up\s+to|before|prior\s+to|since|after|jusqu'(?:en|à|a)|avant|depuis|après|apres|hasta|"
    rf"antes\s+de|desde|después\s+de|despues\s+de)\s+(?:the\s+end\s+of\s+|(?:el\s+)?año\s+|l'année\s+)?({_YEAR})\b"
    rf"(?!\s*(?:-|–|to|and|y|et|à|a)\s*\d)|({_YEAR})\s*년\s*(?:까지|이전|전까지|이후|부터)",
    re.I,
)


def bound_years(question: str) -> tuple[int, ...]:
    """The years ``question`` names as the edge of an open period ("What was NAUSS known as until 2002?"): a time
    before or after them, not a period asked about."""
    years = [int(m.group(1) or m.group(2)) for m in _BOUND.finditer(question)]
    return tuple(dict.fromkeys(years))


def named_periods(text: str, fiscal_starts: bool = False) -> list[tuple[int, ...]]:
    """Each period ``text`` names, as its calendar years: "233 incidents in 2017–18" -> [(2017, 2018)]."""
    return [tuple(years) for _, _, years in _spans(text, fiscal_starts)]


# A fiscal year a report names by one year: "FY2020", "fiscal year 2020", "financial year 2020".
_FISCAL_NAMED = re.compile(
    rf"\b(?:FY\s*'?|fiscal\s+year\s+|financial\s+year\s+)(?P<y>{_YEAR})\b(?!\s*[-–—/]\s*\d)", re.I
)


def fiscal_label_starts(front: str, period: Period | None) -> bool | None:
    """Does a report name a fiscal year by the year it starts in? Its front matter says which: "Annual Report
    FY2020" covering 1 April 2020 – 31 March 2021 (Japan's way: True), "FY2019" covering 1 July 2018 – 30 June
    2019 (Australia's and the United States': False). None when it names no fiscal year by one year."""
    if period is None or period.last != period.first + 1:
        return None
    for match in _FISCAL_NAMED.finditer(front):
        year = int(match["y"])
        if year in (period.first, period.last):
            return year == period.first
    return None


def period_spans(question: str) -> list[tuple[int, int]]:
    """Where ``question`` names a period ("FY 2018-19", "between 2019 and 2021", "2020"): words that pick a
    time, not a thing the passage must name."""
    return [(start, end) for start, end, _ in _spans(question)]


# Nouns naming the kind of period, beside the period they name: "the 2021/22 financial year", "calendar year
# 2019", "the 2018–2019 biennium", "ejercicio fiscal 2021", "회계연도 2021".
_KIND = (
    r"(?:(?:financial|fiscal|calendar|reporting|budget|academic)\s+years?|bienni(?:um|a)|bienio|biennio|"
    r"ejercicio(?:\s+fiscal)?|a[ñn]o\s+(?:fiscal|civil)|exercice(?:\s+financier)?|ann[ée]e\s+(?:civile|fiscale)|"
    r"회계\s?연도)"
)
_KIND_AFTER = re.compile(rf"\s+{_KIND}\b", re.I)
_KIND_BEFORE = re.compile(rf"\b{_KIND}\s+$", re.I)


def period_words(question: str) -> list[tuple[int, int]]:
    """``period_spans`` with the nouns naming the kind of period beside them ("the 2021/22 financial year"):
    words that pick a time, none of them a topic of the question."""
    spans = []
    for start, end in period_spans(question):
        if after := _KIND_AFTER.match(question, end):
            end = after.end()
        if before := _KIND_BEFORE.search(question[:start]):
            start = before.start()
        spans.append((start, end))
    return spans


def years_only(question: str) -> str:
    """``question`` with each period it names reduced to its figures ("in its 2021/22 financial year" -> "in its
    2021 22"): a period is no topic, and its months or its kind would make a passage naming them look close."""
    for start, end in reversed(period_words(question)):
        question = f"{question[:start]} {' '.join(re.findall(r'[0-9]+', question[start:end]))} {question[end:]}"
    return question


# Memoised: an answer asks which periods the same passages name for every question that weighs them (a third
# of a millisecond a passage, for five patterns).
@lru_cache(maxsize=8192)
def _spans(question: str, fiscal_starts: bool = False) -> tuple[tuple[int, int, range], ...]:
    found: list[tuple[int, int, range]] = []

    def free(start: int) -> bool:
        return not any(s <= start < e for s, e, _ in found)

    for match in _RANGE.finditer(question):  # "July 2018 – June 2019": the months are the period's too
        last = int(match["y2"])
        first = int(match["y1"]) if match["y1"] else last
        if first <= last <= first + 10:
            found.append((*match.span(), range(first, last + 1)))
    for match in _FISCAL.finditer(question):  # "FY2019" ends in 2019 (unless ``fiscal_starts``); "FY 2018-19"
        first = int(match["y"]) if len(match["y"]) == 4 else 2000 + int(match["y"])
        one = (first, first + 1) if fiscal_starts else (first - 1, first)
        span = _span(str(first), match["z"]) if match["z"] else one
        if span and free(match.start()):
            found.append((*match.span(), range(span[0], span[1] + 1)))
    for pattern in (_BETWEEN, _SPAN):
        for match in pattern.finditer(question):
            if free(match.start()) and (span := _span(match["a"], match["b"])):
                found.append((*match.span(), range(span[0], span[1] + 1)))
    for match in _PLAIN_YEAR.finditer(question):
        if free(match.start()):
            found.append((*match.span(), range(int(match.group(1)), int(match.group(1)) + 1)))
    return tuple(sorted(found, key=lambda item: item[0]))
