"""A server builds, while it loads, what a question would otherwise build on first use (the language identifier,
a decompressed model), so that the first question is no slower than later ones; a question asked before that is
done waits for it rather than building it again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from index import query

pytestmark = pytest.mark.model


def test_loading_the_assistant_builds_the_language_identifier_without_a_question(corpus_index_dir: Path) -> None:
    from api.app import load_assistant
    from api.settings import Settings

    query._built_identifier.cache_clear()
    load_assistant(Settings(index_dir=corpus_index_dir))
    for thread in threading.enumerate():
        if thread.name == "prepare-questions":
            thread.join(timeout=60)
    assert query._built_identifier.cache_info().currsize == 1


def test_a_question_asked_while_it_is_built_waits_for_that_one() -> None:
    query._built_identifier.cache_clear()
    built = []
    threads = [threading.Thread(target=lambda: built.append(query._identifier())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(built) == 4 and all(identifier is built[0] for identifier in built)
    assert query._built_identifier.cache_info().misses == 1
