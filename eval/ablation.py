"""Ablations: the assistant with one component switched off at a time, on the same questions.

Shows what each part of retrieval and answering is worth, and how the fusion weights were chosen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from api.answer import Assistant
from index.hybrid import FusionWeights, HybridRetriever
from index.query import analyze_query
from index.store import IndexStore, build_store, index_text

from .gold import GoldItem
from .run import Run, evaluate
from .systems import AssistantSystem

__all__ = ["ABLATIONS", "ablate", "ablation_table"]


def _without_structural_path(store: IndexStore) -> IndexStore:
    """The same chunks indexed without their "report › year › institute › section" prefix."""
    chunks = [dataclasses.replace(c, context="") for c in store.chunks]
    vectors = store.embedder.embed_documents([index_text(c) for c in chunks])
    blocks = store.sentences.blocks(range(len(chunks)))
    return build_store(store.documents, chunks, vectors, blocks, store.embedder)


def _weights(**changes: Any) -> Callable[[IndexStore], Assistant]:
    return lambda store: Assistant(store, HybridRetriever(store, dataclasses.replace(FusionWeights(), **changes)))


ABLATIONS: dict[str, Callable[[IndexStore], Assistant]] = {
    "full assistant": lambda store: Assistant(store),
    "no hybrid: dense only": _weights(lexical=0.0),
    "no hybrid: BM25 only": _weights(dense=0.0),
    "fusion weights dense 2 : BM25 1": _weights(dense=2.0),
    "fusion weights dense 1 : BM25 2": _weights(lexical=2.0),
    "no structure-aware boosts (institute, year)": _weights(org_section=0.0, org_mention=0.0, year=0.0),
    "no institute/acronym resolution": lambda store: Assistant(
        store,
        analyze=lambda q: dataclasses.replace(HybridRetriever(store).analyze(q), orgs=(), summary=False),
    ),
    "no year handling": lambda store: Assistant(
        store,
        analyze=lambda q: dataclasses.replace(HybridRetriever(store).analyze(q), years=()),
    ),
    "no acronyms mined from the corpus": lambda store: Assistant(store, analyze=analyze_query),
    "no structural path in chunks": lambda store: Assistant(_without_structural_path(store)),
}


def ablate(store: IndexStore, items: Sequence[GoldItem], k: int = 5) -> list[Run]:
    """One run per ablation, named after it."""
    runs = []
    for name, make in ABLATIONS.items():
        run = evaluate([AssistantSystem(make(store), k)], items)[0]
        runs.append(dataclasses.replace(run, system=name))
    return runs


def ablation_table(runs: Sequence[Run]) -> str:
    """Markdown: each variant's metrics and its change in accuracy and hit@1 against the full assistant."""
    columns = ("hit@1", "hit@5", "mrr@10", "answer_accuracy", "abstention_recall", "false_abstention")
    base = runs[0].metrics()
    lines = ["| variant | " + " | ".join(columns) + " | Δ accuracy | Δ hit@1 |", "|---" * (len(columns) + 3) + "|"]
    for run in runs:
        m = run.metrics()
        cells = " | ".join(f"{m[c]:.3f}" for c in columns)
        delta = f"{m['answer_accuracy'] - base['answer_accuracy']:+.3f} | {m['hit@1'] - base['hit@1']:+.3f}"
        lines.append(f"| {run.system} | {cells} | {delta} |")
    return "\n".join(lines)
