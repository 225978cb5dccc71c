"""Headings of a PDF from its layout: type larger than the body's, or bold and larger, whatever their wording.

Annual reports rarely number their headings ("Research", "Our people"); without this their headings are
glued to the paragraph below ("Research The Institute's research program ...") and the report has no
sections. pypdf reports each piece of text with its font and size; the body's size is the one most characters
are set in. A line set larger is a heading, marked the Markdown way ("## Research") so the cleaner records it
like a web page's <h2>. Sizes seen only on the first page are a title page's: kept as lines of their own,
not as headings of the whole report.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Fragment", "read_page", "mark_headings"]

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
LARGER = 1.15  # a heading's type is at least this much larger than the body's (or bold and larger at all)


@dataclass(frozen=True)
class Fragment:
    text: str
    size: float  # as printed: the font size times the text and page scaling
    bold: bool


def read_page(page: Any) -> tuple[str, list[Fragment]]:
    """A page's text, as pypdf extracts it, and the pieces it is made of with their type."""
    fragments: list[Fragment] = []
    places: list[tuple[float, float]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: float) -> None:
        if text:
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            size = round(float(size) * (scale or 1.0), 1)
            fragments.append(Fragment(text, size, bool(_BOLD.search(name))))
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            places.append((float(x), float(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])))

    try:
        text = page.extract_text(visitor_text=visit) or ""
    except Exception:  # noqa: BLE001 - the layout is a bonus: a page pypdf can read plainly still counts
        return page.extract_text() or "", []
    if "".join(f.text for f in fragments) != text:
        return text, fragments  # the pieces are not the text as pypdf joined it: nothing to place
    fragments = _rows_rejoined(fragments, places)
    return "".join(f.text for f in fragments), fragments


COLUMN_GAP = "   "  # how a row's cells are set apart in text, as ingest/tables.py reads columns
_WIDEST = 0.75  # of its size, the most a character is wide on average (capitals); a cell starts past that
_GAP = 2  # ems of white a column gap is at least; a justified line stretches its spaces far less
_NARROWEST = 0.4  # the least (figures and lower case): enough when pypdf itself broke the line at the cell


def _rows_rejoined(fragments: list[Fragment], places: list[tuple[float, float]]) -> list[Fragment]:
    """A table's cells as one line, set apart by a column gap: "Total   8,900,000   8,200,000". pypdf gives
    each cell that is a text object of its own a line of its own ("Total" / "8,900,000" / "8,200,000"), and
    joins cells of one text object with a single space, like words: either way a row's figures lost their
    label and their column headings. A piece on the baseline of the piece before it that starts past where
    that piece's line can end is the next cell: past its end at its widest and a gap, when pypdf joined the
    two as words; past its end at its narrowest, when pypdf broke the line there itself."""
    # Where pieces start within lines, by baseline: a piece starting where one starts on the line above or below
    # is in a column (prose never aligns the middles of its lines), however close it comes to the piece before.
    inner: dict[float, set[float]] = {}
    for i in range(1, len(fragments)):
        if abs(places[i][1] - places[i - 1][1]) < 0.5:
            inner.setdefault(round(places[i][1]), set()).add(round(places[i][0]))
    baselines = sorted(inner)

    def aligned(x: float, y: float) -> bool:
        at = bisect_left(baselines, round(y))
        near = [baselines[k] for k in (at - 1, at + 1) if 0 <= k < len(baselines)]
        near += [baselines[at]] if at < len(baselines) and baselines[at] != round(y) else []
        return any(abs(x - other) <= 1 for b in near for other in inner[b])

    out: list[Fragment] = []
    for i, fragment in enumerate(fragments):
        if i and fragment.text.strip() and "\n" not in fragment.text.rstrip("\n"):
            previous = out[-1]
            (x0, y0), (x1, y1) = places[i - 1], places[i]
            line = fragments[i - 1].text.rstrip("\n").rsplit("\n", 1)[-1]  # the piece's own, as x0 is its own
            broken = previous.text.endswith("\n")
            width = _NARROWEST * len(line) + 1 if broken else _WIDEST * len(line) + _GAP
            past = x1 >= x0 + width * fragments[i - 1].size or (x1 > x0 and aligned(x1, y1))
            apart = broken or fragment.text[:1].isspace()
            if abs(y1 - y0) < 0.5 and past and apart and line.strip():
                out[-1] = Fragment(previous.text.rstrip("\n") + COLUMN_GAP, previous.size, previous.bold)
                fragment = Fragment(fragment.text.lstrip(" "), fragment.size, fragment.bold)
        out.append(fragment)
    return out


