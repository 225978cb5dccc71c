"""A passage's sentences as the units an extractive answer quotes: sentences and adjacent pairs scored
against the question, a sentence completed by the one that refers back to it, and quotes rendered with
their citation placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import takewhile

import numpy as np

from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.sentences import is_lead_in, split_sentences, tidy
from ingest.tables import HEADINGS
from ingest.types import Chunk, Document, Section

from .roles import people_in
from .terms import words

__all__ = ["Unit", "Passages"]

# U+2063 (invisible separator) joins the two sentences of a pair; the answer cites each part.
PAIR = "\u2063"
FRONT = 1500  # characters of a report's first page that may name the report
SIGNATURE_LINES = 4  # a signature: a name, an office, a place and a date, each on its own line
SIGNATURE_WORDS = 8
CLOSER = 1  # passages beyond the best few added for a sentence closer to the question than any of theirs
SURROUNDINGS = 1000  # characters either side of a passage where a name of the question may be mentioned
# A sentence that continues the previous one: a pronoun, "The <same noun>", or a participle clause.
_LABELLED = re.compile(r"^[A-Z][\w ]{1,24}: \S")  # "Date: March 1, 2021", "Pages: 120"
_ANAPHOR = re.compile(
    r"^(?:(?:It|They|This|These|Its|Their)\b|The (?P<words>(?:[a-z][\w-]*,? ){1,3})|[A-Z][a-z]+ed by\b|"
    # "Among them", "Among the institutions are ...", "Of these": the members of what the sentence counted
    r"(?P<members>(?:Among|Of) (?:them|these|those)\b|(?:Among|Of) the (?P<counted>(?:[a-z][\w-]*,? ){1,3})))"
)


@dataclass
class Unit:
    """A sentence (or a pair) of a retrieved passage, with the passage's retrieval score and its own score."""

    text: str
    chunk: Chunk
    chunk_score: float
    score: float = 0.0

    @property
    def pair(self) -> bool:
        return PAIR in self.text

    def quote(self) -> str:
        """The unit as answer text: each sentence tidied and followed by its citation placeholder."""
        return " ".join(f"{tidy(part)} {{{self.chunk.chunk_id}}}" for part in self.text.split(PAIR))

    def overlaps(self, other: Unit) -> bool:
        return bool(set(self.text.split(PAIR)) & set(other.text.split(PAIR)))

    def read_with(self, field_of: bool) -> str:
        """The unit's text as a reader takes it in: with ``field_of`` (a question for a date, a place, a figure),
        a field ("Date: Thursday, 3 March 2022") with the heading of the record it belongs to ("Minutes of the
        12th meeting"), which is what it is the date of."""
        if not field_of or not _LABELLED.match(self.text):
            return self.text
        return f"{self.text}\n{self.chunk.context.rsplit(' › ', 1)[-1]}"


