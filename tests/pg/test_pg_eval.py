"""The eval suite on the PostgreSQL backend: the same gold questions, the same vectors (the session's file
index copied into the database), scores within 1 point of the file backend's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api.answer import Assistant
from eval.gold import load_gold
from eval.run import evaluate
from eval.systems import AssistantSystem, TopChunkSystem
from index.embed import E5Embedder
from index.pg_build import copy_store
from index.pg_store import load_database

pytestmark = pytest.mark.model

METRICS = ("hit@1", "hit@5", "mrr@10", "answer_accuracy", "abstention_recall", "false_abstention", "citation_support")


def test_gold_scores_match_the_file_backend_within_one_point(
    assistant: Assistant, real_embedder: Any, database_url: str, corpus_index_dir: Path
) -> None:
    copy_store(assistant.store, database_url)  # type: ignore[arg-type]
    store = load_database(database_url, lambda _: real_embedder, real_embedder.name, E5Embedder)
    try:
        on_pg = Assistant(store)
        items = load_gold()
        files = assistant.store
        systems_files = [
            AssistantSystem(assistant),
            TopChunkSystem("dense", files.dense.search, 5),
            TopChunkSystem("bm25", files.bm25.search, 5),
        ]
        systems_pg = [
            AssistantSystem(on_pg),
            TopChunkSystem("dense", store.dense.search, 5),
            TopChunkSystem("bm25", store.bm25.search, 5),
        ]
        for files_run, pg_run in zip(evaluate(systems_files, items), evaluate(systems_pg, items), strict=True):
            for lang in ("en", "ko"):
                files_scores, pg_scores = files_run.metrics(lang=lang), pg_run.metrics(lang=lang)
                for metric in METRICS:
                    gap = abs(files_scores[metric] - pg_scores[metric])
                    assert gap <= 0.01, (
                        f"{files_run.system} {lang} {metric}: files {files_scores[metric]:.3f}, "
                        f"PostgreSQL {pg_scores[metric]:.3f}"
                    )
    finally:
        store.close()
