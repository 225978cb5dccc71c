"""The plain-torch BERT gives the vectors transformers gives, for the bundled model, at any batch and length."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.bert import BertEncoder
from index.embed import SentenceTransformerEmbedder, _MeanPoolEncoder, resolve_model_path
from tests.conftest import ROOT

pytestmark = pytest.mark.model


def test_plain_torch_bert_equals_transformers() -> None:
    path = resolve_model_path("all-MiniLM-L6-v2")
    reference, ours = _MeanPoolEncoder(path), BertEncoder(path, 256)
    reports = sorted((ROOT / "corpus").glob("*.txt"))
    paragraphs = [p for f in reports for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) > 40
    texts = paragraphs[:40] + ["What did HEUNI do in 2020?", "한국형사법무정책연구원", "a", "word " * 600]
    for size in (1, 7, 32):  # padding differs with the batch: the masked positions must not count
        for start in range(0, len(texts), size):
            batch = texts[start : start + size]
            assert np.abs(reference.encode(batch) - ours.encode(batch)).max() < 1e-5


def test_the_default_embedder_runs_without_transformers_and_the_benchmarks_can_ask_for_it() -> None:
    assert isinstance(SentenceTransformerEmbedder()._encoder, BertEncoder)
    assert isinstance(SentenceTransformerEmbedder(engine="transformers")._encoder, _MeanPoolEncoder)


def test_a_model_it_cannot_read_is_a_value_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"model_type": "roberta", "hidden_act": "gelu"}')
    with pytest.raises(ValueError, match="not a BERT model"):
        BertEncoder(tmp_path, 256)
