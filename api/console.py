"""What every `pni` command shares: the consoles, the --index-dir option, settings from the environment and
the flags, and the one-line failure."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from rich.console import Console
from rich.text import Text

from ingest.errors import PNIError
from ingest.version import changed_stages, pipeline_version

from .errors import QuestionError, SettingsError
from .settings import Settings, load_settings

if TYPE_CHECKING:
    from index.disk import Manifest

__all__ = ["out", "err", "index_dir_option", "settings_from", "fail", "older_ingestion"]

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


def older_ingestion(manifest: Manifest) -> str | None:
    """What to say when an older ingestion derived some of the index's documents (this code would derive them
    otherwise), with what to run; None when every document is this code's."""
    changed = changed_stages(manifest.pipeline, dict(pipeline_version()))
    stale = manifest.documents if changed else manifest.stale_documents
    if not stale:
        return None
    why = f"this version's {', '.join(changed)} differ" if changed else "their files were not found then"
    return (
        f"{stale} of {manifest.documents} documents were derived by an older ingestion ({why}): "
        "`pni ingest PATH` derives them again"
    )
