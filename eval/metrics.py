"""Pure metric functions: one question's scores, then aggregates per type and overall.

Definitions (all shares in 0..1):
- hit@1 / hit@5 / MRR@10: rank of the first cited passage containing a gold substring (answerable items).
- answer accuracy: the expected answer groups are in the answer and it did not abstain (answerable items);
  ``list`` and ``compound`` items need every group, other types at least one.
- strict accuracy: the same, but a direct question's answer (fact, number) over 700 characters does not
  count: a whole activity list that happens to hold the name does not answer "which institute".
- abstention recall: unanswerable items that were refused; false abstention: answerable items refused.
- wrong answers: items answered (not refused) whose answer is wrong, or that should have been refused,
  over all items.
- citation validity: every [n] in the answer refers to a returned citation and every citation is referred to.
- citation support (ALCE-style): share of answer sentences whose cited passages contain them, or contain
  at least 80% of their content words (a lexical stand-in for entailment). Header lines ending in ":"
  carry no claim and are not counted.
"""

from __future__ import annotations

import math
import re
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ingest.sentences import ABBREVIATION

from .gold import ALL_GROUPS, DIRECT, GoldItem, fold

__all__ = [
    "Outcome",
    "Scores",
    "answer_correct",
    "aggregate",
    "citation_support",
    "citation_valid",
    "first_gold_rank",
    "words_of",
    "percentile",
    "score_outcome",
    "timed_ms",
]

