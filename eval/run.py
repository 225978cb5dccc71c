"""Run systems over the gold set, print and write the report, and gate on the thresholds."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .gold import TYPES, GoldItem
from .metrics import Outcome, Scores, aggregate, score_outcome
from .systems import System

__all__ = ["Run", "evaluate", "summary_table", "type_table", "write_report", "check_thresholds", "load_thresholds"]

REPORTS = Path(__file__).parent / "reports"
THRESHOLDS = Path(__file__).parent / "thresholds.toml"
# Metrics where lower is better: a threshold is a ceiling for them, a floor for the rest.
LOWER_IS_BETTER = frozenset({"false_abstention", "median_words", "latency_p50_ms", "latency_p95_ms"})
MAIN_METRICS = (
    "hit@1",
    "hit@5",
    "mrr@10",
    "answer_accuracy",
    "abstention_recall",
    "false_abstention",
    "citation_validity",
    "citation_support",
    "median_words",
    "latency_p50_ms",
    "latency_p95_ms",
)


@dataclass(frozen=True)
class Run:
    """One system's outcomes and scores over the gold set."""

    system: str
    items: Sequence[GoldItem]
    outcomes: Sequence[Outcome]
    scores: Sequence[Scores]

    def metrics(self, type_: str | None = None, lang: str | None = None) -> dict[str, float]:
        return aggregate(
            [s for s in self.scores if (type_ is None or s.type == type_) and (lang is None or s.lang == lang)]
        )


def evaluate(
    systems: Sequence[System], items: Sequence[GoldItem], on_item: Callable[[str, GoldItem], None] | None = None
) -> list[Run]:
    """Every system over every item, in one run (so latencies are comparable)."""
    runs = []
    for system in systems:
        outcomes = []
        for item in items:
            if on_item:
                on_item(system.name, item)
            outcomes.append(system.run(item))
        runs.append(
            Run(system.name, items, outcomes, [score_outcome(i, o) for i, o in zip(items, outcomes, strict=True)])
        )
    return runs


