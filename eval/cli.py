"""`pni eval`, registered under the "pni.commands" entry point (pyproject.toml): eval drives the product
from outside, so the product's CLI finds this command by name and never imports it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.app import load_assistant
from api.cli import err, fail, index_dir_option, out, settings_from
from ingest.errors import PNIError

__all__ = ["eval_command"]


@click.command(name="eval")
@index_dir_option
@click.option(
    "--gold",
    "gold_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="One file of gold questions (JSON Lines) instead of the dev and test splits (eval/gold/README.md).",
)
@click.option(
    "--systems",
    default="assistant,dense,bm25,naive,bm25-paragraphs",
    show_default=True,
    help="Comma-separated systems to compare: assistant, dense, bm25, naive, bm25-paragraphs.",
)
@click.option(
    "--corpus",
    type=click.Path(path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="Raw files for the naive LangChain-style and BM25-paragraph baselines.",
)
@click.option("--ablations", is_flag=True, help="Also run the assistant with each component switched off.")
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where latest.md and latest.png go [default eval/reports]; '-' writes none.",
)
def eval_command(
    index_dir: Path | None, gold_path: Path | None, systems: str, corpus: Path, report_dir: Path | None, ablations: bool
) -> None:
    """Score the assistant and the baselines on the dev and test splits, side by side.

    Prints a table per split, system and question type, writes eval/reports/latest.md and latest.png, and
    exits 1 when the assistant falls below eval/thresholds.toml (dev, and the test split's own floors).

    \b
    Examples:
      pni eval
      pni eval --systems assistant --report-dir -
      pni eval --gold my-questions.jsonl --systems assistant,bm25
      pni eval --ablations
    """
    from .command import SYSTEM_NAMES, run_eval

    chosen = tuple(name.strip() for name in systems.split(",") if name.strip())
    unknown = [name for name in chosen if name not in SYSTEM_NAMES]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown system(s) {', '.join(unknown) or '(none)'}: use {', '.join(SYSTEM_NAMES)}", param_hint="--systems"
        )
    settings = settings_from(index_dir)
    directory = None if report_dir is not None and str(report_dir) == "-" else (report_dir or Path("eval/reports"))
    try:
        code = run_eval(load_assistant(settings), out, err, gold_path, chosen, corpus, directory, ablations, settings.k)
    except PNIError as exc:
        fail(exc)
    sys.exit(code)
