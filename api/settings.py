"""Settings, read from the environment (prefix PNI_) only at the edges: the CLI and the app factory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, get_args

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from index.embed import DEFAULT_MODEL
from ingest.loaders import DEFAULT_MAX_TEXT_MB
from ingest.split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE

from .errors import SettingsError

__all__ = ["Settings", "load_settings", "offline_mode"]

_BOUNDS = ("Ge", "Gt", "Le", "Lt")  # pydantic's Field(ge=..., ...) constraints, by their annotated-types names


class Settings(BaseSettings):
    """Every field is read from PNI_<NAME>: PNI_INDEX_DIR, PNI_MODEL, PNI_RERANKER, PNI_MULTILINGUAL, ..."""

    model_config = SettingsConfigDict(env_prefix="PNI_", extra="ignore")

    index_dir: Path = Path("data/index")
    database_url: SecretStr | None = Field(
        default=None,
        description="postgresql://user:password@host/db: keep the index in PostgreSQL + pgvector instead of index_dir",
    )
    model: str = Field(
        default=DEFAULT_MODEL, description="bundled model name or path of a local sentence-transformers model"
    )
    k: int = Field(default=5, ge=1, le=20, description="passages retrieved per question")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=16, description="server processes (each loads the index and models)")
    max_in_flight: int = Field(
        default=100, ge=1, le=10_000, description="requests in progress per process before new ones get 503"
    )
    reload_interval: float = Field(
        default=1.0, ge=0, le=3600, description="seconds between checks for a new index to switch to (0: never)"
    )
    max_body_bytes: int = Field(default=1_048_576, ge=1024, description="largest request body accepted (413 beyond)")
    chunk_size: int = Field(default=DEFAULT_CHUNK_SIZE, ge=200, le=4000)
    chunk_overlap: int = Field(default=DEFAULT_CHUNK_OVERLAP, ge=0, le=1000)
    max_text_mb: int = Field(
        default=DEFAULT_MAX_TEXT_MB, ge=1, le=10_000, description="text files larger than this are refused at ingest"
    )
    reranker: Path | None = Field(
        default=None, description="directory of a local sentence-transformers CrossEncoder (optional second stage)"
    )
    multilingual: bool = Field(
        default=True, description="also index with multilingual-e5-small, so Korean questions find English passages"
    )
    api_key: SecretStr | None = Field(
        default=None, description="when set, /api/* (but health) and /v1/* need 'Authorization: Bearer <key>'"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="origins allowed to call the API from a browser, comma-separated; none by default",
    )
    llm_base_url: str | None = Field(
        default=None, description="an OpenAI-compatible server (e.g. http://127.0.0.1:8080/v1) that writes the answers"
    )
    llm_model: str | None = Field(default=None, description="the model name to ask that server for")
    llm_api_key: SecretStr | None = None
    llm_timeout: float = Field(default=30.0, gt=0, le=600, description="seconds before falling back to extractive")

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with ``overrides`` (command-line flags) on top. A bad value is one
    SettingsError naming the variable or flag, the value given and what is allowed, e.g.
    "PNI_K='abc' is not valid: use a whole number from 1 to 20"."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = [_describe(error, overrides) for error in exc.errors()]
        raise SettingsError("; ".join(problems)) from None


def _describe(error: Any, overrides: dict[str, Any]) -> str:
    name = str(error["loc"][0]) if error.get("loc") else ""
    field = Settings.model_fields.get(name)
    if field is None:
        return str(error.get("msg", "invalid setting"))
    where = f"--{name.replace('_', '-')}" if name in overrides else f"PNI_{name.upper()}"
    given = error.get("input")
    shown = "(hidden)" if field.annotation is not None and "SecretStr" in str(field.annotation) else repr(given)
    reason = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{where}={_short(shown)} is not valid ({reason}): use {_allowed(field)}"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _allowed(field: FieldInfo) -> str:
    """What a field accepts, in words, from its type and its ge/gt/le/lt bounds."""
    kinds = {int: "a whole number", float: "a number", bool: "true or false (1/0, yes/no, on/off)", Path: "a path"}
    types = [t for t in get_args(field.annotation) or (field.annotation,) if t is not type(None)]
    kind = kinds.get(types[0], "text") if len(types) == 1 else "text"
    bounds = {
        type(b).__name__: getattr(b, type(b).__name__.lower()) for b in field.metadata if type(b).__name__ in _BOUNDS
    }
    low = f"from {bounds['Ge']}" if "Ge" in bounds else f"above {bounds['Gt']}" if "Gt" in bounds else ""
    high = f"at most {bounds['Le']}" if "Le" in bounds else f"below {bounds['Lt']}" if "Lt" in bounds else ""
    if low.startswith("from"):
        high = high.replace("at most", "to")
        low = low if high else low.replace("from", "of at least")
    return " ".join(x for x in (kind, low, "and " + high if low.startswith("above") and high else high) if x)


def offline_mode() -> None:
    """Nothing may be fetched from a model hub: make the Hugging Face libraries fail fast instead."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
