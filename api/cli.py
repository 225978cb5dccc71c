"""The `pni` command: ingest, ask, search, serve, status, and the commands other packages register under
the "pni.commands" entry points (`pni eval`, from eval/: the product never imports its evaluation)."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from ingest.errors import PNIError

from .app import load_assistant
from .errors import QuestionError, SettingsError
from .settings import Settings, load_settings, offline_mode

__all__ = ["cli", "main", "index_dir_option", "settings_from", "fail", "out", "err"]

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def index_dir_option(func: F) -> F:
    """The --index-dir option every command shares."""
    return click.option(
        "--index-dir",
        type=click.Path(path_type=Path),
        default=None,
        help="Index directory [env PNI_INDEX_DIR; default data/index].",
    )(func)


def settings_from(index_dir: Path | None, **overrides: Any) -> Settings:
    """The settings from PNI_* with the flags given on top; a bad value ends the command with one line."""
    values = {k: v for k, v in overrides.items() if v is not None}
    if index_dir is not None:
        values["index_dir"] = index_dir
    try:
        return load_settings(**values)
    except SettingsError as exc:
        fail(exc)


def fail(exc: PNIError) -> NoReturn:
    """One line on stderr; exit code 2 for a bad setting or question (like a bad flag), 1 for the rest."""
    err.print(Text.assemble(("error:", "bold red"), " ", exc.message))  # the message is never read as markup
    sys.exit(2 if isinstance(exc, SettingsError | QuestionError) else 1)


class _Commands(click.Group):
    """The built-in commands, then those registered under the "pni.commands" entry points, loaded when
    asked for (so `pni ask` never imports the evaluation suite)."""

    def _registered(self) -> dict[str, EntryPoint]:
        return {entry.name: entry for entry in entry_points(group="pni.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._registered()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        entry = self._registered().get(cmd_name)
        if command is None and entry is not None:
            try:
                command = entry.load()
            except ImportError as exc:
                raise click.ClickException(
                    f"`pni {cmd_name}` cannot load ({exc}): reinstall with `make install` or `pip install -e .`"
                ) from exc
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="pni")
@click.option("--debug", is_flag=True, help="Log details to stderr, with the traceback of any file that failed.")
def cli(debug: bool) -> None:
    """Ask the reports of the UN crime prevention and criminal justice programme network institutes.

    \b
    Quick start:
      pni ingest corpus/
      pni ask "What did HEUNI do in 2020?"
      pni serve
      pni --debug ingest reports/     # why a file failed, with its traceback
    """
    offline_mode()
    if debug:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s: %(name)s: %(message)s")


@cli.command()
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


@cli.command()
@click.argument("question")
@index_dir_option
@click.option("-k", "--k", type=click.IntRange(1, 20), default=None, help="Passages to retrieve (1-20).")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON as POST /api/ask.")
def ask(question: str, index_dir: Path | None, k: int | None, as_json: bool) -> None:
    """Answer QUESTION from the indexed reports, with cited passages.

    \b
    Examples:
      pni ask "What did HEUNI do in 2020?"
      pni ask "Which institute launched the Urban Safety Lab?" --json
    """
    from .schemas import AskRequest, AskResponse

    settings = settings_from(index_dir, k=k)
    try:
        request = AskRequest(question=question, k=k)
        answer = load_assistant(settings).ask(request.question, k=k or settings.k)
    except PNIError as exc:
        fail(exc)
    except ValidationError as exc:  # the same limits as the API, in the same words
        fail(QuestionError("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())))
    if as_json:
        click.echo(AskResponse.model_validate(asdict(answer)).model_dump_json(indent=2))
        return
    style = "yellow" if answer.abstained else ""
    out.print(answer.answer, style=style, markup=False)
    if answer.citations:
        out.print()
        for c in answer.citations:
            where = ", ".join(
                x
                for x in (
                    c.org,
                    str(c.year) if c.year else None,
                    f"p. {c.page}" if c.page else None,
                    f"para. {c.paragraph}" if c.paragraph else None,
                )
                if x
            )
            out.print(f"[{c.n}] {c.title} — {c.section or 'front matter'} ({where})", markup=False, style="dim")
    for warning in answer.warnings:
        err.print(f"note: {warning}", markup=False, style="yellow")


@cli.command()
@click.argument("query")
@index_dir_option
@click.option("-k", "--k", type=click.IntRange(1, 20), default=10, show_default=True, help="Passages to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON as GET /api/search.")
def search(query: str, index_dir: Path | None, k: int, as_json: bool) -> None:
    """Show the passages that best match QUERY, best first.

    \b
    Example:
      pni search "FLOW project human trafficking" -k 3
    """
    from .citations import citation_for_hit

    try:
        hits = load_assistant(settings_from(index_dir)).search(query, k)
    except PNIError as exc:
        fail(exc)
    citations = [asdict(citation_for_hit(i + 1, h)) for i, h in enumerate(hits)]
    if as_json:
        click.echo(json.dumps({"hits": citations}, indent=2, ensure_ascii=False))
        return
    for c in citations:
        out.print(
            f"[{c['n']}] {c['score']:.3f}  {c['org'] or '-'} {c['year'] or ''} "
            f"para. {c['paragraph'] or '-'} — {c['section'] or 'front matter'}",
            markup=False,
            style="bold",
        )
        out.print(c["text"][:400] + ("…" if len(c["text"]) > 400 else ""), markup=False)
        out.print()


@cli.command()
@index_dir_option
@click.option("--host", default=None, help="Interface to bind [env PNI_HOST; default 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [env PNI_PORT; default 8000].")
@click.option(
    "--workers", type=click.IntRange(1, 16), default=None, help="Server processes [env PNI_WORKERS; default 1]."
)
def serve(index_dir: Path | None, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the chat page at / and the HTTP API (OpenAPI docs at /docs).

    \b
    Examples:
      pni serve
      pni serve --host 0.0.0.0 --port 8080 --index-dir /srv/pni/index
      PNI_API_KEY=secret pni serve --host 0.0.0.0 --workers 2
    """
    import uvicorn

    from .app import create_app

    settings = settings_from(index_dir, host=host, port=port, workers=workers)
    # The app's own messages (index switched, writer fell back) in the server log, like uvicorn's.
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(message)s")
    if settings.host not in ("127.0.0.1", "localhost", "::1") and settings.api_key is None:
        err.print(
            f"note: serving on {settings.host} without PNI_API_KEY: anyone who can reach it can query it.",
            style="yellow",
        )
    if settings.workers > 1:
        # Each worker process builds its own app from the environment: pass the command line on through it.
        os.environ["PNI_INDEX_DIR"] = str(settings.index_dir.resolve())
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=settings.workers,
            log_level="info",
        )
        return
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