class Passages:
    """Sentence-level views of the store's passages."""

    def __init__(self, store: StoreBase) -> None:
        self.store = store
        self._signatures: dict[tuple[str, int], str] = {}  # (document, section start) -> its signature

    def units(self, chunk: Chunk, space: VectorSpace, vector: np.ndarray) -> list[tuple[str, float]]:
        """Sentences, and pairs of adjacent sentences of one paragraph, with their similarity to the question.

        The answer is often the sentence after the one that names the subject ("... TRAIIn Training ...
        | The project closed ... in Rome"). A pair scores the mean of its sentences' similarities (as good
        on the gold set as embedding the pair, and free).
        """
        sentences = split_sentences(chunk.text)
        stored = space.sentences.of_chunk(self.store.row_of[chunk.chunk_id])
        vectors = stored if len(stored) == len(sentences) else space.embedder.embed_documents(sentences)
        similarity = [float(s) for s in vectors @ vector] if len(sentences) else []
        paragraph_of = _paragraph_numbers(chunk.text, sentences)
        units: list[tuple[str, float]] = []
        for i, sentence in enumerate(sentences):
            j = i + 1
            if j < len(sentences) and _signed(sentence, sentences[j], paragraph_of[i], paragraph_of[j]):
                # A signature's name and office, each on its line: one statement, read as the page shows it.
                units.append((f"{sentence}, {sentences[j]}", (similarity[i] + similarity[j]) / 2))
            # A fragment says nothing alone, nor a table's column headings; a labelled line ("Date: March 1,
            # 2021") is short by nature.
            if (len(sentence) <= 20 and not _LABELLED.match(sentence)) or HEADINGS.match(sentence):
                continue
            units.append((sentence, similarity[i]))
            if j < len(sentences) and paragraph_of[j] == paragraph_of[i] and len(sentences[j]) > 20:
                if not is_lead_in(sentence):
                    units.append((f"{sentence}{PAIR}{sentences[j]}", (similarity[i] + similarity[j]) / 2))
        return units

    def closer_sentences(self, pool: list[Hit], rest: list[Hit], space: VectorSpace, vector: np.ndarray) -> list[Hit]:
        """Passages of ``rest`` holding a sentence closer to the question than any sentence of ``pool``, closest
        first. A long passage's vector blurs the one sentence that answers ("... renovate its library, which
        reopened on 15 February 2021", in a paragraph on the residence), so retrieval can rank it low."""
        best = max((self._closest(hit.chunk, space, vector) for hit in pool), default=-1.0)
        closer = [(near, hit) for hit in rest if (near := self._closest(hit.chunk, space, vector)) > best]
        return [hit for _, hit in sorted(closer, key=lambda pair: -pair[0])[:CLOSER]]

    def _closest(self, chunk: Chunk, space: VectorSpace, vector: np.ndarray) -> float:
        stored = space.sentences.of_chunk(self.store.row_of[chunk.chunk_id])
        return float((stored @ vector).max()) if len(stored) else -1.0

    @staticmethod
    def with_continuation(unit: Unit, adds: Callable[[str, str], bool] | None = None, members: bool = False) -> Unit:
        """A sentence followed, in its paragraph, by one that refers back to it ("It builds on ...",
        "The online tool performs ...") is incomplete without it: answer with both. "The <noun> ..." refers
        back when the noun is the sentence's own, or when ``adds(sentence, following)`` says the following
        sentence holds what the question asks and the sentence lacks ("... held an online workshop ... | The
        dialogue was attended by ..."). ``members``: only a sentence naming the members of what this one counts
        ("... three from institutions. | Among the institutions are ...") goes on with it, for an answer that is
        complete otherwise."""
        if unit.pair:
            return unit
        sentences = split_sentences(unit.chunk.text)
        if unit.text not in sentences:
            return unit
        i = sentences.index(unit.text)
        paragraph_of = _paragraph_numbers(unit.chunk.text, sentences)
        if i + 1 >= len(sentences) or paragraph_of[i + 1] != paragraph_of[i] or is_lead_in(unit.text):
            return unit
        following = sentences[i + 1]
        anaphor = _ANAPHOR.match(following)
        if not anaphor or (members and not anaphor.group("members")):
            return unit
        # "The conference, on ...", "Among the institutions are ..."
        words = [w.rstrip(",") for w in (anaphor.group("words") or anaphor.group("counted") or "").split()]
        if (
            words
            and not any(len(w) > 3 and w.rstrip("s") in unit.text.lower() for w in words)
            and not (adds and adds(unit.text, following))
        ):
            return unit  # "The seminar ..." after a sentence about a tool starts a new topic
        return Unit(f"{unit.text}{PAIR}{following}", unit.chunk, unit.chunk_score, unit.score)

    def chunk_at(self, doc: Document, offset: int, item: str) -> Chunk | None:
        """The chunk of ``doc`` that holds the first sentence of the item starting at ``offset``."""
        first = split_sentences(item)[0]
        candidates = [c for c in self.store.chunks_of(doc.doc_id) if c.start <= offset < c.end]
        for chunk in candidates:
            if first[:80] in chunk.text:
                return chunk
        return candidates[0] if candidates else None

    def surroundings(self, chunk: Chunk) -> str:
        """The passage with its structural path and the text just around it: what a name in the question may
        be mentioned in ("the Secretary-General's report" is named in the heading, paragraphs above)."""
        doc = self.store.by_doc_id.get(chunk.doc_id)
        if doc is None:
            return f"{chunk.context}\n{chunk.text}"
        start = max(0, chunk.start - SURROUNDINGS)
        return f"{chunk.context}\n{self.front(chunk)[:start]}\n{doc.text[start : chunk.end + SURROUNDINGS]}"

    def front(self, chunk: Chunk) -> str:
        """The start of the first page of ``chunk``'s report: where the report names itself ("According to the
        Secretary-General's report, ..."), for a question that says which report it asks about."""
        doc = self.store.by_doc_id.get(chunk.doc_id)
        return "" if doc is None else self.front_of(doc)

    def signature(self, chunk: Chunk) -> str:
        """The signature closing ``chunk``'s section, when it has one: short lines after its last paragraph, one
        naming a person ("Professor Sigrid Aasland Bech" / "Head of the Centre" / "Aarhus, 12 April 2021"). A
        foreword's or a message's figures are its signatory's words, though no paragraph names them."""
        doc = self.store.by_doc_id.get(chunk.doc_id)
        holding = [s for s in doc.sections if s.start <= chunk.start < s.end] if doc else []
        if not doc or not holding:
            return ""
        return self._signature_of(doc, max(holding, key=lambda s: s.start))  # the innermost

    def _signature_of(self, doc: Document, section: Section) -> str:
        key = (doc.doc_id, section.start)
        if key not in self._signatures:  # read once: every figure of the section is checked against it
            self._signatures[key] = _signature(doc.text[section.start : section.end])
        return self._signatures[key]

    def signed_by(self, chunk: Chunk) -> Chunk | None:
        """The passage holding the signature that closes ``chunk``'s section (a foreword's last lines), or None
        when the section is unsigned."""
        doc = self.store.by_doc_id.get(chunk.doc_id)
        holding = [s for s in doc.sections if s.start <= chunk.start < s.end] if doc else []
        return self._signed_in(doc, max(holding, key=lambda s: s.start)) if doc and holding else None

    def signed_named(self, doc_id: str, said: set[str]) -> list[Chunk]:
        """The passages holding the signatures of ``doc_id``'s sections whose headings share a word of ``said``
        (a question's words): "Who wrote the foreword?" names the "Foreword by the Director" it asks about,
        however low its passages rank."""
        doc = self.store.by_doc_id.get(doc_id)
        named = [s for s in doc.sections if set(words(s.heading)) & said] if doc else []
        return [chunk for section in named if doc and (chunk := self._signed_in(doc, section))]

    def _signed_in(self, doc: Document, section: Section) -> Chunk | None:
        """The passage of ``doc`` holding the signature closing ``section``, or None when it is unsigned."""
        signature = self._signature_of(doc, section)
        # Its lines are joined bottom-up: the last is the top one, the name.
        at = doc.text.rfind(signature.splitlines()[-1], section.start, section.end) if signature else -1
        return next((c for c in self.store.chunks_of(doc.doc_id) if at >= 0 and c.start <= at < c.end), None)

    def signs(self, unit: Unit) -> bool:
        """Is ``unit`` the name of its section's signatory ("Dr Anna Berg, Director of the Centre")?"""
        signature = self.signature(unit.chunk)
        return bool(signature) and unit.text.split(", ", 1)[0] in signature.splitlines()

    @staticmethod
    def front_of(doc: Document) -> str:
        """The start of ``doc``'s first page (its title page, symbol, date)."""
        first_page = doc.page_starts[1] if len(doc.page_starts) > 1 else FRONT
        return doc.text[: min(first_page, FRONT)]


