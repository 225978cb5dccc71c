"""Routes to faster encoding that keep the same model, each measured for speed and for what it does to
the eval: the corpus is indexed with the route's encoder and the English gold questions are asked.

A route is adopted only if its scores stay within 1 point of fp32 (issue 7); the table says which.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.build import update_index
from index.embed import SentenceTransformerEmbedder
from index.store import index_text, load_index

__all__ = ["RouteRow", "ROUTES", "measure_routes", "routes_table"]


@dataclass(frozen=True)
class RouteRow:
    route: str
    chunks_per_s: float
    speedup: float
    scores: dict[str, float]


def _fp32(batch: int) -> Callable[[], SentenceTransformerEmbedder]:
    return lambda: SentenceTransformerEmbedder(batch_size=batch)


def _int8() -> SentenceTransformerEmbedder:
    """Dynamic int8 quantization of the linear layers (torch, CPU: AVX-512 VNNI where present)."""
    import torch

    embedder = SentenceTransformerEmbedder(engine="transformers")
    embedder.torch_module = torch.ao.quantization.quantize_dynamic(
        embedder.torch_module, {torch.nn.Linear}, dtype=torch.qint8
    )
    return embedder


def _threads(n: int) -> Callable[[], SentenceTransformerEmbedder]:
    def make() -> SentenceTransformerEmbedder:
        import torch

        torch.set_num_threads(n)
        return SentenceTransformerEmbedder()

    return make


class _OnnxEncoder:
    """The same transformer exported to ONNX and run by ONNX Runtime (fp32, or int8 weights)."""

    def __init__(self, embedder: SentenceTransformerEmbedder, int8: bool, workdir: Path) -> None:
        import onnxruntime as ort
        import torch

        inner = embedder._encoder
        self.tokenizer = inner.tokenizer  # type: ignore[attr-defined]
        self.max_length = inner.max_length  # type: ignore[attr-defined]
        self.dimension = embedder.dimension
        self.module = inner.module
        sample = self.tokenizer(["a b", "c"], padding=True, return_tensors="pt")
        names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample]
        model = workdir / "model.onnx"

        class Hidden(torch.nn.Module):
            def __init__(self, module: torch.nn.Module) -> None:
                super().__init__()
                self.module = module

            def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
                return self.module(**dict(zip(names, inputs, strict=True))).last_hidden_state

        axes = {k: {0: "batch", 1: "tokens"} for k in [*names, "hidden"]}
        torch.onnx.export(
            Hidden(inner.module),
            tuple(sample[k] for k in names),
            str(model),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
        if int8:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(model), str(workdir / "model-int8.onnx"), weight_type=QuantType.QInt8)
            model = workdir / "model-int8.onnx"
        options = ort.SessionOptions()
        options.intra_op_num_threads = torch.get_num_threads()
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.names = names

    def encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(texts, padding=True, truncation=True, max_length=self.max_length, return_tensors="np")
        hidden = self.session.run(None, {k: batch[k].astype(np.int64) for k in self.names})[0]
        mask = batch["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(1) / np.maximum(mask.sum(1), 1e-9)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def _onnx(int8: bool) -> Callable[[], SentenceTransformerEmbedder]:
    def make() -> SentenceTransformerEmbedder:
        embedder = SentenceTransformerEmbedder(engine="transformers")
        workdir = Path(tempfile.mkdtemp(prefix="pni-onnx-"))
        embedder._encoder = _OnnxEncoder(embedder, int8, workdir)  # type: ignore[assignment]
        return embedder

    return make


def _has_onnx() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("onnx", "onnxruntime"))


ROUTES: dict[str, Callable[[], SentenceTransformerEmbedder]] = {
    "fp32, batches of 32 by length (default)": _fp32(32),
    "fp32, batches of 64 by length": _fp32(64),
    "fp32, 1 torch thread": _threads(1),
    "int8 dynamic quantization (torch)": _int8,
}
if _has_onnx():  # the `bench` extra: pip install -e '.[bench]'
    ROUTES["ONNX Runtime, fp32"] = _onnx(int8=False)
    ROUTES["ONNX Runtime, int8 weights"] = _onnx(int8=True)


def _same(embedder: SentenceTransformerEmbedder) -> Callable[[str], SentenceTransformerEmbedder]:
    return lambda _: embedder


def measure_routes(corpus: Path, routes: dict[str, Callable[[], SentenceTransformerEmbedder]]) -> list[RouteRow]:
    """Encode the corpus's chunks (3 passes, best kept) and score the English gold questions per route."""
    import torch

    from api.answer import Assistant

    from .gold import load_gold
    from .run import evaluate
    from .systems import AssistantSystem

    items = [i for i in load_gold() if i.lang == "en"]
    threads = torch.get_num_threads()
    rows: list[RouteRow] = []
    for name, make in routes.items():
        embedder = make()
        with tempfile.TemporaryDirectory() as tmp:
            update_index(Path(tmp) / "index", [corpus], embedder)
            store = load_index(Path(tmp) / "index", _same(embedder), embedder.name)
            texts = [index_text(c) for c in store.chunks]
            embedder.embed_documents(texts[:8])
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                embedder.embed_documents(texts)
                best = min(best, time.perf_counter() - started)
            run = evaluate([AssistantSystem(Assistant(store))], items)[0]
            m = run.metrics()
        torch.set_num_threads(threads)
        speed = len(texts) / best
        base = rows[0].chunks_per_s if rows else speed
        scores = {k: m[k] for k in ("hit@1", "hit@5", "answer_accuracy", "abstention_recall")}
        rows.append(RouteRow(name, speed, speed / base, scores))
    return rows


def routes_table(rows: list[RouteRow]) -> str:
    head = "| route | chunks/s | × fp32 | hit@1 | hit@5 | accuracy | abstention recall | within 1 point of fp32 |"
    lines = [head, "|---|---|---|---|---|---|---|---|"]
    base = rows[0].scores if rows else {}
    for r in rows:
        close = all(abs(r.scores[k] - base[k]) <= 0.01 + 1e-9 for k in base)
        lines.append(
            f"| {r.route} | {r.chunks_per_s:.1f} | {r.speedup:.2f} | {r.scores['hit@1']:.3f} | "
            f"{r.scores['hit@5']:.3f} | {r.scores['answer_accuracy']:.3f} | {r.scores['abstention_recall']:.3f} | "
            f"{'yes' if close else 'no'} |"
        )
    return "\n".join(lines)
