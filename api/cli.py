"""The `pni` command: ingest, ask, search, serve, status, and the commands other packages register under
the "pni.commands" entry points (`pni eval`, from eval/: the product never imports its evaluation)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import click
from pydantic import ValidationError

from ingest.errors import PNIError

from .app import load_assistant
from .console import err, fail, index_dir_option, older_ingestion, out, settings_from
from .errors import QuestionError
from .ingest_command import ingest
from .settings import offline_mode

# The shared helpers stay importable from here: `pni eval` (eval/cli.py) and other packages' commands use them.
__all__ = ["cli", "main", "index_dir_option", "settings_from", "fail", "out", "err"]


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


cli.add_command(ingest)


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
    if note := older_ingestion(manifest):
        out.print(note)


def main() -> None:
    cli()
