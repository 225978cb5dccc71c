"""BM25 reads Korean words without their particles, as pairs of syllables: Korean writes particles onto words
("기조강연은", "기조강연을") and spaces compounds freely ("기조 강연", "기조강연"), so a Korean question and the
Korean page that answers it often shared no term, and only the multilingual vectors could find the page.
Text without Hangul is analysed exactly as before, and an index built before records no analyzer and is
looked up the way it was built."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.lexical import ANALYZER, BM25Retriever, search_terms, stem_terms
from ingest.types import Chunk

PAGE = (
    "한국형사·법무정책연구원은 2023년 6월 서울에서 국제학술회의를 개최하였다. 기조강연은 김민수 교수가 맡았으며, "
    "참가자들은 보호관찰 제도의 개선 방안을 논의하였다."
)
OTHER = "연구원은 2022년 보고서에서 청소년 범죄 통계를 발표하였다."
ENGLISH = "The Institute held an international conference in Seoul in June 2023 on probation."


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(f"c{i}", f"d{i}", "t", text, 0, len(text))


def test_korean_words_share_terms_whatever_their_particles_and_spacing() -> None:
    page = set(search_terms(PAGE))
    assert set(search_terms("기조 강연")) <= page  # spaced in the question, one word on the page
    assert set(search_terms("국제학술회의에서")) <= page  # "에서" on one side, "를" on the other
    assert not set(search_terms("기조강연")) & set(search_terms(OTHER))


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH,
        "¿Qué hizo el ILANUD en 2021 con la justicia restaurativa?",
        "Le Centre a publié 23 rapports — FY2019/20, 1 062 professionnels.",
        "",
    ],
)
def test_text_without_hangul_is_analysed_as_before(text: str) -> None:
    assert search_terms(text) == stem_terms(text)


def test_bm25_finds_the_korean_page_for_a_question_with_other_particles(tmp_path: Path) -> None:
    chunks = [_chunk(0, ENGLISH), _chunk(1, PAGE), _chunk(2, OTHER)]
    retriever = BM25Retriever.build(chunks, [c.text for c in chunks])
    question = "국제학술회의에서 기조 강연을 한 사람은 누구야?"
    assert [hit.chunk.chunk_id for hit in retriever.search(question, 1)] == ["c1"]
    retriever.save(tmp_path)
    loaded = BM25Retriever.load(tmp_path, chunks)
    assert loaded.analyzer == ANALYZER
    assert [hit.chunk.chunk_id for hit in loaded.search(question, 1)] == ["c1"]


def test_an_index_built_before_is_looked_up_as_it_was_built(tmp_path: Path) -> None:
    # Written before indexes named their analyzer: its Korean terms are whole words, particles and all, so a
    # question is read the same way (pair terms would find nothing) until the next ingest rebuilds it.
    chunks = [_chunk(0, ENGLISH), _chunk(1, PAGE)]
    BM25Retriever.build(chunks, [c.text for c in chunks], analyzer="").save(tmp_path)
    for named in tmp_path.glob("analyzer*"):
        named.unlink()
    loaded = BM25Retriever.load(tmp_path, chunks)
    assert loaded.analyzer == ""
    assert loaded.scores("기조강연은 누가")[1] > 0  # the page's word as it is written there
