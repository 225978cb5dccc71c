"""A synthetic collection written straight into the index format, for measuring whole answers at scale.

Encoding a million chunks would take days on 2 cores, and the answer path's cost does not depend on what the
vectors mean: chunk and sentence vectors are unit vectors from eval/scale.py's topic mixture, and the text is
report-like sentences from a generator (events, places, counts, partners, projects), so BM25's postings,
sentence splitting and the answer layer see what they see in real reports. Metadata spreads over 20
institutes (the 18 the curated table knows and two publishers it does not) and 15 years; a document is one
institute's report for one year, 100 chunks long, one section per institute.

    python -m eval.synthetic data/bench/synthetic-100k --chunks 100000
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import faiss
import numpy as np
from numpy.lib.format import open_memmap

from index.dense import build_faiss_index, choose_index_kind
from index.disk import FORMAT_VERSION, Manifest, chunk_to_dict, document_to_dict, new_index_dir, seal, write_jsonl
from index.lexical import BM25Retriever
from index.lexicon import Lexicon
from index.sentences import STORED_DTYPE
from index.store import index_text
from ingest.orgs import ORGS
from ingest.sentences import split_sentences
from ingest.types import Chunk, Document, Period, Section
from ingest.version import pipeline_version

from .scale import DIM, synthetic

__all__ = ["write_collection", "questions", "INSTITUTES", "YEARS", "CHUNKS_PER_DOCUMENT"]

INSTITUTES: tuple[tuple[str, str], ...] = tuple((o.key, o.name) for o in ORGS) + (
    ("Nordic Centre for Prison Studies", "Nordic Centre for Prison Studies"),
    ("Institute of Justice Research", "Institute of Justice Research"),
)
YEARS = tuple(range(2008, 2023))
CHUNKS_PER_DOCUMENT = 100
MAIN_MODEL, MULTILINGUAL_MODEL = "all-MiniLM-L6-v2", "multilingual-e5-small"

_EVENTS = ("workshop", "seminar", "training course", "expert group meeting", "conference", "study visit", "webinar")
_ADJECTIVES = (
    "juvenile", "restorative", "cyber", "maritime", "environmental", "financial", "organised", "urban", "rural",
    "gender-based", "transnational", "forensic", "correctional", "judicial", "community", "digital", "wildlife",
    "migrant", "terrorist", "electoral", "procurement", "prison", "victim", "witness", "border", "customs",
)  # fmt: skip
_NOUNS = (
    "justice", "crime", "violence", "corruption", "smuggling", "trafficking", "policing", "sentencing",
    "rehabilitation", "reintegration", "prosecution", "evidence", "detention", "probation", "fraud", "laundering",
    "extremism", "diversion", "mediation", "oversight", "statistics", "surveillance", "forfeiture", "integrity",
)  # fmt: skip
_PARTNERS = (
    "United Nations Office on Drugs and Crime", "European Commission", "Ministry of Justice", "national police",
    "Office of the Attorney General", "prison service", "bar association", "supreme court", "Council of Europe",
)  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_SYLLABLES = ("ka", "lo", "mar", "ten", "vi", "sa", "dor", "ne", "bu", "ri", "an", "tel", "mo", "cha", "pe", "gu")


def _names(rng: np.random.Generator, count: int, parts: int) -> list[str]:
    return ["".join(rng.choice(_SYLLABLES, parts)).capitalize() for _ in range(count)]


class _Writer:
    """Report-like sentences: who did what, where, when, with whom, how many (random draws made a document
    at a time: a million chunks in about a minute)."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.cities = _names(self.rng, 600, 3)
        self.people = [f"{a} {b}" for a, b in zip(_names(self.rng, 2000, 2), _names(self.rng, 2000, 3), strict=True)]
        self.projects = [name.upper() for name in _names(self.rng, 1500, 2)]
        self.topics = [f"{a} {n}" for a in _ADJECTIVES for n in _NOUNS]

    def chunks(self, year: int, count: int) -> list[str]:
        r = self.rng

        def pick(words: Sequence[str], k: int = 1) -> list[list[str]]:
            rows = r.integers(0, len(words), (count, k))
            return [[words[i] for i in row] for row in rows]

        events, cities, partners, months = pick(_EVENTS), pick(self.cities, 2), pick(_PARTNERS), pick(_MONTHS)
        people, projects, topics = pick(self.people), pick(self.projects), pick(self.topics, 5)
        numbers = r.integers((12, 2, 2), (400, 60, 30), (count, 3))
        handbook = r.random(count) < 0.3
        out = []
        for i in range(count):
            event, topic, (participants, countries, sites) = events[i][0], topics[i], numbers[i]
            text = (
                f"In {months[i][0]} {year}, the Institute organised a {event} on {topic[0]} in {cities[i][0]}, "
                f"attended by {participants} participants from {countries} countries. "
                f"The {event} was delivered with the {partners[i][0]} and focused on {topic[1]} and {topic[2]} in "
                f"the criminal justice systems of the region. {people[i][0]} presented the findings of the "
                f"{projects[i][0]} project, which studied {topic[3]} across {sites} pilot sites."
            )
            if handbook[i]:
                text += f" A handbook on {topic[4]} was published in {cities[i][1]}."
            out.append(text)
        return out


