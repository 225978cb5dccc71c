"""Run systems over the gold set, print and write the report, and gate on the thresholds."""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .gold import TYPES, GoldItem
from .metrics import Outcome, Scores, aggregate, score_outcome
from .systems import System

__all__ = [
    "Run",
    "evaluate",
    "summary_table",
    "type_table",
    "split_table",
    "kind_table",
    "write_report",
    "check_thresholds",
    "load_thresholds",
]

REPORTS = Path(__file__).parent / "reports"
THRESHOLDS = Path(__file__).parent / "thresholds.toml"
# Metrics where lower is better: a threshold is a ceiling for them, a floor for the rest.
LOWER_IS_BETTER = frozenset({"false_abstention", "wrong_answers", "median_words", "latency_p50_ms", "latency_p95_ms"})
MAIN_METRICS = (
    "hit@1",
    "hit@5",
    "mrr@10",
    "answer_accuracy",
    "strict_accuracy",
    "abstention_recall",
    "false_abstention",
    "wrong_answers",
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

    def subset(self, keep: Callable[[GoldItem], bool]) -> Run:
        """The same run over the items ``keep`` selects."""
        rows = [row for row in zip(self.items, self.outcomes, self.scores, strict=True) if keep(row[0])]
        return Run(self.system, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])

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
        "strict_accuracy",
        "abstention_recall",
        "false_abstention",
        "wrong_answers",
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


def split_table(splits: Mapping[str, Sequence[Run]]) -> str:
    """Markdown: every system on every split, side by side, and the assistant's dev - test gap."""
    columns: tuple[str, ...] = ("answer_accuracy", "strict_accuracy", "wrong_answers", "abstention_recall")
    columns += ("false_abstention", "hit@1", "hit@5", "citation_support")
    head = "| system | split | n | " + " | ".join(columns) + " |"
    rule = "|---" * (len(columns) + 3) + "|"
    rows = []
    for system in dict.fromkeys(run.system for runs in splits.values() for run in runs):
        for split, runs in splits.items():
            ran = next((run for run in runs if run.system == system), None)
            if ran is None:  # the test collection is asked of the assistant alone
                continue
            m = ran.metrics()
            rows.append(
                f"| {system} | {split} | {_cell(m['n'], 'n')} | " + " | ".join(_cell(m[c], c) for c in columns) + " |"
            )
    if {"dev", "test"} <= set(splits) and splits["dev"][0].system == "assistant":
        dev, test = splits["dev"][0].metrics(), splits["test"][0].metrics()
        gap = " | ".join(_cell(dev[c] - test[c], c) for c in columns)
        rows.append(f"| assistant | **dev − test** | | {gap} |")
    return "\n".join([head, rule, *rows])


def kind_table(run: Run) -> str:
    """Markdown for one system: one row per way of asking (the items' ``kind``), then per language."""
    columns = ("answer_accuracy", "strict_accuracy", "wrong_answers", "abstention_recall", "false_abstention")
    head = "| asked as | n | " + " | ".join(columns) + " |"
    rule = "|---" * (len(columns) + 2) + "|"
    groups: dict[str, list[Scores]] = {}
    for item, score in zip(run.items, run.scores, strict=True):
        groups.setdefault(item.kind or f"({item.type})", []).append(score)
        if item.lang != "en":
            groups.setdefault(f"*asked in {item.lang}*", []).append(score)
    rows = []
    for label, scores in sorted(groups.items(), key=lambda kv: (kv[0].startswith("*"), kv[0])):
        m = aggregate(scores)
        rows.append(f"| {label} | {len(scores)} | " + " | ".join(_cell(m[c], c) for c in columns) + " |")
    return "\n".join([head, rule, *rows])


