"""The index on disk: round trip, clear errors, incremental updates, the old index survives failures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from index.build import embed_chunks, update_index
from index.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from index.store import load_index, read_manifest
from ingest.sentences import split_sentences
from ingest.types import Chunk
from tests.fakes import HashEmbedder


def _load(index_dir: Path, embedder: HashEmbedder):  # type: ignore[no-untyped-def]
    return load_index(index_dir, lambda _: embedder, embedder.name)


def test_round_trip_keeps_documents_chunks_and_vectors(tmp_path: Path, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    report = update_index(tmp_path / "index", [corpus_copy], embedder)
    assert report.written and report.documents == 2 and report.chunks > 50
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text())
    assert manifest["model"] == "fake-hash" and manifest["dimension"] == 64
    assert manifest["chunks"] == report.chunks and manifest["format_version"] == 2
    store = _load(tmp_path / "index", embedder)
    assert len(store.chunks) == report.chunks and store.years == [2020, 2023]
    row = next(i for i, c in enumerate(store.chunks) if "FLOW project" in c.text)
    stored = store.dense.index.reconstruct(row)
    from index.store import index_text

    assert np.allclose(stored, embedder.embed_query(index_text(store.chunks[row])))
    sentences = split_sentences(store.chunks[row].text)
    assert len(store.sentences.of_chunk(row)) == len(sentences) > 1
    # Stored as float16 and memory-mapped: within float16's rounding of the vector, handed out as float32.
    assert isinstance(store.sentences.vectors, np.memmap) and store.sentences.vectors.dtype == np.float16
    last = store.sentences.of_chunk(row)[-1]
    assert last.dtype == np.float32 and np.allclose(last, embedder.embed_query(sentences[-1]), atol=1e-3)


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match=r"run `pni ingest corpus/`"):
        read_manifest(tmp_path / "nothing")


def test_other_model_is_a_clear_error_not_wrong_answers(tmp_path: Path, corpus_copy: Path) -> None:
    update_index(tmp_path / "index", [corpus_copy], HashEmbedder())
    with pytest.raises(IndexMismatchError, match="built with model 'fake-hash'.*configured model is 'other'"):
        load_index(tmp_path / "index", lambda _: HashEmbedder("other"), "other")


def test_damaged_file_is_detected_by_checksum(tmp_path: Path, corpus_copy: Path) -> None:
    update_index(tmp_path / "index", [corpus_copy], HashEmbedder())
    chunks = tmp_path / "index" / "chunks.jsonl"
    chunks.write_text(chunks.read_text().replace("FLOW", "FLAW"))
    with pytest.raises(IndexCorruptError, match="chunks.jsonl is missing or changed"):
        _load(tmp_path / "index", HashEmbedder())


def test_a_truncated_mapped_file_is_caught_at_load_and_any_change_by_status_verify(
    tmp_path: Path, corpus_copy: Path
) -> None:
    from index.store import verify_files

    update_index(tmp_path / "index", [corpus_copy], HashEmbedder())
    vectors = tmp_path / "index" / "sentences.npy"
    data = vectors.read_bytes()
    vectors.write_bytes(data[:-64])
    with pytest.raises(IndexCorruptError, match="sentences.npy is missing or changed"):
        _load(tmp_path / "index", HashEmbedder())
    # Same size, one byte changed: a server maps the file without reading it whole; `pni status --verify` reads it.
    vectors.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert _load(tmp_path / "index", HashEmbedder()).sentences.vectors.shape[0] > 0
    with pytest.raises(IndexCorruptError, match="sentences.npy is missing or changed"):
        verify_files(tmp_path / "index", read_manifest(tmp_path / "index"), full=True)


def test_unchanged_files_are_skipped_changed_replaced_removed_dropped(tmp_path: Path, corpus_copy: Path) -> None:
    embedder = HashEmbedder()
    index_dir = tmp_path / "index"
    (corpus_copy / "extra.md").write_text("# ICPC note 2020\n\nIn 2020 the Centre opened a lab in Montreal.\n")
    first = update_index(index_dir, [corpus_copy], embedder)
    assert len(first.added) == 3
    calls = embedder.calls

    again = update_index(index_dir, [corpus_copy], embedder)
    assert not again.written and len(again.unchanged) == 3 and embedder.calls == calls

    (corpus_copy / "extra.md").write_text("# ICPC note 2020\n\nIn 2020 the Centre opened a safety lab in Quebec.\n")
    changed = update_index(index_dir, [corpus_copy], embedder)
    assert [Path(s).name for s in changed.updated] == ["extra.md"]
    assert embedder.calls - calls == 2  # only the changed file's chunk and its one sentence, embedded again
    store = _load(index_dir, embedder)
    assert any("Quebec" in c.text for c in store.chunks) and not any("Montreal." in c.text for c in store.chunks)

    (corpus_copy / "extra.md").unlink()
    removed = update_index(index_dir, [corpus_copy], embedder)
    assert [Path(s).name for s in removed.removed] == ["extra.md"] and removed.documents == 2


def test_a_failed_ingest_leaves_the_previous_index_intact(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], HashEmbedder())
    before = (index_dir / "manifest.json").read_text()

    class Exploding(HashEmbedder):
        def embed_documents(self, texts, on_batch=None):  # type: ignore[no-untyped-def]
            raise KeyboardInterrupt  # the user pressed Ctrl-C half way

    (corpus_copy / "new.txt").write_text("In 2020 the Institute trained 50 judges in Nairobi.")
    with pytest.raises(KeyboardInterrupt):
        update_index(index_dir, [corpus_copy], Exploding())
    assert (index_dir / "manifest.json").read_text() == before
    assert len(_load(index_dir, HashEmbedder()).documents) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index.new-")]


def test_a_file_that_turns_bad_keeps_its_previous_version(tmp_path: Path, corpus_copy: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], HashEmbedder())
    (corpus_copy / "kicj-un-international-cooperation-2023.txt").write_bytes(b"")
    report = update_index(index_dir, [corpus_copy], HashEmbedder())
    assert [p.reason for p in report.failed] == ["empty file"]
    assert report.documents == 2 and not report.removed


def test_a_large_collection_gets_an_approximate_index_recorded_in_the_manifest(
    tmp_path: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import faiss

    import index.dense
    from index.types import Filters

    embedder = HashEmbedder()
    monkeypatch.setattr(index.dense, "FLAT_LIMIT", 50)  # "large" = more chunks than this corpus has
    update_index(tmp_path / "index", [corpus_copy], embedder)
    assert read_manifest(tmp_path / "index").dense_index == "ivf-sq8"
    store = _load(tmp_path / "index", embedder)
    assert isinstance(store.dense.index, faiss.IndexIVF) and store.dense.index.nprobe == index.dense.NPROBE
    row = next(i for i, c in enumerate(store.chunks) if "FLOW project" in c.text)
    from index.store import index_text

    hits = store.dense.search(index_text(store.chunks[row]), 3)
    assert hits[0].chunk.chunk_id == store.chunks[row].chunk_id  # SQ8 keeps a chunk nearest to itself
    only_2023 = store.dense.search("international forum", 5, Filters(years=frozenset({2023})))
    assert only_2023 and all(h.chunk.year == 2023 for h in only_2023)
    # An incremental update reuses the stored (8-bit) vectors instead of encoding again.
    (corpus_copy / "extra.md").write_text("# A new note\n\nThe Institute met in Vienna in 2020.\n", encoding="utf-8")
    report = update_index(tmp_path / "index", [corpus_copy], embedder)
    assert len(report.added) == 1 and report.written
    assert read_manifest(tmp_path / "index").dense_index == "ivf-sq8"


def _derived_by_an_older_ingestion(index_dir: Path, embedder: HashEmbedder) -> None:
    """Make the index at ``index_dir`` look written before the cleaner last changed."""
    from dataclasses import replace

    from index.store import save_index

    store = _load(index_dir, embedder)
    store.documents = [replace(doc, pipeline=(("cleaner", "older"),)) for doc in store.documents]
    store.manifest = replace(store.manifest, stale_documents=len(store.documents))
    save_index(store, index_dir)


def test_documents_an_older_ingestion_derived_are_derived_again(tmp_path: Path, corpus_copy: Path) -> None:
    from click.testing import CliRunner

    from api.cli import cli

    embedder = HashEmbedder()
    index_dir = tmp_path / "index"
    extra = tmp_path / "elsewhere" / "extra.md"
    extra.parent.mkdir()
    extra.write_text("# ICPC note 2020\n\nIn 2020 the Centre opened a lab in Montreal.\n")
    update_index(index_dir, [corpus_copy, extra], embedder)
    _derived_by_an_older_ingestion(index_dir, embedder)
    status = CliRunner().invoke(cli, ["status", "--index-dir", str(index_dir)])
    assert "3 of 3 documents were derived by an older ingestion" in status.output

    calls = embedder.calls
    # Only the corpus is named: the stale file elsewhere is derived again too, while its file is there.
    again = update_index(index_dir, [corpus_copy], embedder)
    assert sorted(Path(s).name for s in again.rederived) == sorted(
        ["extra.md", "kicj-un-international-cooperation-2023.txt", "un-pni-institutes-activities-2020.txt"]
    )
    assert again.written and not again.unchanged and not again.updated and not again.added
    assert embedder.calls == calls  # the same chunks came out: their vectors were reused
    assert read_manifest(index_dir).stale_documents == 0
    status = CliRunner().invoke(cli, ["status", "--index-dir", str(index_dir)])
    assert status.exit_code == 0 and "older ingestion" not in status.output

    # A stale document whose file is gone stays as it was, and status says how many there are.
    _derived_by_an_older_ingestion(index_dir, embedder)
    extra.unlink()
    update_index(index_dir, [corpus_copy], embedder)
    assert read_manifest(index_dir).stale_documents == 1
    status = CliRunner().invoke(cli, ["status", "--index-dir", str(index_dir)])
    assert "1 of 3 documents were derived by an older ingestion (their files were not found then)" in status.output


def test_a_chunk_whose_sentences_are_cut_anew_gets_their_vectors_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A chunk's vector is reused when its text is unchanged; its sentence vectors only when the sentences are
    # the same: a newer splitter cuts in two what an older one saw as one sentence.
    embedder = HashEmbedder()
    index_dir, reports = tmp_path / "index", tmp_path / "reports"
    reports.mkdir()
    (reports / "heuni-2021.md").write_text(
        "# HEUNI 2021\n\nThe Institute met in Vienna. It trained 40 prosecutors in Tallinn.\n", encoding="utf-8"
    )
    with monkeypatch.context() as older:
        older.setattr("index.build.split_sentences", lambda text: [text.strip()])
        update_index(index_dir, [reports], embedder)
    _derived_by_an_older_ingestion(index_dir, embedder)
    update_index(index_dir, [reports], embedder)
    store = _load(index_dir, embedder)
    for row, chunk in enumerate(store.chunks):
        assert len(store.sentences.of_chunk(row)) == len(split_sentences(chunk.text)), chunk.text


def test_a_sentence_repeated_by_overlapping_chunks_is_embedded_once() -> None:
    embedder = HashEmbedder()
    shared = "The Institute trained 40 prosecutors in Nairobi."
    chunks = [
        Chunk(f"c{i}", "d", "Report", text, i * 10, i * 10 + len(text))
        for i, text in enumerate([f"HEUNI met in Vienna. {shared}", f"{shared} UNAFRI met in Kampala.", shared])
    ]
    progress: list[int] = []
    vectors = embed_chunks(embedder, chunks, on_batch=progress.append)
    texts = [c.text for c in chunks] + [s for c in chunks for s in split_sentences(c.text)]
    assert embedder.calls == len(set(texts)) < len(texts)
    assert sum(progress) == len(texts)  # the bar counted every text, and reaches its end
    assert [len(vectors[c.chunk_id][1]) for c in chunks] == [2, 2, 1]
    expected = embedder.embed_query(shared)
    for chunk_id, row in (("c0", 1), ("c1", 0), ("c2", 0)):
        assert np.array_equal(vectors[chunk_id][1][row], expected)
    assert np.array_equal(vectors["c2"][0], expected)  # the chunk that is the sentence: one text, one vector


class _Recording(HashEmbedder):
    """A second space's embedder that keeps the texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__("fake-multilingual", 32)
        self.texts: list[str] = []

    def embed_documents(self, texts, on_batch=None):  # type: ignore[no-untyped-def]
        self.texts += list(texts)
        return super().embed_documents(texts, on_batch)