@cli.command()
@index_dir_option
@click.option(
    "--verify",
    is_flag=True,
    help="Also check every file against its checksum, the memory-mapped sentence vectors included "
    "(a server checks those only by size at start-up).",
)
def status(index_dir: Path | None, verify: bool) -> None:
    """Show what the index holds; exit code 1 when there is no usable index.

    \b
    Examples:
      pni status --index-dir data/index
      pni status --verify          # read every file and compare it with the manifest's sha256
    """
    from index.store import read_manifest, verify_files
    from ingest.version import changed_stages, pipeline_version

    from .app import index_location

    settings = settings_from(index_dir)
    try:
        if settings.database_url is not None:
            from index.pg_store import database_status

            manifest = database_status(settings.database_url.get_secret_value())
        else:
            manifest = read_manifest(settings.index_dir)
            if verify:
                verify_files(settings.index_dir, manifest, full=True)
    except PNIError as exc:
        fail(exc)
    out.print(
        f"{index_location(settings)}: {manifest.documents} documents, {manifest.chunks} chunks, "
        f"model {manifest.model} ({manifest.dimension}-d), built {manifest.created_at}"
    )
    current = dict(pipeline_version())
    changed = changed_stages(manifest.pipeline, current)
    stale = manifest.documents if changed else manifest.stale_documents
    if stale:
        why = f"this version's {', '.join(changed)} differ" if changed else "their files were not found then"
        out.print(
            f"{stale} of {manifest.documents} documents were derived by an older ingestion ({why}): "
            "`pni ingest PATH` derives them again"
        )


def main() -> None:
    cli()
