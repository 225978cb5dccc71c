"""Parts of a year: a question may ask about one ("in the second half of 2022", "at the end of 2018", "a principios
de 2019", "2022년 하반기"), and a figure may be dated to one ("2022 (Jan.-June): 1,640", "13 at the beginning of
2018"). Only a figure dated to the part asked answers (api/figures.py): not one of another part, nor the
whole year's.

A part is read as the months it spans: halves, quarters, the beginning, middle and end of a year, in the languages
the readers ask in. These are closed classes of each language, like the names of the months.
"""

from __future__ import annotations

import re

from .names import months_named

__all__ = ["parts_asked", "part_said", "dated_within"]

_FIRST_HALF = frozenset(range(1, 7))
_SECOND_HALF = frozenset(range(7, 13))
_QUARTERS = {n: frozenset(range(3 * n - 2, 3 * n + 1)) for n in range(1, 5)}
_BEGINNING = _QUARTERS[1]
_MIDDLE = frozenset({6, 7})
_END = _QUARTERS[4]

# The words naming a part, each with the months it spans. Before the year (English, Spanish, French) ...
_BEFORE: list[tuple[str, frozenset[int]]] = [
    (r"(?:first|1st)\s+half|H1|(?:primer|1er)\s+semestre|premier\s+semestre", _FIRST_HALF),
    (r"(?:second|2nd|latter)\s+half|H2|segundo\s+semestre|(?:second|deuxi[èe]me|2e)\s+semestre", _SECOND_HALF),
    (r"(?:first|1st)\s+quarter|Q1|primer\s+trimestre|premier\s+trimestre", _QUARTERS[1]),
    (r"(?:second|2nd)\s+quarter|Q2|segundo\s+trimestre|(?:deuxi[èe]me|second)\s+trimestre", _QUARTERS[2]),
    (r"(?:third|3rd)\s+quarter|Q3|tercer\s+trimestre|troisi[èe]me\s+trimestre", _QUARTERS[3]),
    (r"(?:fourth|4th|last)\s+quarter|Q4|cuarto\s+trimestre|quatri[èe]me\s+trimestre", _QUARTERS[4]),
    (r"early|(?:the\s+)?(?:beginning|start)|principios|comienzos|inicios|d[ée]but", _BEGINNING),
    (r"mid-?|(?:the\s+)?middle|mediados|mi-", _MIDDLE),
    (r"late|(?:the\s+)?end|finales|fines|fin", _END),
]
# ... and after it (Korean: "2022년 하반기", "2018년 말").
_AFTER: list[tuple[str, frozenset[int]]] = [
    ("상반기", _FIRST_HALF),
    ("하반기", _SECOND_HALF),
    ("1분기", _QUARTERS[1]),
    ("2분기", _QUARTERS[2]),
    ("3분기", _QUARTERS[3]),
    ("4분기", _QUARTERS[4]),
    ("초", _BEGINNING),
    ("중반", _MIDDLE),
    ("말", _END),
]
_YEAR = r"((?:19|20)\d{2})(?![\d/–-])"  # a calendar year, not the start of "2018–19" or "2019/20"
_JOIN = r"(?:\s+of|\s+de|\s+del|\s+d[eu]|\s+l'ann[ée]e)?(?:\s+(?:the\s+)?(?:calendar\s+)?year)?\s*"
_PARTS_BEFORE = [
    (re.compile(rf"(?<![\w-])(?:{words}){_JOIN}(?<![^\s-]){_YEAR}", re.I), months) for words, months in _BEFORE
]
# A particle may follow ("하반기에", "말까지"); another syllable makes another word ("초청", invitation).
_PARTICLE = "(?:에는|에|의|부터|까지|은|는|이|가)?(?![가-힣])"
_PARTS_AFTER = [(re.compile(rf"{_YEAR}\s*년?\s*(?:{words}){_PARTICLE}"), months) for words, months in _AFTER]
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_AROUND = (25, 15)  # characters before and after a year where its months are named ("31 December 2019")


def _parts(text: str) -> list[tuple[int, frozenset[int], tuple[int, int]]]:
    """Each part of a year ``text`` names: the year, its months, where it is said."""
    found = []
    for pattern, months in _PARTS_BEFORE + _PARTS_AFTER:
        for match in pattern.finditer(text):
            found.append((int(match.group(1)), months, match.span()))
    return found


def parts_asked(question: str) -> dict[int, frozenset[int]]:
    """The parts of years ``question`` asks about, as each year's months; {} when it asks about whole years."""
    asked: dict[int, frozenset[int]] = {}
    for year, months, _ in _parts(question):
        asked[year] = asked.get(year, frozenset()) | months
    return asked


def part_said(question: str) -> str:
    """The words ``question`` names its part of a year with ("the second half of 2022"), for a refusal."""
    spans = sorted(span for _, _, span in _parts(question))
    if not spans:
        return ""
    start, end = spans[0]
    if question[:start].lower().endswith("the "):  # "in the second half of 2022"
        start -= len("the ")
    return question[start:end]


def dated_within(text: str, asked: dict[int, frozenset[int]]) -> bool:
    """Does ``text`` date something to the part of a year asked: a part it names, or months named beside a year
    asked, in that part? A year named alone is the whole year, no part of it ("2022: 3,300"); a text naming no
    date of the years asked dates nothing to them."""
    parts = _parts(text)
    years = list(_ANY_YEAR.finditer(text))
    for n, match in enumerate(years):
        year = int(match.group())
        if year not in asked:
            continue
        # The months named beside this year, up to the year before or after it and within its clause.
        start = max(match.start() - _AROUND[0], years[n - 1].end() if n else 0)
        end = min(match.end() + _AROUND[1], years[n + 1].start() if n + 1 < len(years) else len(text))
        window = text[start : match.start()].rsplit(";", 1)[-1] + " " + text[match.end() : end].split(";", 1)[0]
        months = set(months_named(window))
        months |= {m for y, spanned, (s, e) in parts if y == year and s <= match.start() < e for m in spanned}
        if months & asked[year]:
            return True
    return False
