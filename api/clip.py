"""Clipping: a long quoted sentence cut down to the clauses that answer, and a fact answer fitted to its budget.

Reports write sentences of 600+ characters ("Officials from ..., including A, B, C, D and E, visited a total of
five times, and introduced ..."). Quoted whole, a direct answer buries its answer. A sentence is split into
clauses at commas, semicolons, colons and dashes outside brackets and quotation marks; the contiguous run
of clauses that weighs most and fits the budget is kept, with "…" where text was left out. The weight is
the caller's (the question's words, the asked type): nothing here knows a report's layout or wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .passages import PAIR, Unit

__all__ = ["clip", "clauses", "fitted"]

ELLIPSIS = "…"
MIN_CLIP = 100  # a clipped sentence shorter than this says too little to quote
_BOUNDARY = re.compile(r"[,;:]\s+|\s+[–—]\s+")


def clauses(sentence: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause of ``sentence``: split at boundaries outside brackets and quotes; each
    clause keeps its trailing punctuation."""
    spans: list[tuple[int, int]] = []
    start = 0
    # The nesting at each character, for the boundaries (a regex cannot count brackets).
    depth, quoted = 0, False
    nesting: list[bool] = []
    for char in sentence:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in "“‘":
            quoted = True
        elif char in "”’":
            quoted = False
        elif char == '"':
            quoted = not quoted
        nesting.append(depth > 0 or quoted)
    for match in _BOUNDARY.finditer(sentence):
        if nesting[match.start()]:
            continue
        end = match.start() + (1 if sentence[match.start()] in ",;:" else 0)
        if end > start:
            spans.append((start, end))
        start = match.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def clip(sentence: str, weight: Callable[[str], float], budget: int) -> str:
    """``sentence`` if it fits ``budget`` characters, else its best-weighted run of clauses that fits, marked
    with "…" where cut. Among runs of equal weight the one starting the sentence (its subject) wins, then
    the longer (more context)."""
    if len(sentence) <= budget:
        return sentence
    spans = clauses(sentence)
    # From each clause, the longest run that fits: a longer run never weighs less (weight reads the run's
    # text as a whole: the question's words it holds, not a sum that favours many small clauses).
    best: tuple[float, bool, int] | None = None
    chosen = (0, 0)
    for i in range(len(spans)):
        j = i
        while j + 1 < len(spans) and spans[j + 1][1] - spans[i][0] <= budget:
            j += 1
        length = spans[j][1] - spans[i][0]
        if length > budget:
            continue
        key = (round(weight(sentence[spans[i][0] : spans[j][1]]), 6), i == 0, length)
        if best is None or key > best:
            best, chosen = key, (i, j)
    if best is None:  # a single clause longer than the budget: cut at a word boundary
        cut = sentence[:budget].rsplit(" ", 1)[0]
        return cut.rstrip(",;: ") + " " + ELLIPSIS
    i, j = chosen
    text = sentence[spans[i][0] : spans[j][1]].rstrip(",;: ")
    if i > 0:
        text = f"{ELLIPSIS} {text}"
    if j < len(spans) - 1:
        text = f"{text} {ELLIPSIS}"
    return text


def fitted(units: list[Unit], weight: Callable[[str], float], budget: int) -> list[Unit]:
    """The units within ``budget`` characters, in order: each sentence whole when it fits, else clipped to its
    best-weighted clauses in what is left (the best-weighted sentence of a pair first); the first always."""
    answer: list[Unit] = []
    used = 0
    for unit in units:
        parts = unit.text.split(PAIR)
        kept: dict[int, str] = {}
        for i in sorted(range(len(parts)), key=lambda i: -weight(parts[i])):
            left = budget - used
            if len(parts[i]) <= left:
                kept[i] = parts[i]
            elif not answer and not kept:
                kept[i] = clip(parts[i], weight, max(left, MIN_CLIP))
            elif left >= MIN_CLIP and len(clipped := clip(parts[i], weight, left)) >= MIN_CLIP:
                kept[i] = clipped
            else:
                continue
            used += len(kept[i])
        if not kept:
            break
        answer.append(Unit(PAIR.join(kept[i] for i in sorted(kept)), unit.chunk, unit.chunk_score, unit.score))
    return answer
