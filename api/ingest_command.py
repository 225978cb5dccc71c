"""`pni ingest`: index reports into files or PostgreSQL, with a progress bar for reading and embedding."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ingest.errors import PNIError

from .console import err, fail, index_dir_option, out, settings_from

__all__ = ["ingest"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_dir_option
@click.option("--rebuild", is_flag=True, help="Ignore the existing index and build from scratch.")
@click.option("--model", default=None, help="Embedding model: bundled name or local path [env PNI_MODEL].")
@click.option(
    "--ray",
    "use_ray",
    is_flag=True,
    help="Embed with Ray Data on an actor pool (extra 'ray'): a local Ray, or the cluster at RAY_ADDRESS.",
)
@click.option(
    "--ray-actors", type=click.IntRange(1, 1024), default=2, show_default=True, help="Ray actors, one model each."
)
def ingest(
    paths: tuple[Path, ...], index_dir: Path | None, rebuild: bool, model: str | None, use_ray: bool, ray_actors: int
) -> None:
    """Index the reports under PATHS (.pdf, .txt, .md, .html; folders are walked).

    Unchanged files are skipped, changed ones replaced, files gone from a folder removed. The previous
    index stays intact until the new one is complete. Exit code 1 when any file failed. With
    PNI_DATABASE_URL set, the index goes into PostgreSQL + pgvector (one transaction) instead of files.

    \b
    Examples:
      pni ingest corpus/
      pni ingest reports/heuni-2021.pdf reports/unafei/ --index-dir data/index
      pni ingest --rebuild corpus/
      PNI_DATABASE_URL=postgresql://pni@db.internal/pni pni ingest corpus/
      RAY_ADDRESS=ray://head:10001 pni ingest --ray --ray-actors 8 reports/
    """
    from index.build import update_index
    from index.embed import E5Embedder, SentenceTransformerEmbedder
    from index.types import Embedder

    from .app import index_location

    settings = settings_from(index_dir, model=model)
    try:
        embedder: Embedder = SentenceTransformerEmbedder(settings.model)
        multilingual: Embedder | None = E5Embedder() if settings.multilingual else None
        if use_ray:
            from index.ray_embed import RayEmbedder

            embedder = RayEmbedder(embedder, "main", settings.model, actors=ray_actors)
            if multilingual is not None:
                multilingual = RayEmbedder(multilingual, "e5", settings.model, actors=ray_actors)
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[name]}"),
            console=err,
            transient=False,
        ) as progress:
            reading = progress.add_task("reading", total=None, name="")
            state: dict[str, Any] = {}

            def on_file(path: Path) -> None:
                progress.update(reading, advance=1, name=path.name)

            def on_embed_start(total: int) -> None:
                progress.update(reading, total=progress.tasks[reading].completed, name="")
                state["embed"] = progress.add_task("embedding", total=total, name="chunks")

            if settings.database_url is not None:
                from index.pg_build import update_database

                build: Any = functools.partial(update_database, settings.database_url.get_secret_value())
            else:
                build = functools.partial(update_index, settings.index_dir)
            report = build(
                list(paths),
                embedder,
                rebuild=rebuild,
                chunk_size=settings.chunk_size,
                chunk_overlap=settings.chunk_overlap,
                on_file=on_file,
                on_embed_start=on_embed_start,
                on_embed_batch=lambda n: progress.update(state["embed"], advance=n),
                multilingual=multilingual,
                max_text_mb=settings.max_text_mb,
            )
    except PNIError as exc:
        fail(exc)
    for problem in report.skipped:
        err.print(f"skipped {problem}")
    for problem in report.failed:
        err.print(f"[red]failed[/] {problem}", markup=True)
    summary = (
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed, {len(report.failed)} failed"
    )
    if report.rederived:
        summary += f", {len(report.rederived)} re-derived (the ingestion changed since they were indexed)"
    state_line = "index written" if report.written else "index unchanged"
    where = index_location(settings)
    out.print(f"{summary}; {state_line}: {report.documents} documents, {report.chunks} chunks in {where}")
    if report.failed:
        sys.exit(1)
