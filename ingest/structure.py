"""Find a cleaned document's title, date, the year it covers, its sections and paragraph locators.

Heuristics written for the genre (yearly activity reports): UN documents number their sections
"II." / "A." and their paragraphs "10." / "(a)"; web pages number short headings "1.". A section's
organisation comes from its heading, else from its parent, else from the document's publisher.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .orgs import find_orgs, publisher
from .periods import MONTH, find_period
from .types import Period, Section

__all__ = ["Structure", "detect_structure"]

_ROMAN = re.compile(r"^([IVXLC]{1,6})\.\s+(\S.*)$")
_LETTER = re.compile(r"^([A-Z])\.\s+(\S.*)$")
_NUMBER = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s")
_ITEM = re.compile(r"^\(([a-z]{1,2}|[ivx]{1,5})\)\s")
_TERMINAL = re.compile(r"[.;:!?,]\s*$")
_YEAR = re.compile(r"(?<![\d.,/])(19[89]\d|20[0-4]\d)(?![\d/])")  # "2021년" too: no word boundary there
# A dateline as reports and pages write it: "18 November 2021", "November 18, 2021", "18 de noviembre de 2021",
# "18 novembre 2021", "1er mars 2021", "2021-11-18", "2021년 11월 18일".
_DATE = re.compile(
    rf"(?<!\w)(\d{{1,2}}(?:er|º)? (?:de )?{MONTH} (?:de )?\d{{4}}|{MONTH} \d{{1,2}}, \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{4}}년 \d{{1,2}}월 \d{{1,2}}일)(?!\w)",
    re.I,
)
_FRONT_MATTER_BLOCKS = 25
_PUBLISHER_BLOCKS = 3  # a publisher outside the curated table is named at the top of the title page
_PERIOD_BLOCKS = 8  # a report says what it covers on its title page or in its first paragraphs
_LABEL_WORDS = 15  # a title or a cover line ("Annual Report 2018–19"), not a sentence


@dataclass(frozen=True)
class Structure:
    title: str | None
    date: str | None
    year: int | None
    org: str | None
    sections: tuple[Section, ...]
    locators: tuple[tuple[int, str], ...]
    period: Period | None = None


def _opening(blocks: Iterable[str]) -> list[str]:
    """A report's title page and first paragraphs: the blocks up to its ``_PERIOD_BLOCKS``-th paragraph. Short
    lines do not count ("Référence ........ CP/2023/07", a press release's header block): only sentences do."""
    out: list[str] = []
    paragraphs = 0
    for block in blocks:
        if paragraphs == _PERIOD_BLOCKS:
            break
        out.append(block)
        paragraphs += len(block.split()) > _LABEL_WORDS
    return out


def _blocks(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs of the cleaned text (paragraphs are separated by blank lines)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for part in text.split("\n\n"):
        out.append((pos, part))
        pos += len(part) + 2
    return out


def _is_short_heading(body: str) -> bool:
    return len(body) <= 150 and len(body.split()) <= 18 and not _TERMINAL.search(body)


def _heading_level(block: str, previous_letter: str | None) -> int | None:
    """1 for "II. ..." and "1. ...", 2 for "A. ..."; None when the block is a paragraph.

    "C.", "I." and "L." read as Roman numerals or as letters: they are letters when they continue
    the run of lettered headings (B. -> C.), Roman numerals otherwise (I. Introduction).
    """
    letter = _LETTER.match(block)
    if letter and _is_short_heading(letter.group(2)):
        follows = previous_letter is not None and ord(letter.group(1)) == ord(previous_letter) + 1
        if follows or letter.group(1) == "A" or not _ROMAN.match(block):
            return 2
    for pattern in (_ROMAN, _NUMBER):
        match = pattern.match(block)
        if match and _is_short_heading(match.group(2)):
            return 1
    return None


def detect_structure(
    text: str,
    explicit_headings: tuple[tuple[int, int], ...] = (),
    title_hint: str | None = None,
    date_hint: str | None = None,
) -> Structure:
    """Structure of a cleaned document; ``explicit_headings`` come from Markdown/HTML markup."""
    blocks = _blocks(text)
    explicit = dict(explicit_headings)
    headings: list[tuple[int, int, str]] = []  # (offset, level, heading text)
    previous_letter: str | None = None
    for offset, block in blocks:
        level = explicit.get(offset) or _heading_level(block, previous_letter)
        if level:
            headings.append((offset, level, block))
            if offset not in explicit:
                previous_letter = block[0] if level == 2 else None
    first_heading = headings[0][0] if headings else len(text)
    front = [b for o, b in blocks[:_FRONT_MATTER_BLOCKS] if o < first_heading] or [b for _, b in blocks[:3]]
    title = _clean_title(title_hint) or _detect_title(front)
    date = date_hint or _detect_date(front) or _detect_date([b for _, b in blocks[:_FRONT_MATTER_BLOCKS]])
    doc_orgs = find_orgs(" \n ".join([title or "", *front[:6]]))
    doc_org = doc_orgs[0] if doc_orgs else publisher(front[:_PUBLISHER_BLOCKS], text)
    # The period from the title page and the first paragraphs ("Annual Report 2018–19", "1 July 2018 – 30 June
    # 2019"), else the year the text names most.
    opening = [title or "", *_opening(b for _, b in blocks[:_FRONT_MATTER_BLOCKS])]
    labels = [b for b in opening if len(b.split()) <= _LABEL_WORDS]
    period = find_period(" \n ".join(opening), _detect_year(text, date), " \n ".join(labels))
    return Structure(
        title=title,
        date=date,
        year=period.first if period else None,
        period=period,
        org=doc_org,
        sections=_sections(text, headings, doc_org),
        locators=_locators(blocks, {offset for offset, _, _ in headings}),
    )


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = re.sub(r"\s+", " ", title).strip()
    # File-name-like metadata titles ("Microsoft Word - draft3.docx") are worse than our own guess.
    if len(title) < 4 or re.search(r"\.(docx?|pdf|indd)$|^untitled$|^microsoft word", title, re.I):
        return None
    return title


_MENU = re.compile(r"\s[|·•]\s")  # items of a menu bar


def _detect_title(front: list[str]) -> str | None:
    """The longest heading-like line of the front matter: 3-25 words, no final full stop, not a menu ("Home |
    About | Programs", a site's or a newsletter's links)."""
    candidates = [
        b
        for b in front
        if 3 <= len(b.split()) <= 25
        and not _TERMINAL.search(b)
        and not _DATE.search(b)
        and ":" not in b[:20]
        and len(_MENU.split(b)) < 3
    ]
    for i, block in enumerate(front):
        # UN style: the title stands right above "Report of the Secretary-General".
        if re.match(r"^Report of the\b", block) and i and front[i - 1] in candidates:
            return front[i - 1]
    return max(candidates, key=len) if candidates else None


def _detect_date(blocks: list[str]) -> str | None:
    for block in blocks:
        match = _DATE.search(block)
        if match:
            return match.group(1)
    return None


def _detect_year(text: str, date: str | None) -> int | None:
    """The year the report covers: the year most often named ("in 2020", "during 2020")."""
    counts = Counter(int(y) for y in _YEAR.findall(text))
    year = re.search(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)", date or "")  # "2021년": no word boundary
    published = int(year.group()) if year else None
    if published:
        # Future plans ("to be held in 2026") do not make a report cover that year.
        counts = Counter({y: n for y, n in counts.items() if y <= published})
    if not counts:
        return published
    best = max(counts.values())
    return max(y for y, n in counts.items() if n == best)


def _sections(text: str, headings: list[tuple[int, int, str]], doc_org: str | None) -> tuple[Section, ...]:
    sections: list[Section] = []
    stack: list[Section] = []  # open ancestors
    for i, (offset, level, heading) in enumerate(headings):
        end = len(text)
        for later_offset, later_level, _ in headings[i + 1 :]:
            if later_level <= level:
                end = later_offset - 2
                break
        while stack and stack[-1].level >= level:
            stack.pop()
        named = find_orgs(heading)
        org = named[0] if named else next((s.org for s in reversed(stack) if s.org), doc_org)
        section = Section(heading=heading, level=level, start=offset, end=max(end, offset + len(heading)), org=org)
        sections.append(section)
        stack.append(section)
    return tuple(sections)


def _locators(blocks: list[tuple[int, str]], heading_offsets: set[int]) -> tuple[tuple[int, str], ...]:
    """Paragraph locators such as "10" and "10(a)" at the offset where each starts."""
    out: list[tuple[int, str]] = []
    paragraph: str | None = None
    for offset, block in blocks:
        if offset in heading_offsets:
            continue
        number = _PARAGRAPH.match(block)
        item = _ITEM.match(block)
        if number:
            paragraph = number.group(1)
            out.append((offset, paragraph))
        elif item:
            out.append((offset, f"{paragraph or ''}({item.group(1)})"))
    return tuple(out)
