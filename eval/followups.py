"""Follow-ups against their standalone twins: the same questions, with history and with the referent
spelled out. The gap measures what the follow-up resolution loses; it may be at most 5 points."""

from __future__ import annotations

import math
from collections.abc import Sequence

from .metrics import aggregate
from .run import Run, _cell

__all__ = ["MAX_GAP", "followup_table", "followup_problems"]

MAX_GAP = 0.05
GATED = ("hit@1", "hit@5", "answer_accuracy")
COLUMNS = ("hit@1", "hit@5", "mrr@10", "answer_accuracy", "false_abstention", "citation_support")


def _paired(run: Run) -> dict[str, float]:
    """Metrics over the follow-ups that have a standalone twin (asked with their history)."""
    return aggregate([s for s, i in zip(run.scores, run.items, strict=True) if i.type == "followup" and i.standalone])


def followup_table(runs: Sequence[Run], twins: Sequence[Run]) -> str:
    """Markdown: per system, the follow-ups asked with history, then asked standalone."""
    head = "| system | asked | n | " + " | ".join(COLUMNS) + " |"
    rule = "|---" * (len(COLUMNS) + 3) + "|"
    rows = []
    for run, twin in zip(runs, twins, strict=True):
        for label, m in (("as a follow-up, with history", _paired(run)), ("standalone", twin.metrics())):
            rows.append(
                f"| {run.system} | {label} | {_cell(m['n'], 'n')} | "
                + " | ".join(_cell(m[c], c) for c in COLUMNS)
                + " |"
            )
    return "\n".join([head, rule, *rows])


def followup_problems(run: Run, twin: Run) -> list[str]:
    """Where the follow-ups score more than MAX_GAP below their standalone twins, as readable lines."""
    with_history, standalone = _paired(run), twin.metrics()
    problems = []
    for name in GATED:
        gap = standalone[name] - with_history[name]
        if math.isnan(gap) or gap > MAX_GAP + 1e-9:
            problems.append(
                f"{name} on follow-ups = {_cell(with_history[name], name)}, standalone "
                f"{_cell(standalone[name], name)}: must be within {MAX_GAP:.2f}"
            )
    return problems