_MARKER = re.compile(r"\[(\d+)\]")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
# A sentence starts with a capital, a figure, a quote, or "…" (a quotation clipped at its start).
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9]|…)|(?<=\])\s+(?=[\"“(]?[A-Z0-9]|…)")
MAX_DIRECT_CHARS = 700
_STOP = frozenset("a an the of in on at to for by with and or from as is was were are be been its it".split())


@dataclass(frozen=True)
class Outcome:
    """What one system returned for one question."""

    answer: str
    abstained: bool
    citations: Sequence[tuple[int, str]]  # (n, passage text), best first
    latency_ms: float


@dataclass(frozen=True)
class Scores:
    """One question's scores; None where a metric does not apply to it."""

    item_id: str
    type: str
    answerable: bool
    lang: str
    rank: int | None  # 1-based rank of the first cited passage with a gold substring
    correct: bool | None
    concise: bool | None  # a direct question's answer is at most MAX_DIRECT_CHARS long (None: not direct)
    abstained: bool
    valid: bool | None
    support: float | None
    words: int
    latency_ms: float


def first_gold_rank(passages: Sequence[str], gold: Iterable[str]) -> int | None:
    """1-based rank of the first passage containing any gold substring (NFKC, case and space folded), read as
    its words in order: gold strings are copied from the source files, and cleaning may re-punctuate what it
    keeps ("Authors Jisun Choi" on the web page is "Authors: Jisun Choi" in its passage, a table row gains
    separators) without the passage holding anything less."""
    needles = [words_of(g) for g in gold if words_of(g)]
    rows = [cells for g in gold if (cells := _row_cells(g))]
    for rank, passage in enumerate(passages, start=1):
        folded = words_of(passage)
        if any(n in folded for n in needles) or any(_holds_row(passage, cells) for cells in rows):
            return rank
    return None


# A table's row as a source file sets it: cells apart by runs of spaces ("Lithuania        71      118").
_COLUMN_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
_FIGURE = re.compile(r"\(?[\d][\d.,]*\)?%?")


def _row_cells(gold: str) -> list[str]:
    """The cells of a gold string copied from a table's row (folded words), or [] for a gold of running text. A
    Markdown row sets its cells apart by pipes ("| Employee expenses | 6,112 | 5,987 |"), a source file by runs
    of spaces."""
    gold = gold.strip()
    if gold.startswith("|") and gold.endswith("|") and gold.count("|") >= 3:
        return [cell for part in gold.strip("|").split("|") if (cell := words_of(part))]
    if _COLUMN_GAP.search(gold):
        return [cell for part in _COLUMN_GAP.split(gold) if (cell := words_of(part))]
    # Or the row's cells copied as text, one space apart ("Contribution of the Government of Japan 412.6 428.3"):
    # two figures or more among its words; then each word is a cell.
    if sum(bool(_FIGURE.fullmatch(token)) for token in gold.split()) >= 2:
        return [cell for token in gold.split() if (cell := words_of(token))]
    return []


def _holds_row(passage: str, cells: list[str]) -> bool:
    """Does one line of ``passage`` hold the row's cells in their order? Cleaning writes a row with its column
    headings ("Lithuania — 2018: 71; 2019: 118."), which puts words between the cells."""
    for line in passage.splitlines():
        folded, at = f" {words_of(line)} ", 0
        for cell in cells:
            found = folded.find(f" {cell} ", at)
            if found < 0:
                break
            at = found + len(cell) + 1
        else:
            return True
    return False


def words_of(text: str) -> str:
    """``text`` folded (gold.fold) to its words, space-separated: punctuation does not count."""
    return " ".join(re.findall(r"\w+", fold(text)))


def answer_correct(answer: str, groups: Sequence[str], type_: str, abstained: bool) -> bool:
    """Are the expected answer groups in ``answer``? ``list`` and ``compound`` need every group, others one."""
    if abstained or not groups:
        return False
    folded = fold(answer)
    present = [any(fold(alt) in folded for alt in group.split("|") if alt.strip()) for group in groups]
    return all(present) if type_ in ALL_GROUPS else any(present)


def citation_valid(answer: str, numbers: Sequence[int]) -> bool:
    """Every [n] refers to a returned citation, and every returned citation is referred to."""
    used = {int(n) for n in _MARKER.findall(answer)}
    return bool(used) and used == set(numbers)


def _sentences(answer: str) -> list[tuple[str, set[int]]]:
    out: list[tuple[str, set[int]]] = []
    for line in answer.splitlines():
        line = re.sub(r"^\s*[-•*]\s*", "", line).strip()
        line = re.sub(r"^(?:19|20)\d\d:\s*", "", line)  # "2020: ..." prefixes in multi-year summaries
        if not line or line.endswith(":"):
            continue
        for sentence in _split(line):
            markers = {int(n) for n in _MARKER.findall(sentence)}
            text = _MARKER.sub("", sentence).strip()
            if text:
                out.append((text, markers))
    return out


def _split(line: str) -> list[str]:
    """Sentences of an answer line: not inside a quoted title (“Immeasurable corruption? …”) nor after an
    abbreviation or an initial ("No. 161", "J. Smith"), where the reports' own sentences do not end either."""
    parts, start = [], 0
    for match in _SENTENCE.finditer(line):
        before = line[: match.start()]
        if before.count("“") > before.count("”") or ABBREVIATION.search(before):
            continue
        parts.append(line[start : match.start()])
        start = match.end()
    return [*parts, line[start:]]


def _supported(sentence: str, passages: Sequence[str]) -> bool:
    core = fold(sentence).strip(" .;:!?…")  # a clipped quotation ("… visited five times …") is a substring
    words = [w for w in _WORD.findall(core) if w not in _STOP]
    for passage in passages:
        folded = fold(passage)
        if core and core in folded:
            return True
        if words:
            passage_words = set(_WORD.findall(folded))
            if sum(w in passage_words for w in words) / len(words) >= 0.8:
                return True
    return False


def citation_support(answer: str, citations: Sequence[tuple[int, str]]) -> float | None:
    """Share of answer sentences supported by the passages they cite (uncited sentences count as not)."""
    by_n = dict(citations)
    sentences = _sentences(answer)
    if not sentences:
        return None
    supported = sum(_supported(text, [by_n[n] for n in markers if n in by_n]) for text, markers in sentences)
    return supported / len(sentences)


def score_outcome(item: GoldItem, outcome: Outcome) -> Scores:
    passages = [text for _, text in outcome.citations]
    answered = not outcome.abstained
    return Scores(
        item_id=item.id,
        type=item.type,
        answerable=item.answerable,
        lang=item.lang,
        rank=first_gold_rank(passages, item.gold) if item.answerable else None,
        correct=answer_correct(outcome.answer, item.answers, item.type, outcome.abstained) if item.answerable else None,
        concise=len(outcome.answer) <= MAX_DIRECT_CHARS if item.type in DIRECT else None,
        abstained=outcome.abstained,
        valid=citation_valid(outcome.answer, [n for n, _ in outcome.citations]) if answered else None,
        support=citation_support(outcome.answer, outcome.citations) if answered else None,
        words=len(outcome.answer.split()),
        latency_ms=outcome.latency_ms,
    )


def timed_ms(call: Callable[[str], object], questions: Sequence[str], rounds: int) -> list[float]:
    """Milliseconds per call, every question ``rounds`` times."""
    times = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            call(question)
            times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[index]


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else math.nan


def aggregate(scores: Sequence[Scores]) -> dict[str, float]:
    """The metrics over a set of questions (NaN where no question applies)."""
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    answered = [s for s in scores if not s.abstained]
    return {
        "n": float(len(scores)),
        "hit@1": _mean(1.0 if s.rank == 1 else 0.0 for s in answerable),
        "hit@5": _mean(1.0 if s.rank is not None and s.rank <= 5 else 0.0 for s in answerable),
        "mrr@10": _mean(1.0 / s.rank if s.rank is not None and s.rank <= 10 else 0.0 for s in answerable),
        "answer_accuracy": _mean(1.0 if s.correct else 0.0 for s in answerable),
        "strict_accuracy": _mean(1.0 if s.correct and s.concise is not False else 0.0 for s in answerable),
        "abstention_recall": _mean(1.0 if s.abstained else 0.0 for s in unanswerable),
        "false_abstention": _mean(1.0 if s.abstained else 0.0 for s in answerable),
        # Answered, but wrong (or an answer where the reports have none), over all questions: users forgive
        # a refusal more than a confident wrong answer.
        "wrong_answers": _mean(0.0 if s.abstained or s.correct else 1.0 for s in scores),
        "citation_validity": _mean(1.0 if s.valid else 0.0 for s in answered),
        "citation_support": _mean(s.support for s in answered if s.support is not None),
        "median_words": statistics.median([s.words for s in answered]) if answered else math.nan,
        "latency_p50_ms": percentile([s.latency_ms for s in scores], 50),
        "latency_p95_ms": percentile([s.latency_ms for s in scores], 95),
    }
