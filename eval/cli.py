"""`pni eval`, registered under the "pni.commands" entry point (pyproject.toml): eval drives the product
from outside, so the product's CLI finds this command by name and never imports it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.answer import Assistant
from api.app import load_assistant
from api.console import err, fail, index_dir_option, older_ingestion, out, settings_from
from api.settings import Settings
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
    "--collection/--no-collection",
    default=True,
    show_default=True,
    help="Also ask the test collection's questions (eval/collection/: reports never tuned on) of an index of "
    "corpus/ and the collection, built beside the index on first use (a few minutes) and kept up to date.",
)
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where latest.md and latest.png go [default eval/reports]; '-' writes none.",
)
def eval_command(
    index_dir: Path | None,
    gold_path: Path | None,
    systems: str,
    corpus: Path,
    report_dir: Path | None,
    ablations: bool,
    collection: bool,
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
      pni eval --no-collection          # the two reports' splits only
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
        assistant = load_assistant(settings)
        if note := older_ingestion(assistant.store.manifest):
            err.print(f"[yellow]warning[/] {note}: the figures below are not this code's", markup=True)
        beside = _collection_assistant(settings, corpus, assistant) if collection and gold_path is None else None
        code = run_eval(assistant, out, err, gold_path, chosen, corpus, directory, ablations, settings.k, beside)
    except PNIError as exc:
        fail(exc)
    sys.exit(code)


def _collection_assistant(settings: Settings, corpus: Path, main: Assistant) -> Assistant:
    """The assistant over corpus/ and the test collection: an index of files beside the configured one
    (``collection-index``), brought up to date first (only what changed is read and embedded). The models
    ``main`` has loaded are used, not loaded again."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from index.build import update_index
    from index.embed import E5Embedder
    from index.store import load_index

    from .collection import collection_files

    where = settings.index_dir.parent / "collection-index"
    embedder = main.store.embedder
    multilingual = None
    if settings.multilingual:
        multilingual = main.store.multilingual.embedder if main.store.multilingual else E5Embedder()
    files = collection_files(settings.index_dir.parent / "collection")
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as bar:
        task = bar.add_task("indexing the test collection", total=None)
        report = update_index(
            where,
            [corpus, *files],
            embedder,
            multilingual=multilingual,
            on_embed_start=lambda total: bar.update(task, total=total),
            on_embed_batch=lambda n: bar.update(task, advance=n),
        )
    for problem in report.failed:
        err.print(f"[red]failed[/] {problem}", markup=True)
    store = load_index(where, lambda _: embedder, settings.model, (lambda: multilingual) if multilingual else None)
    return Assistant(store)
