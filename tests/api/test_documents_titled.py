"""Reports named by their title are found through an index of title words, not by reading every title: it finds
exactly the documents the rule (``names_title``) names, for any words a question says."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.documents import Documents, names_title
from api.passages import Passages
from api.terms import words
from eval.synthetic import write_collection
from index.store import IndexStore, load_index
from tests.fakes import HashEmbedder


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> IndexStore:
    directory = tmp_path_factory.mktemp("titled") / "index"
    write_collection(directory, 2000, multilingual=False, say=lambda _: None)
    embedder = HashEmbedder("all-MiniLM-L6-v2", dimension=384)
    return load_index(directory, lambda _: embedder, embedder.name)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_title_index_finds_what_the_rule_names(store: IndexStore, data: st.DataObject) -> None:
    vocabulary = sorted({w for doc in store.documents for w in words(doc.title)} | {"budget", "prison"})
    # Most of one title's words (as a question naming it says them) and words of others.
    title = sorted(words(data.draw(st.sampled_from(store.documents)).title))
    said = set(data.draw(st.lists(st.sampled_from(title), max_size=len(title))))
    said |= set(data.draw(st.lists(st.sampled_from(vocabulary), max_size=6)))
    documents = Documents(store, Passages(store))
    expected = [doc for doc in store.documents if names_title(said, frozenset(words(doc.title)))]
    found = [doc for doc in documents._titled(said) if names_title(said, documents._title_words(doc))]
    assert found == expected
