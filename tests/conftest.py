"""Shared fixtures: no network, offline model hub, a real-model index of the corpus built once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PNI = Path(sys.executable).with_name("pni")

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"tests may not reach the network (tried {host})")
    return _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's index or PNI_* settings by accident."""
    for key in list(os.environ):
        if key.startswith("PNI_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("PNI_INDEX_DIR", str(tmp_path / "index"))


@pytest.fixture(scope="session")
def real_embedder():  # type: ignore[no-untyped-def]
    from index.embed import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> Path:  # type: ignore[no-untyped-def]
    """The real corpus indexed with the real bundled model, once per test session."""
    from index.build import update_index
    from index.embed import E5Embedder

    index_dir = tmp_path_factory.mktemp("corpus") / "index"
    update_index(index_dir, [CORPUS], real_embedder, multilingual=E5Embedder())
    return index_dir


@pytest.fixture(scope="session")
def assistant(corpus_index_dir: Path, real_embedder):  # type: ignore[no-untyped-def]
    from api.answer import Assistant
    from index.embed import E5Embedder
    from index.store import load_index

    return Assistant(load_index(corpus_index_dir, lambda _: real_embedder, real_embedder.name, E5Embedder))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    index_dir: Path, log: Path, env_extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """`pni serve` in a real uvicorn on 127.0.0.1 (with PNI_* settings from ``env_extra`` only); returns
    once it accepts connections."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PNI_")} | (env_extra or {})
    with open(log, "wb") as handle:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            [str(PNI), "serve", "--host", "127.0.0.1", "--port", str(port), "--index-dir", str(index_dir)],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pni serve exited early:\n{log.read_text()}")
        try:
            httpx.get(url + "/docs", timeout=1)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"pni serve did not start:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server_url(corpus_index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("server") / "serve.log"
    proc, url = start_server(corpus_index_dir, log)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