def _documents(n_chunks: int, seed: int) -> Iterator[tuple[Document, list[Chunk]]]:
    writer = _Writer(seed)
    n_docs = -(-n_chunks // CHUNKS_PER_DOCUMENT)
    for d in range(n_docs):
        key, name = INSTITUTES[d % len(INSTITUTES)]
        year = YEARS[(d // len(INSTITUTES)) % len(YEARS)]
        count = min(CHUNKS_PER_DOCUMENT, n_chunks - d * CHUNKS_PER_DOCUMENT)
        texts = writer.chunks(year, count)
        doc_id = hashlib.sha256(f"synthetic-{seed}-{d}".encode()).hexdigest()[:16]
        title = f"{name}: annual report {year} ({d // (len(INSTITUTES) * len(YEARS)) + 1})"
        head = f"{name}\n\n"  # the section's heading opens its text, as structure detection finds it
        starts = (len(head) + np.concatenate([[0], np.cumsum([len(t) + 2 for t in texts])])).tolist()
        text = head + "\n\n".join(texts)
        document = Document(
            doc_id=doc_id,
            source=f"synthetic/{doc_id}.txt",
            kind="txt",
            title=title,
            text=text,
            content_hash=doc_id,
            year=year,
            org=key,
            sections=(Section(heading=name, level=1, start=0, end=len(text), org=key),),
            pipeline=pipeline_version(),
            period=Period(year, year, str(year)),
        )
        chunks = [
            Chunk(
                chunk_id=f"{doc_id}{i:04x}",
                doc_id=doc_id,
                title=title,
                text=t,
                start=starts[i],
                end=starts[i] + len(t),
                section=name,
                org=key,
                year=year,
                context=f"{title} › {year} › {name}",
                years=(year,),
            )
            for i, t in enumerate(texts)
        ]
        yield document, chunks


def _sentence_vectors(directory: Path, suffix: str, counts: np.ndarray, seed: int) -> None:
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    np.save(directory / f"sentence_starts{suffix}.npy", starts, allow_pickle=False)
    out = open_memmap(directory / f"sentences{suffix}.npy", mode="w+", dtype=STORED_DTYPE, shape=(int(starts[-1]), DIM))
    step = 500_000
    for begin in range(0, len(out), step):
        end = min(len(out), begin + step)
        out[begin:end] = synthetic(end - begin, seed=seed + begin)
    out.flush()
    del out


def write_collection(
    directory: Path, n_chunks: int, seed: int = 0, multilingual: bool = True, say: Callable[[str], None] = print
) -> Manifest:
    """Write a synthetic index of ``n_chunks`` chunks to ``directory`` (replacing what is there)."""
    started = time.perf_counter()
    documents: list[Document] = []
    chunks: list[Chunk] = []
    for document, of_doc in _documents(n_chunks, seed):
        documents.append(document)
        chunks.extend(of_doc)
    say(f"  text: {len(documents):,} documents, {len(chunks):,} chunks ({time.perf_counter() - started:.0f} s)")
    counts = np.fromiter((len(split_sentences(c.text)) for c in chunks), np.int64, len(chunks))
    with new_index_dir(directory) as tmp:
        write_jsonl(tmp / "documents.jsonl", (document_to_dict(d) for d in documents))
        write_jsonl(tmp / "chunks.jsonl", (chunk_to_dict(c) for c in chunks))
        BM25Retriever.build(chunks, [index_text(c) for c in chunks]).save(tmp / "bm25")
        Lexicon.of([c.text for c in chunks]).save(tmp)
        say(f"  BM25, lexicon ({time.perf_counter() - started:.0f} s)")
        spaces = [("", seed + 1)] + ([("-multilingual", seed + 2)] if multilingual else [])
        for suffix, space_seed in spaces:
            dense = build_faiss_index(synthetic(len(chunks), seed=space_seed))
            faiss.write_index(dense, str(tmp / f"dense{suffix}.faiss"))
            if not suffix:  # the multilingual space's sentences are embedded on demand, as ingest leaves them
                _sentence_vectors(tmp, suffix, counts, seed=10_000 * space_seed)
            say(f"  vectors{suffix or ''} ({time.perf_counter() - started:.0f} s)")
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=MAIN_MODEL,
            dimension=DIM,
            documents=len(documents),
            chunks=len(chunks),
            created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            files={},
            multilingual_model=MULTILINGUAL_MODEL if multilingual else None,
            dense_index=choose_index_kind(len(chunks)),
            pipeline=dict(pipeline_version()),
        )
        manifest = seal(tmp, manifest)
    say(f"  written to {directory} ({time.perf_counter() - started:.0f} s)")
    return manifest


def questions(count: int, named: bool, seed: int = 0) -> list[str]:
    """Questions as users ask them of such a collection, in the generator's words. ``named``: each names an
    institute and a year (so retrieval filters by both); else neither (the whole collection is searched)."""
    writer, rng = _Writer(seed), np.random.default_rng(seed + 99)
    out = []
    for i in range(count):
        key, name = INSTITUTES[int(rng.integers(len(INSTITUTES)))]
        year, event = int(rng.choice(YEARS)), str(rng.choice(_EVENTS))
        topic, project = str(rng.choice(writer.topics)), str(rng.choice(writer.projects))
        if named:
            asked = (
                f"What did {name} do in {year}?",
                f"How many participants attended the {event} on {topic} organised by {key} in {year}?",
                f"Where did {key} hold its {event} on {topic} in {year}?",
                f"Who presented findings at the {key} {event} in {year}?",
            )
        else:
            asked = (
                f"Who presented the findings of the {project} project?",
                f"Which institute organised a {event} on {topic}?",
                f"Where was the handbook on {topic} published?",
                f"How many pilot sites did the {project} project study?",
            )
        out.append(asked[i % len(asked)])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--no-multilingual", action="store_true")
    args = parser.parse_args()
    write_collection(args.directory, args.chunks, multilingual=not args.no_multilingual)


if __name__ == "__main__":
    main()
