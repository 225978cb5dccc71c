"""The collection's words counted at ingest: the same tokens as bm25s, the same counts as a pass over the chunks,
kept in the index so that loading it reads them instead of counting again."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import bm25s
import pytest

from index.build import update_index
from index.lexical import _STEMMER, document_frequencies, stem_terms
from index.lexicon import Lexicon
from index.spelling import WORD, Speller, spelled_out
from index.store import load_index
from tests.fakes import HashEmbedder

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _corpus_paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir()) if p.suffix in {".md", ".txt"}]
    return [para for text in texts for para in text.split("\n\n") if para.strip()]


@pytest.mark.parametrize("stopwords", ["en", "en_plus"])
def test_stem_terms_are_bm25s_tokens(stopwords: str) -> None:
    paragraphs = _corpus_paragraphs() + ["Ünïcode wörds, Korean 한국어 and 2020-21 (FY2019/20) e-mail", ""]
    for text in paragraphs:
        expected = bm25s.tokenize(text, stopwords=stopwords, stemmer=_STEMMER, return_ids=False, show_progress=False)
        assert stem_terms(text, stopwords) == list(expected[0]), text


def test_document_frequencies_count_each_text_once() -> None:
    texts = ["The Institute trained judges. Judges trained.", "Judges met", "Nothing here"]
    df = document_frequencies(texts, stopwords="en_plus")
    assert df["judg"] == 2 and df["train"] == 1 and df["noth"] == 1 and "the" not in df


def test_lexicon_counts_as_a_pass_over_the_texts_would() -> None:
    texts = _corpus_paragraphs()
    lexicon = Lexicon.of(texts)
    assert lexicon.chunks == len(texts)
    assert lexicon.words == Counter(w.lower() for t in texts for w in WORD.findall(t))
    assert lexicon.initials == frozenset(i for t in texts for i in spelled_out(t))
    heuni = sum("heuni" in stem_terms(t, "en_plus") for t in texts)
    assert lexicon.stems["heuni"] == heuni > 1
    assert lexicon.frequency(["heuni", "no-such-stem"]) == heuni
    assert lexicon.frequency(["heuni"] * (len(texts) + 1)) == len(texts)  # a sum, never above the chunks


def test_the_index_keeps_its_lexicon_and_the_speller_reads_it(tmp_path: Path, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    update_index(tmp_path / "index", [corpus_copy], embedder)
    assert (tmp_path / "index" / "lexicon.json").is_file()
    store = load_index(tmp_path / "index", lambda _: embedder, embedder.name)
    assert store.lexicon == Lexicon.of([c.text for c in store.chunks])
    speller = Speller.of_words(store.lexicon.words, store.lexicon.initials)
    by_texts = Speller([c.text for c in store.chunks])
    for question in ["what did the Raul Walenberg institute do in Kenia", "HEUNI's anual report", "FLOW projct"]:
        assert speller.correct(question) == by_texts.correct(question)
    assert speller.in_collection("FLOW") and not speller.in_collection("Zanzibarian")


def test_an_index_from_before_the_lexicon_gets_one_on_the_next_ingest_without_embedding(
    tmp_path: Path, corpus_copy: Path
) -> None:
    embedder = HashEmbedder()
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], embedder)
    manifest = json.loads((index_dir / "manifest.json").read_text())
    for key in ("files", "sizes"):
        del manifest[key]["lexicon.json"]
    (index_dir / "manifest.json").write_text(json.dumps(manifest))
    (index_dir / "lexicon.json").unlink()
    old = load_index(index_dir, lambda _: embedder, embedder.name)  # still loads: counted at load instead
    calls = embedder.calls
    report = update_index(index_dir, [corpus_copy], embedder)
    assert report.written and embedder.calls == calls and (index_dir / "lexicon.json").is_file()
    assert load_index(index_dir, lambda _: embedder, embedder.name).lexicon == old.lexicon


def test_a_lexicon_counted_by_older_code_is_counted_again(tmp_path: Path, corpus_copy: Path) -> None:
    import hashlib

    embedder = HashEmbedder()
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], embedder)
    path = index_dir / "lexicon.json"
    stale = json.loads(path.read_text())
    stale["version"], stale["initials"] = "older-code", []  # as if acronyms had been counted otherwise
    path.write_text(json.dumps(stale))
    manifest = json.loads((index_dir / "manifest.json").read_text())
    manifest["files"]["lexicon.json"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest["sizes"]["lexicon.json"] = path.stat().st_size
    (index_dir / "manifest.json").write_text(json.dumps(manifest))
    store = load_index(index_dir, lambda _: embedder, embedder.name)
    assert store.lexicon == Lexicon.of([c.text for c in store.chunks])  # not the stale one: counted at load
    calls = embedder.calls
    report = update_index(index_dir, [corpus_copy], embedder)
    assert report.written and embedder.calls == calls and json.loads(path.read_text())["version"] != "older-code"


def test_initials_may_skip_in_between_capitalised_words() -> None:
    # "Drug Use Monitoring in Australia" is DUMA: the reports' readers ask by it.
    assert "duma" in spelled_out("The Drug Use Monitoring in Australia program interviewed 2,815 detainees.")


def test_the_answer_layer_finds_an_accented_word_counted_whichever_way_it_is_typed() -> None:
    from api.terms import words

    lexicon = Lexicon.of(["La capacitación fue útil.", "La capacitación terminó.", "Sin acentos: capacitacion."])
    assert lexicon.frequency(words("capacitación")) == lexicon.frequency(words("capacitacion")) == 3


def test_the_lexicons_version_follows_how_words_are_counted_not_the_rest_of_their_module() -> None:
    """A lexicon counted by older code is counted again at load, a pass over every chunk (minutes at a million):
    a change to how a search picks its best rows, in the same module as the tokenizer, counts no word
    differently and must not cost that."""
    import inspect

    from index import lexical
    from index.lexicon import counting_source

    source = counting_source()
    for counts in (lexical.stem_terms, lexical.without_accents, lexical.document_frequencies, lexical._tokenize):
        assert inspect.getsource(counts) in source
    assert lexical._TOKEN.pattern in source
    assert inspect.getsource(lexical._best_rows) not in source
    assert inspect.getsource(lexical.BM25Retriever.top) not in source
