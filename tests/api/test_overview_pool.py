"""An overview over thousands of items weighs at most ITEM_POOL of them: those in the passages retrieval ranked
for the question first, then document order; the order it lists them in stays the documents'."""

from __future__ import annotations

from pathlib import Path

from api.overview import ITEM_POOL, _pool
from eval.synthetic import write_collection
from index.store import load_index
from tests.fakes import HashEmbedder


def test_the_pool_keeps_retrieved_items_then_document_order(tmp_path: Path) -> None:
    write_collection(tmp_path / "three", 300, multilingual=False, say=lambda _: None)
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    store = load_index(tmp_path / "three", lambda _: embedder, embedder.name)
    items = [(store.by_doc_id[c.doc_id], c.text, c.start) for c in store.chunks]
    assert len(items) == 300 > ITEM_POOL
    retrieved = {store.chunks[250].chunk_id: 0.9, store.chunks[120].chunk_id: 0.4}
    pool = _pool(items, retrieved, store)
    assert len(pool) == ITEM_POOL
    assert items[250] in pool and items[120] in pool
    assert pool == [it for it in items if it in pool]  # the documents' order
    assert pool[: ITEM_POOL - 2] == items[: ITEM_POOL - 2]  # the rest: document order from the start
    assert _pool(items[:50], retrieved, store) == items[:50]  # few items: all of them, untouched