def test_the_multilingual_space_embeds_a_chunks_sentences_when_an_answer_first_reads_them(
    tmp_path: Path, corpus_copy: Path
) -> None:
    # multilingual-e5 is most of a multilingual ingest, and its sentence vectors serve only the questions asked
    # in another language (or on reports in one): ingest embeds its chunks, an answer the sentences it reads.
    main, multilingual = HashEmbedder(), _Recording()
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], main, multilingual=multilingual)
    store = load_index(index_dir, lambda _: main, main.name, lambda: multilingual)
    from index.store import index_text

    assert set(multilingual.texts) == {index_text(c) for c in store.chunks}
    assert store.multilingual is not None
    row = next(i for i, c in enumerate(store.chunks) if "FLOW project" in c.text)
    sentences = split_sentences(store.chunks[row].text)
    multilingual.texts.clear()
    vectors = store.multilingual.sentences.of_chunk(row)
    assert multilingual.texts == sentences and len(sentences) > 1
    assert np.allclose(vectors, HashEmbedder("fake-multilingual", 32).embed_documents(sentences), atol=1e-3)
    multilingual.texts.clear()
    assert np.array_equal(store.multilingual.sentences.of_chunk(row), vectors) and not multilingual.texts  # kept
    # The main space still stores them: an English question embeds nothing but itself.
    calls = main.calls
    assert len(store.sentences.of_chunk(row)) == len(sentences) and main.calls == calls


def test_an_added_report_embeds_only_its_own_chunks_in_the_multilingual_space(
    tmp_path: Path, corpus_copy: Path
) -> None:
    main, multilingual = HashEmbedder(), _Recording()
    index_dir = tmp_path / "index"
    update_index(index_dir, [corpus_copy], main, multilingual=multilingual)
    (corpus_copy / "extra.md").write_text(
        "# ICPC note 2020\n\nIn 2020 the Centre opened a lab in Montreal. It hired two.\n"
    )
    multilingual.texts.clear()
    update_index(index_dir, [corpus_copy], main, multilingual=multilingual)
    store = load_index(index_dir, lambda _: main, main.name, lambda: multilingual)
    from index.store import index_text

    extra = next(d for d in store.documents if d.source.endswith("extra.md"))
    added = [index_text(c) for c in store.chunks if c.doc_id == extra.doc_id]
    assert multilingual.texts == added and len(added) == 1