def write_report(
    splits: Mapping[str, Sequence[Run]], directory: Path = REPORTS, note: str = "", extra: str = ""
) -> tuple[Path, Path]:
    """``latest.md`` (tables per split and failures) and ``latest.png`` (main metrics per system and split)."""
    directory.mkdir(parents=True, exist_ok=True)
    md, png = directory / "latest.md", directory / "latest.png"
    parts = ["# Evaluation report", "", note, ""]
    if len(splits) > 1:
        parts += ["## Every split side by side", "", split_table(splits), ""]
    for split, runs in splits.items():
        parts += [f"## {split}: questions in English (the reports' language), per system", ""]
        parts += [summary_table(runs, "en"), ""]
        for lang in sorted({s.lang for run in runs for s in run.scores} - {"en"}):
            parts += [f"## {split}: questions asked in {lang}, per system", "", summary_table(runs, lang), ""]
        parts += [f"## {split}: all questions, per system", "", summary_table(runs), ""]
        for run in runs:
            parts += [f"## {split}, {run.system}: per question type", "", type_table(run), ""]
        assistant = next((r for r in runs if r.system == "assistant"), None)
        if assistant and any(item.kind for item in assistant.items):
            parts += [f"## {split}, assistant: per way of asking", "", kind_table(assistant), ""]
    if extra:
        parts += [extra]
    for split, runs in splits.items():
        assistant = next((r for r in runs if r.system == "assistant"), None)
        if assistant:
            wrong = failures(assistant)
            parts += [f"## Assistant failures on {split} ({len(wrong)})", "", *(wrong or ["None."]), ""]
    md.write_text("\n".join(parts), encoding="utf-8")
    _chart(splits, png)
    return md, png


def _chart(splits: Mapping[str, Sequence[Run]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = (
        "hit@1",
        "hit@5",
        "answer_accuracy",
        "strict_accuracy",
        "wrong_answers",
        "abstention_recall",
        "citation_support",
    )
    fig, axes = plt.subplots(1, len(splits), figsize=(7 * len(splits), 4.8), dpi=110, squeeze=False)
    for ax, (split, runs) in zip(axes[0], splits.items(), strict=True):
        width = 0.8 / max(len(runs), 1)
        for i, run in enumerate(runs):
            values = run.metrics()
            heights = [0.0 if math.isnan(values[m]) else values[m] for m in metrics]
            ax.bar([x + i * width for x in range(len(metrics))], heights, width, label=run.system)
        ax.set_xticks([x + width * (len(runs) - 1) / 2 for x in range(len(metrics))], metrics, rotation=25)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("share of questions")
        ax.set_title(f"{split} split ({len(runs[0].items)} questions)")
    axes[0][0].legend(ncol=len(splits[next(iter(splits))]), loc="upper left", bbox_to_anchor=(0, -0.25))
    fig.suptitle("pni-assistant vs baselines (wrong_answers: lower is better)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def load_thresholds(path: Path = THRESHOLDS, split: str = "dev") -> dict[str, dict[str, float]]:
    """{language: {metric: bound}}. For "dev", ``[assistant]`` holds gold.jsonl's questions in the reports'
    language (en) and ``[assistant.ko]`` those asked in Korean; for another name (the test split, or
    "dev_split" for the whole dev split), ``[<name>.assistant]`` holds all its questions together (language "*")."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    if split != "dev":
        return {"*": {k: float(v) for k, v in data.get(split, {}).get("assistant", {}).items()}}
    table = data.get("assistant", {})
    out: dict[str, dict[str, float]] = {"en": {k: float(v) for k, v in table.items() if not isinstance(v, dict)}}
    for lang, sub in table.items():
        if isinstance(sub, dict):
            out[lang] = {k: float(v) for k, v in sub.items()}
    return out


def check_thresholds(run: Run, thresholds: dict[str, dict[str, float]]) -> list[str]:
    """The metrics where ``run`` falls below a floor (or above a ceiling), as readable lines."""
    problems = []
    for lang, limits in thresholds.items():
        metrics = run.metrics(lang=None if lang == "*" else lang)
        for name, limit in limits.items():
            value = metrics.get(name, math.nan)
            worse = value > limit if name in LOWER_IS_BETTER else value < limit
            if math.isnan(value) or worse:
                bound = "at most" if name in LOWER_IS_BETTER else "at least"
                where = "all languages" if lang == "*" else lang
                problems.append(f"{name} ({where}) = {_cell(value, name)}, must be {bound} {limit}")
    return problems
