"""Settings, read from the environment (prefix PNI_) only at the edges: the CLI and the app factory."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.embed import DEFAULT_MODEL
from ingest.split import DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE


class Settings(BaseSettings):
    """Every field is read from PNI_<NAME>: PNI_INDEX_DIR, PNI_MODEL, PNI_RERANKER, PNI_MULTILINGUAL, ..."""

    model_config = SettingsConfigDict(env_prefix="PNI_", extra="ignore")

    index_dir: Path = Path("data/index")
    model: str = Field(
        default=DEFAULT_MODEL, description="bundled model name or path of a local sentence-transformers model"
    )
    k: int = Field(default=5, ge=1, le=20, description="passages retrieved per question")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    chunk_size: int = Field(default=DEFAULT_CHUNK_SIZE, ge=200, le=4000)
    chunk_overlap: int = Field(default=DEFAULT_CHUNK_OVERLAP, ge=0, le=1000)
    reranker: Path | None = Field(
        default=None, description="directory of a local sentence-transformers CrossEncoder (optional second stage)"
    )
    multilingual: bool = Field(
        default=True, description="also index with multilingual-e5-small, so Korean questions find English passages"
    )


def offline_mode() -> None:
    """Nothing may be fetched from a model hub: make the Hugging Face libraries fail fast instead."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