def _lines(fragments: list[Fragment]) -> list[tuple[str, Fragment]]:
    """The lines the fragments make, each with the fragment most of its characters come from."""
    lines: list[tuple[str, Fragment]] = []
    current: list[Fragment] = []
    for fragment in fragments:
        pieces = fragment.text.split("\n")
        for n, piece in enumerate(pieces):
            if piece:
                current.append(Fragment(piece, fragment.size, fragment.bold))
            if n < len(pieces) - 1 and current:
                lines.append(_line(current))
                current = []
    if current:
        lines.append(_line(current))
    return lines


def _line(parts: list[Fragment]) -> tuple[str, Fragment]:
    main = max(parts, key=lambda p: len(p.text.strip()))
    return " ".join("".join(p.text for p in parts).split()), main


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SMALLER = 0.85  # a footnote's number, and a footnote, are set at most this size of the body's


def _small_figures_raised(text: str, fragments: list[Fragment], body: float) -> tuple[str, list[Fragment]]:
    """Footnote numbers as the cleaner knows them: superscript figures ("a year.⁴ The Board", "⁴ The premises
    ..."). A PDF sets them as ordinary figures in smaller type, so its text read "a year.4 The Board" and the
    footnote "4 The premises ..." sat in the middle of the sentence the page break cut. Figures alone in
    type smaller than the body's, right after a word or at the start of a line of small type, are raised."""
    if not fragments or "".join(f.text for f in fragments) != text:
        return text, fragments  # the pieces are not the text as pypdf joined it: leave both alone
    out: list[Fragment] = []
    for i, fragment in enumerate(fragments):
        figures = fragment.text.strip()
        small = fragment.size <= body * SMALLER
        if figures.isdigit() and len(figures) <= 3 and small and i:
            before = out[-1].text
            after = fragments[i + 1] if i + 1 < len(fragments) else None
            line_start = before.endswith("\n") or not before.strip()
            note_follows = (  # "4" then " The premises are ..." in small type, on the same line
                after is not None
                and not fragment.text.endswith("\n")
                and after.size <= body * SMALLER * 1.1
                and after.text[:1].isspace()
                and any(c.isalpha() for c in after.text.split("\n")[0])
            )
            if (before[-1:].strip() and not line_start) or (line_start and note_follows):
                fragment = Fragment(fragment.text.translate(_SUPERSCRIPT), fragment.size, fragment.bold)
        out.append(fragment)
    return "".join(f.text for f in out), out


def mark_headings(pages: list[tuple[str, list[Fragment]]]) -> tuple[tuple[str, ...], bool]:
    """Each page's text with its heading lines marked ("# ..." by size rank) and set apart by blank lines;
    and whether any heading was marked."""
    sizes: Counter[float] = Counter()
    for _, fragments in pages:
        for fragment in fragments:
            sizes[fragment.size] += len(fragment.text.strip())
    if not sizes:
        return tuple(text for text, _ in pages), False
    body = sizes.most_common(1)[0][0]
    pages = [_small_figures_raised(text, fragments, body) for text, fragments in pages]

    def larger(fragment: Fragment) -> bool:
        return fragment.size >= body * LARGER or (fragment.bold and fragment.size > body)

    lines = [_lines(fragments) for _, fragments in pages]
    later = {f.size for later_page in lines[1:] for _, f in later_page if larger(f)}
    levels = {size: min(rank, 6) for rank, size in enumerate(sorted(later, reverse=True), start=1)}
    marked_any = False
    out = []
    for (text, _), page_lines in zip(pages, lines, strict=True):
        # Lines are matched to their type in order, not by their words: a contents entry reads like the heading
        # it lists ("I. Introduction") and may be on the same page, in the body's type.
        at = 0
        kept: list[str] = []
        previous_level = 0
        for raw in text.split("\n"):
            line = " ".join(raw.split())
            style = None
            found = next((k for k in range(at, len(page_lines)) if page_lines[k][0] == line), None) if line else None
            if found is not None:
                at = found + 1
                fragment = page_lines[found][1]
                style = fragment if larger(fragment) and len(line) <= 200 else None
            if style is None:
                kept.append(raw)
                previous_level = 0
                continue
            level = levels.get(style.size)
            if level is None:  # the title page's type: a line of its own, no heading
                kept += ["", line, ""]
                previous_level = 0
            elif previous_level == level and kept and kept[-1] == "":
                kept[-2] += " " + line  # a heading wrapped over two lines
            else:
                kept += ["", "#" * level + " " + line, ""]
                previous_level = level
                marked_any = True
        out.append("\n".join(kept))
    return tuple(out), marked_any
