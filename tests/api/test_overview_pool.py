"""An overview over thousands of items weighs at most ITEM_POOL of them: those in the passages retrieval ranked
for the question first, then document order; the order it lists them in stays the documents'. Blocks that state
nothing (a title line) are passed over and do not take a place in the pool."""

from __future__ import annotations

from pathlib import Path

from api.overview import ITEM_POOL, _Block, _pool
from eval.synthetic import write_collection
from index.store import load_index
from tests.fakes import HashEmbedder


def test_the_pool_keeps_retrieved_items_then_document_order(tmp_path: Path) -> None:
    write_collection(tmp_path / "three", 300, multilingual=False, say=lambda _: None)
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    store = load_index(tmp_path / "three", lambda _: embedder, embedder.name)
    blocks = [_Block(store.by_doc_id[c.doc_id], c.text, c.start, False) for c in store.chunks]
    items = [(block.doc, block.text, block.offset) for block in blocks]
    assert len(items) == 300 > ITEM_POOL
    retrieved = {store.chunks[250].chunk_id: 0.9, store.chunks[120].chunk_id: 0.4}
    pool = _pool(blocks, retrieved, store)
    assert len(pool) == ITEM_POOL
    assert items[250] in pool and items[120] in pool
    assert pool == [it for it in items if it in pool]  # the documents' order
    assert pool[: ITEM_POOL - 2] == items[: ITEM_POOL - 2]  # the rest: document order from the start
    assert _pool(blocks[:50], retrieved, store) == items[:50]  # few items: all of them, untouched


def test_blocks_that_state_nothing_take_no_place_in_the_pool(tmp_path: Path) -> None:
    write_collection(tmp_path / "three", 300, multilingual=False, say=lambda _: None)
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    store = load_index(tmp_path / "three", lambda _: embedder, embedder.name)
    doc = store.by_doc_id[store.chunks[0].doc_id]
    titles = [_Block(doc, "Annual Report 2019", -1 - i, False) for i in range(10)]
    blocks = titles + [_Block(store.by_doc_id[c.doc_id], c.text, c.start, False) for c in store.chunks]
    pool = _pool(blocks, {}, store)
    assert len(pool) == ITEM_POOL
    assert all(text != "Annual Report 2019" for _, text, _ in pool)
    assert pool == [(b.doc, b.text, b.offset) for b in blocks[10 : 10 + ITEM_POOL]]
    assert _pool(titles, {}, store) == []