def _signed(line: str, following: str, paragraph: int, next_paragraph: int) -> bool:
    """Are ``line`` and ``following`` a signature's name and the office under it ("Dr Anna Berg" / "Director of
    the Centre"): consecutive paragraphs of one short line each, without a sentence's final stop, the first naming
    a person?"""
    return next_paragraph == paragraph + 1 and all(_line(text) for text in (line, following)) and bool(people_in(line))


def _line(text: str) -> bool:
    """Is ``text`` a line of a signature or an address: a few words, no sentence's final stop?"""
    return len(text.split()) <= SIGNATURE_WORDS and not text.rstrip().endswith((".", "!", "?", ":", ";"))


def _signature(section: str) -> str:
    """The short lines closing ``section`` that name a person, joined; "" when none do."""
    paragraphs = [p.strip() for p in section.split("\n\n") if p.strip()]
    closing = list(takewhile(lambda p: len(p.split()) <= SIGNATURE_WORDS, reversed(paragraphs[1:])))
    return "\n".join(line for line in closing[:SIGNATURE_LINES] if people_in(line))


def _paragraph_numbers(text: str, sentences: list[str]) -> list[int]:
    """Which paragraph (blank-line separated block) of ``text`` each sentence belongs to."""
    numbers, cursor = [], 0
    for sentence in sentences:
        found = text.find(sentence, cursor)
        cursor = found + len(sentence) if found >= 0 else cursor
        numbers.append(text.count("\n\n", 0, max(found, 0)))
    return numbers
