"""A BERT encoder with mean pooling in plain torch, for models laid out as the bundled all-MiniLM-L6-v2 is
(``model.safetensors`` + ``tokenizer.json``, absolute positions, GELU): the vectors transformers' BertModel gives
(tests/index compare them), without importing transformers, which cost about a second of every `pni serve`
start-up. Anything else about the model (another architecture, other files) is a ValueError, and the
embedder falls back to transformers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["BertEncoder"]


class BertEncoder:
    def __init__(self, path: Path, max_length: int) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        supported = (
            config.get("model_type") == "bert"
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and (path / "model.safetensors").is_file()
            and (path / "tokenizer.json").is_file()
        )
        if not supported:
            raise ValueError(f"{path} is not a BERT model this encoder reads (needs model.safetensors, tokenizer.json)")
        torch.set_grad_enabled(False)
        self.torch = torch
        self.weights: dict[str, Any] = load_file(str(path / "model.safetensors"))
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.dimension = int(config["hidden_size"])
        self.max_length = min(max_length, int(config.get("max_position_embeddings", 512)))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        # tokenizer.json carries the settings it was saved with; transformers overrides them per call, so do we.
        self.tokenizer.enable_truncation(self.max_length)
        self.tokenizer.enable_padding(pad_id=int(config.get("pad_token_id", 0)), pad_token="[PAD]")
        self.module = None  # no torch module to quantize: the benchmarks' int8 route needs the transformers path

    def _w(self, name: str) -> Any:
        return self.weights[name]

    def _norm(self, x: Any, prefix: str) -> Any:
        return self.torch.nn.functional.layer_norm(
            x, (self.dimension,), self._w(f"{prefix}.weight"), self._w(f"{prefix}.bias"), self.eps
        )

    def _linear(self, x: Any, prefix: str) -> Any:
        return self.torch.nn.functional.linear(x, self._w(f"{prefix}.weight"), self._w(f"{prefix}.bias"))

    def encode(self, texts: list[str]) -> np.ndarray:
        torch, functional = self.torch, self.torch.nn.functional
        encodings = self.tokenizer.encode_batch(texts)
        ids = torch.tensor([e.ids for e in encodings], dtype=torch.long)
        types = torch.tensor([e.type_ids for e in encodings], dtype=torch.long)
        mask = torch.tensor([e.attention_mask for e in encodings], dtype=torch.float32)
        batch, length = ids.shape
        with torch.inference_mode():
            x = (
                self._w("embeddings.word_embeddings.weight")[ids]
                + self._w("embeddings.position_embeddings.weight")[:length].unsqueeze(0)
                + self._w("embeddings.token_type_embeddings.weight")[types]
            )
            x = self._norm(x, "embeddings.LayerNorm")
            blocked = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min
            head = self.dimension // self.heads
            for i in range(self.layers):
                p = f"encoder.layer.{i}"

                def split(t: Any) -> Any:
                    return t.view(batch, length, self.heads, head).transpose(1, 2)

                q, k, v = (split(self._linear(x, f"{p}.attention.self.{n}")) for n in ("query", "key", "value"))
                context = functional.scaled_dot_product_attention(q, k, v, attn_mask=blocked)
                context = context.transpose(1, 2).reshape(batch, length, self.dimension)
                x = self._norm(
                    self._linear(context, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm"
                )
                inner = functional.gelu(self._linear(x, f"{p}.intermediate.dense"))
                x = self._norm(self._linear(inner, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
            weights = mask.unsqueeze(-1)
            pooled = (x * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return functional.normalize(pooled, dim=1).numpy().astype(np.float32)