def _cell(value: float, metric: str) -> str:
    if math.isnan(value):
        return "–"
    if metric in ("median_words", "latency_p50_ms", "latency_p95_ms", "n"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def summary_table(runs: Sequence[Run], lang: str | None = None) -> str:
    """Markdown table: one row per system, the main metrics over the questions (in ``lang``, if given)."""
    head = "| system | n | " + " | ".join(MAIN_METRICS) + " |"
    rule = "|---" * (len(MAIN_METRICS) + 2) + "|"
    rows = []
    for run in runs:
        m = run.metrics(lang=lang)
        rows.append(
            f"| {run.system} | {_cell(m['n'], 'n')} | " + " | ".join(_cell(m[k], k) for k in MAIN_METRICS) + " |"
        )
    return "\n".join([head, rule, *rows])


def type_table(run: Run) -> str:
    """Markdown table for one system: one row per question type."""
    columns = (
        "hit@1",
        "hit@5",
        "mrr@10",
        "answer_accuracy",
        "abstention_recall",
        "false_abstention",
        "citation_validity",
        "citation_support",
        "median_words",
    )
    head = "| type | n | " + " | ".join(columns) + " |"
    rule = "|---" * (len(columns) + 2) + "|"
    rows = []
    for type_ in (*TYPES, None):
        m = run.metrics(type_)
        if not m["n"]:
            continue
        label = type_ or "**all**"
        rows.append(f"| {label} | {_cell(m['n'], 'n')} | " + " | ".join(_cell(m[k], k) for k in columns) + " |")
    # Questions asked in another language than the reports', as their own rows.
    for lang in sorted({s.lang for s in run.scores} - {"en"}):
        m = run.metrics(lang=lang)
        rows.append(
            f"| *asked in {lang}* | {_cell(m['n'], 'n')} | " + " | ".join(_cell(m[k], k) for k in columns) + " |"
        )
    return "\n".join([head, rule, *rows])


def failures(run: Run) -> list[str]:
    """Markdown lines for the questions a system got wrong: question, expected, got."""
    lines = []
    for item, outcome, score in zip(run.items, run.outcomes, run.scores, strict=True):
        wrong_answer = item.answerable and not score.correct
        wrong_refusal = not item.answerable and not score.abstained
        missed_passage = item.answerable and (score.rank is None or score.rank > 5)
        if not (wrong_answer or wrong_refusal or missed_passage):
            continue
        problems = [
            p
            for p, bad in (
                ("answer", wrong_answer),
                ("should abstain", wrong_refusal),
                ("gold passage not in top 5", missed_passage),
            )
            if bad
        ]
        expected = " + ".join(item.answers) if item.answers else "(abstain)"
        got = outcome.answer.replace("\n", " ")
        got = got if len(got) <= 300 else got[:300] + "…"
        lines.append(
            f"- **{item.id}** ({item.type}; {', '.join(problems)}): {item.question}  \n"
            f"  expected: `{expected}`; got{' (abstained)' if outcome.abstained else ''}: {got}"
        )
    return lines


def write_report(runs: Sequence[Run], directory: Path = REPORTS, note: str = "", extra: str = "") -> tuple[Path, Path]:
    """``latest.md`` (tables and failures) and ``latest.png`` (main metrics per system)."""
    directory.mkdir(parents=True, exist_ok=True)
    md, png = directory / "latest.md", directory / "latest.png"
    parts = ["# Evaluation report", "", note, "", "## Questions in English (the reports' language), per system", ""]
    parts += [summary_table(runs, "en"), ""]
    for lang in sorted({s.lang for run in runs for s in run.scores} - {"en"}):
        parts += [f"## Questions asked in {lang}, per system", "", summary_table(runs, lang), ""]
    parts += ["## All questions, per system", "", summary_table(runs), ""]
    for run in runs:
        parts += [f"## {run.system}: per question type", "", type_table(run), ""]
    if extra:
        parts += [extra]
    assistant = next((r for r in runs if r.system == "assistant"), None)
    if assistant:
        wrong = failures(assistant)
        parts += [f"## Assistant failures ({len(wrong)})", "", *(wrong or ["None."]), ""]
    md.write_text("\n".join(parts), encoding="utf-8")
    _chart(runs, png)
    return md, png


def _chart(runs: Sequence[Run], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = (
        "hit@1",
        "hit@5",
        "mrr@10",
        "answer_accuracy",
        "abstention_recall",
        "citation_validity",
        "citation_support",
    )
    fig, ax = plt.subplots(figsize=(11, 4.5), dpi=110)
    width = 0.8 / max(len(runs), 1)
    for i, run in enumerate(runs):
        values = run.metrics()
        heights = [0.0 if math.isnan(values[m]) else values[m] for m in metrics]
        ax.bar([x + i * width for x in range(len(metrics))], heights, width, label=run.system)
    ax.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(metrics))], metrics, rotation=15)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of questions")
    ax.set_title("pni-assistant vs baselines on the gold set")
    ax.legend(ncol=len(runs), loc="upper center", bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def load_thresholds(path: Path = THRESHOLDS) -> dict[str, dict[str, float]]:
    """{language: {metric: bound}}: ``[assistant]`` holds the questions in the reports' language (en),
    ``[assistant.ko]`` those asked in Korean, and so on."""
    with open(path, "rb") as handle:
        table = tomllib.load(handle).get("assistant", {})
    out: dict[str, dict[str, float]] = {"en": {k: float(v) for k, v in table.items() if not isinstance(v, dict)}}
    for lang, sub in table.items():
        if isinstance(sub, dict):
            out[lang] = {k: float(v) for k, v in sub.items()}
    return out


def check_thresholds(run: Run, thresholds: dict[str, dict[str, float]]) -> list[str]:
    """The metrics where ``run`` falls below a floor (or above a ceiling), as readable lines."""
    problems = []
    for lang, limits in thresholds.items():
        metrics = run.metrics(lang=lang)
        for name, limit in limits.items():
            value = metrics.get(name, math.nan)
            worse = value > limit if name in LOWER_IS_BETTER else value < limit
            if math.isnan(value) or worse:
                bound = "at most" if name in LOWER_IS_BETTER else "at least"
                problems.append(f"{name} ({lang}) = {_cell(value, name)}, must be {bound} {limit}")
    return problems
