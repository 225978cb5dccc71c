"""The benchmark's synthetic collections are real indexes: they load, their sentence vectors line up with the
sentences the answer layer splits, their metadata spreads over institutes and years, and questions on them
are answered."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from eval.synthetic import CHUNKS_PER_DOCUMENT, INSTITUTES, questions, write_collection
from index.store import load_index
from ingest.sentences import split_sentences
from tests.fakes import HashEmbedder


def test_a_synthetic_collection_loads_as_an_index_and_lines_up(tmp_path: Path) -> None:
    manifest = write_collection(tmp_path / "synthetic", 450, multilingual=True, say=lambda _: None)
    assert manifest.chunks == 450 and manifest.documents == 5 and manifest.multilingual_model
    # The main model's name is what a server expects; the fake embedder stands in for it here.
    embedder = HashEmbedder(manifest.model, dimension=manifest.dimension)
    store = load_index(tmp_path / "synthetic", lambda _: embedder, manifest.model)
    assert len(store.chunks) == 450 and len(store.chunks_of(store.documents[0].doc_id)) == CHUNKS_PER_DOCUMENT
    for row, chunk in enumerate(store.chunks):
        doc = store.by_doc_id[chunk.doc_id]
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert len(store.sentences.of_chunk(row)) == len(split_sentences(chunk.text))
    assert {c.org for c in store.chunks} == {key for key, _ in INSTITUTES[:5]}
    vectors = store.sentences.of_chunk(0)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-2)
    assert store.lexicon.chunks == 450


def test_questions_name_an_institute_and_a_year_or_neither() -> None:
    named, plain = questions(8, named=True), questions(8, named=False)
    assert len(set(named)) == 8 and len(set(plain)) == 8
    assert all(any(str(year) in q for year in range(2008, 2023)) for q in named)
    assert not any(any(str(year) in q for year in range(2008, 2023)) for q in plain)
