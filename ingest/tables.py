"""Tables in extracted text, read row by row with their column headings.

A table set in columns (a PDF's, as pypdf extracts it; a text file's) or written as a Markdown pipe table
becomes a paragraph per row: "Perth — Detainees interviewed: 418; Positive for methamphetamine (%): 63." A
question about Perth then finds one sentence holding Perth, what was counted and the count.
"""

from __future__ import annotations

import re

__all__ = ["HEADINGS", "ROW", "YEAR_ROW", "tables_as_rows"]

_COLUMN_SPLIT = re.compile(r"(?: {3,}|\t+)")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")  # "|---|---|": a pipe at least
_EMPTY_HEADINGS = re.compile(r"^\s*\|(?:\s*\|)+\s*$")  # "| | |": Markdown's heading row, left empty
_FIGURE = re.compile(r"^[-+(]?[$€£¥₩]?\s?\d[\d,.\s]*%?\)?$")  # "418", "1,904", "6.8", "53%", "(12)"
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d\b")  # a column heading "2021", "2022 (Jan.-June)"


# What tables_as_rows writes, for the readers of its lines: a row "Perth — Detainees interviewed: 418; Positive
# (%): 63.", a row whose columns are years "Lithuania — 2018: 71; 2019: 118.", and the headings "Contributor |
# 2021 | 2022 (Jan.-June)" (a line of their own, which says nothing by itself).
ROW = re.compile(r"^[^\n—]{1,80} — [^:;]{1,80}: [^;]{1,40}(?:; [^:;]{1,80}: [^;]{1,40})*\.$")
YEAR_ROW = re.compile(r"^[^\n—]{1,80} — (?:(?:19|20)\d\d[^:;]{0,20}: [\d,.\s%()-]+;?\s?)+\.?$")
HEADINGS = re.compile(r"^[^|\n]+(?: \| [^|\n]+)+$")


def _cells(line: str) -> list[str] | None:
    """The cells of a table row: a Markdown row ("| Perth | 418 |") or a line set in columns ("Perth    418")."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
    else:
        cells = [cell.strip() for cell in _COLUMN_SPLIT.split(stripped)]
    return cells if len(cells) >= 2 and all(cells) else None


def tables_as_rows(lines: list[str]) -> list[str]:
    """Tables as a paragraph per row, each row read with its column headings: "Perth — Detainees interviewed:
    418; Positive for methamphetamine (%): 63." A question about Perth then finds one sentence holding Perth,
    what was counted and the count, wherever the table was; run together, the rows of a PDF's table became one
    paragraph of figures, glued to the prose after it. A table is two rows or more; its first row is the
    heading when it names columns (words or years) above rows of figures."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if _EMPTY_HEADINGS.match(lines[i]) and i + 1 < len(lines) and _MD_RULE.match(lines[i + 1]):
            i = _fields(lines, i + 2, out)
            continue
        rows: list[list[str]] = []
        j = i
        while j < len(lines):
            cells = None if _MD_RULE.match(lines[j]) else _cells(lines[j])
            if cells is None and not (rows and _MD_RULE.match(lines[j])):
                break
            if cells is not None:
                rows.append(cells)
            j += 1
        if len(rows) < 2:
            out.append(lines[i])
            i += 1
            continue
        head, body = rows[0], rows[1:]
        named = all(not _FIGURE.match(cell) or _YEAR_CELL.match(cell) for cell in head[1:])
        figures = any(_FIGURE.match(cell) for row in body for cell in row[1:])
        # A Markdown table is one by its rule line: of words too, when it has three columns or more, which only
        # their headings tell apart ("1 — Action: ...; Responsible: Secretariat; Deadline: 2 December 2022.").
        # Words set in columns by spaces may be anything; two columns read as a label and its value.
        drawn = any(_MD_RULE.match(line) for line in lines[i:j])
        figures = figures or (drawn and len(head) >= 3)
        if named and figures:  # the headings stay as a line of their own, as the table's caption has it
            out += ["", " | ".join(head), ""]
        caption = None if named and figures else _caption(out)
        for row in body if named and figures else rows:
            if named and figures and len(row) == len(head):
                pairs = "; ".join(f"{name}: {value}" for name, value in zip(head[1:], row[1:], strict=True))
                out += ["", f"{row[0]} — {pairs}.", ""]
            elif caption and all(_FIGURE.match(cell) for cell in row[1:]):
                # No column headings, but a lead-in says what the figures count: "Participants by country in
                # online training:" above "Kenya   118" -> "Kenya — Participants by country in online training: 118."
                out += ["", f"{row[0]} — {caption}: {' '.join(row[1:])}.", ""]
            else:
                out += ["", " ".join(row), ""]
        i = j
    return out


def _fields(lines: list[str], start: int, out: list[str]) -> int:
    """A Markdown table of fields (no column headings: Markdown asks for a heading row, and it is left empty),
    each row to ``out`` as a field and its value: "Date: Friday, 25 November 2022". Returns the line after it."""
    i = start
    while i < len(lines) and lines[i].strip().startswith("|") and (cells := _cells(lines[i])):
        out += ["", f"{cells[0].rstrip(':')}: {' '.join(cells[1:])}", ""]
        i += 1
    return i


def _caption(before: list[str]) -> str | None:
    """The lead-in just above a table, when it introduces it ("Participants by country in online training:"),
    without its colon; None otherwise."""
    lead = next((line.strip() for line in reversed(before) if line.strip() and line.strip() != "```"), "")
    return lead[:-1].strip() if lead.endswith(":") and 0 < len(lead) <= 120 else None
