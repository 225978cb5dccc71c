"""Overviews: "what did X do (in Y)", however it is worded, answered with one cited line per activity from
X's own sections in the report's order; and "... the following projects:" lead-ins expanded into their items.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from index.query import QueryInfo
from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.orgs import org_display, org_mentions
from ingest.periods import period_fit, years_only
from ingest.sentences import ITEM_MARKER, split_sentences, tidy
from ingest.tables import HEADINGS, ROW
from ingest.types import Chunk, Document

from .names import names_one, specific_terms
from .passages import PAIR, Passages, Unit
from .terms import QuestionTerms
from .types import Composed
from .understanding import answer_type, asks_particular, without_context

__all__ = ["Overview"]

OVERVIEW_PASSAGES = 5  # the institute's best-ranked passages a question is compared with for overview intent
PLAIN_CACHE = 1024
# An overview chooses its lines from at most this many items. The corpus's largest section holds 29; an
# institute with dozens of reports a year holds thousands, and weighing each costs a split and a lookup:
# above this, the items of the passages retrieval ranked for the question come first, then document order.
ITEM_POOL = 100


class Overview:
    def __init__(
        self,
        store: StoreBase,
        passages: Passages,
        terms: QuestionTerms,
        analyze: Callable[[str], QueryInfo],
        max_items: int = 10,
    ) -> None:
        self.store = store
        self.passages = passages
        self.terms = terms
        self.analyze = analyze
        self.max_items = max_items
        self._plain: dict[tuple[str, int], np.ndarray] = {}

    def asked(self, question: str, info: QueryInfo, hits: list[Hit], space: VectorSpace, vector: np.ndarray) -> bool:
        """Does the question mean "what did X do", whatever its words ("X's big wins", "X in a nutshell")?

        By meaning: it is closer to that plain question than to any one sentence of X's own passages. A
        question about one thing ("What does X's online tool do?") finds a sentence closer than the plain
        question; one that names no particular thing does not. Only for one institute and no answer type.
        """
        if info.summary:
            return True  # Korean, read from its grammar (index/query.py)
        if len(info.orgs) != 1 or info.language == "ko" or answer_type(question) != "other":
            return False  # Korean: e5's similarities there are compressed (fact questions score 0.9 too)
        if (
            asks_particular(question)  # "which protocol", "what training video": particular things
            or names_one(question)  # "the three major areas", "le 10e forum": particular things
            or specific_terms(question, [(s, e) for s, e, _ in org_mentions(question)])
        ):
            return False
        key = info.orgs[0]
        if key not in self.analyze(without_context(question)).orgs:
            return False  # "the model she helped develop (... ICPC ...)": a follow-up about one thing
        own = [hit.chunk for hit in hits if hit.chunk.org == key][:OVERVIEW_PASSAGES]
        if not own:
            return False
        named = [question[s:e] for s, e, k in org_mentions(question) if k == key]
        during = f" in {' and '.join(map(str, info.years))}" if info.years else ""
        plain_question = f"What did {named[0] if named else key} do{during}?"
        # Meaning and the question's rare words, weighed as facts weigh them: "asia-pacific expert conference
        # theme" shares its words with one sentence, "What has X been doing?" with none.
        # A period is no topic: "between Jan 2021 and June 2022" counts by its years alone, or its months would
        # make a table's "2022 (Jan.-June)" column look like the answer.
        topic = years_only(question)
        if topic != question:
            vector = self._vector(topic, space)
        terms = self.terms.weights(topic, info.orgs)
        lexical = 0.5 if terms else 0.0
        plain = (1 - lexical) * float(self._vector(plain_question, space) @ vector)
        plain += lexical * self.terms.coverage(terms, plain_question)
        closest = max(
            (1 - lexical) * sim + lexical * self.terms.coverage(terms, text)
            for chunk in own
            for text, sim in self.passages.units(chunk, space, vector)
        )
        return plain > closest

    def _vector(self, text: str, space: VectorSpace) -> np.ndarray:
        """The vector of the plain question ``text`` ("What did UNAFEI do in 2020?") in ``space``, kept for
        the next question that names the institute the same way."""
        cache_key = (text, id(space.embedder))
        if cache_key not in self._plain:
            if len(self._plain) > PLAIN_CACHE:
                self._plain.clear()
            self._plain[cache_key] = space.embedder.embed_query(text)
        return self._plain[cache_key]

    def compose(
        self, info: QueryInfo, scores: dict[str, float], space: VectorSpace, vector: np.ndarray
    ) -> Composed | None:
        """One cited line per activity from the named institute's own sections, or None if it has none."""
        key = info.orgs[0]
        blocks: list[_Block] = []
        # Only the documents that tag the institute somewhere are cut into spans: this runs on every overview.
        spans = {doc.doc_id: _org_spans(doc, key) for doc in self.store.documents_of(key)}
        for doc in _best_periods([doc for doc in self.store.documents_of(key) if spans[doc.doc_id]], info.years):
            headings, front = _heading_offsets(doc), _front_matter_end(doc)
            for start, end in spans[doc.doc_id]:
                offset = start
                for block in doc.text[start:end].split("\n\n"):
                    if offset not in headings:
                        lead = len(block) - len(block.lstrip())
                        blocks.append(_Block(doc, block.strip(), offset + lead, offset < front))
                    offset += len(block) + 2
        items = _pool(blocks, scores, self.store)
        if not items:
            return None
        items = self._choose_items(items, space, vector)
        periods = sorted({doc.period_label for doc, _, _ in items if doc.period_label})
        header = f"{org_display(key)}"
        header += f" in {periods[0]}:" if len(periods) == 1 else ", from the indexed reports:"
        lines = [header]
        cited: list[tuple[Chunk, float]] = []
        for doc, item, offset in items:
            chunk = self.passages.chunk_at(doc, offset, item)
            if chunk is None:
                continue
            sentences = split_sentences(item)
            first = sentences[0]
            if first.endswith(":") and len(items) > 2:  # "10. ... involved in the following projects:"
                continue
            # A date or a label opening the item ("February 2019. Visit of a delegation from ...") says
            # nothing alone: the line runs on to the statement.
            shown = next(i for i in range(1, len(sentences) + 1) if i == len(sentences) or _words(sentences[:i]) >= 4)
            sentence = " ".join(tidy(part) for part in sentences[:shown])
            if len(sentence) < 12:
                continue
            prefix = f"{doc.period_label}: " if len(periods) > 1 and doc.period_label else ""
            cited.append((chunk, scores.get(chunk.chunk_id, 0.0)))
            lines.append(f"- {prefix}{sentence} {{{chunk.chunk_id}}}")
        return Composed("\n".join(lines), cited) if cited else None

    def _choose_items(
        self, items: list[tuple[Document, str, int]], space: VectorSpace, vector: np.ndarray
    ) -> list[tuple[Document, str, int]]:
        """All items when few; else the numbered paragraphs plus the sub-items closest to the question, the closest
        of each section first: a report's themes each get a line before any theme gets a second (an annual
        report's "year at a glance" of a dozen dated lines would otherwise crowd out its training and research).
        """
        items = [it for it in items if not split_sentences(it[1])[0].endswith(":") or len(items) <= 2]
        if len(items) <= self.max_items:
            return items
        leads = [i for i, (_, text, _) in enumerate(items) if re.match(r"^\d{1,3}\.\s", text)]
        keep = set(leads[: self.max_items // 2])
        rest = [i for i in range(len(items)) if i not in keep]
        similarity = [float(self._item_vector(items[i], space) @ vector) for i in rest]
        closest = [rest[int(j)] for j in np.argsort(-np.asarray(similarity), kind="stable")]
        sections = [_section_of(doc, offset) for doc, _, offset in items]
        covered = {sections[i] for i in keep}
        for i in closest:
            if len(keep) >= self.max_items:
                break
            if (section := sections[i]) not in covered:
                keep.add(i)
                covered.add(section)
        for i in closest:
            if len(keep) >= self.max_items:
                break
            keep.add(i)
        return [items[i] for i in sorted(keep)]

    def _item_vector(self, item: tuple[Document, str, int], space: VectorSpace) -> np.ndarray:
        """The stored vector of an item's first sentence (embedded only if the index lacks it)."""
        doc, text, offset = item
        first = split_sentences(text)[0]
        chunk = self.passages.chunk_at(doc, offset, text)
        if chunk is not None:
            sentences = split_sentences(chunk.text)
            stored = space.sentences.of_chunk(self.store.row_of[chunk.chunk_id])
            if first in sentences and len(stored) == len(sentences):
                return stored[sentences.index(first)]
        return space.embedder.embed_documents([first])[0]

    def lead_in_list(self, lead: Unit) -> Composed | None:
        """ "... in the following projects:" then one cited line per item that follows it."""
        doc = self.store.by_doc_id.get(lead.chunk.doc_id)
        if doc is None:
            return None
        # A pair ("Since its inception, ... | The following are highlights ...:") ends with the lead-in.
        parts = lead.text.split(PAIR)
        position = doc.text.find(parts[-1], lead.chunk.start)
        if position < 0:
            return None
        offset = doc.text.find("\n\n", position)
        lines = [" ".join(f"{tidy(part)} {{{lead.chunk.chunk_id}}}" for part in parts)]
        cited: list[tuple[Chunk, float]] = [(lead.chunk, lead.chunk_score)]
        while offset >= 0 and len(cited) <= self.max_items:
            start = offset + 2
            end = doc.text.find("\n\n", start)
            block = doc.text[start : end if end >= 0 else len(doc.text)]
            if block.startswith("Note:"):
                offset = end
                continue
            if not ITEM_MARKER.match(block):
                break
            chunk = self.passages.chunk_at(doc, start, block)
            if chunk is None:
                break
            lines.append(f"- {tidy(split_sentences(block)[0])} {{{chunk.chunk_id}}}")
            cited.append((chunk, lead.chunk_score))
            offset = end
        return Composed("\n".join(lines), cited) if len(cited) > 1 else None


class _Block(NamedTuple):
    """A paragraph or list item of an institute's section, before it is known to state something."""

    doc: Document
    text: str
    offset: int  # in the document, where the text starts
    front_matter: bool  # before the report's first sentence


def _pool(blocks: list[_Block], scores: dict[str, float], store: StoreBase) -> list[tuple[Document, str, int]]:
    """The blocks that state something (``_statement``), at most ITEM_POOL of them, in document order: when
    there are more, those inside a retrieved passage (best score first), then the rest in document order. Blocks
    are weighed in that order and only until the pool is full: an institute with thousands a year costs a sort,
    not a sentence split of each."""
    ranges: dict[str, list[tuple[int, int, float]]] = {}
    for chunk_id, score in scores.items():
        row = store.row_of.get(chunk_id)
        if row is not None:
            chunk = store.chunks[row]
            ranges.setdefault(chunk.doc_id, []).append((chunk.start, chunk.end, score))

    def rank(i: int) -> tuple[float, int]:
        doc, offset = blocks[i].doc, blocks[i].offset
        best = max((s for start, end, s in ranges.get(doc.doc_id, ()) if start <= offset < end), default=None)
        return (-best if best is not None else float("inf"), i)

    order = sorted(range(len(blocks)), key=rank) if len(blocks) > ITEM_POOL else range(len(blocks))
    kept: list[int] = []
    for i in order:
        if _statement(blocks[i].text, front_matter=blocks[i].front_matter):
            kept.append(i)
            if len(kept) == ITEM_POOL:
                break
    return [(blocks[i].doc, blocks[i].text, blocks[i].offset) for i in sorted(kept)]


def _org_spans(doc: Document, key: str) -> list[tuple[int, int]]:
    """Text spans (bodies of leaf sections) that belong to organisation ``key`` in ``doc``."""
    heads = sorted(doc.sections, key=lambda s: s.start)
    spans: list[tuple[int, int]] = []
    for i, section in enumerate(heads):
        if section.org != key:
            continue
        body_start = section.start + len(section.heading) + 2
        body_end = heads[i + 1].start - 2 if i + 1 < len(heads) else len(doc.text)
        if body_end > body_start:
            spans.append((body_start, body_end))
    if not heads and doc.org == key:
        spans.append((0, len(doc.text)))
    return spans


def _section_of(doc: Document, offset: int) -> tuple[str, int]:
    """The section of ``doc`` holding ``offset``, by its start (-1: before the first heading)."""
    return doc.doc_id, max((s.start for s in doc.sections if s.start <= offset), default=-1)


def _words(sentences: list[str]) -> int:
    return sum(len(re.findall(r"\w+", part)) for part in sentences)


# A list item's marker: "- ", "• ", "(a) ", "3. ", "iv) ".
_LIST_ITEM = re.compile(r"^(?:[-–•*▪◦·]\s|\(?(?:\d{1,3}|[a-z]{1,2}|[ivx]{1,5})[.)]\s)")
# A table row as ingest/tables.py writes it ("Italy — 2021: 3,120; 2022 (Jan.-June): 1,640.") or its headings.
_ENDS = tuple(".!?。:;…\"”'")  # not ")": a table's column heading "2018–19 (AUD '000)" ends so


def _statement(block: str, front_matter: bool = False) -> bool:
    """Is ``block`` something a report says, an activity to list? Not a line of its title page, a signature, a
    caption or a table row ("Annual Report 2018–19", "HEUNI Publication Series No. 94", "Director, Australian
    Institute of Criminology", "Italy — 2021: 3,120; 2022: 1,640."), in any layout. A sentence is; a list item
    is, with or without its marker (loaders drop Markdown's "- "), unless it reads as a title: every longer word
    capitalised. Before the report's first sentence (``front_matter``), only sentences are."""
    if not block or block.startswith("Note:") or ROW.match(block) or HEADINGS.match(block):
        return False
    if _LIST_ITEM.match(block) or ITEM_MARKER.match(block):
        return True
    first = split_sentences(block)
    if first and first[0].rstrip().endswith(_ENDS):
        return True
    words = re.findall(r"[^\W\d_]{4,}", block)
    return not front_matter and not all(word[0].isupper() for word in words)


def _front_matter_end(doc: Document) -> int:
    """Where the report's first sentence starts: what comes before is its title page."""
    offset = 0
    for block in doc.text.split("\n\n"):
        first = split_sentences(block.strip())
        if first and first[0].endswith(_ENDS) and len(first[0].split()) >= 5:
            return offset
        offset += len(block) + 2
    return 0


def _heading_offsets(doc: Document) -> set[int]:
    return {s.start for s in doc.sections}


def _best_periods(documents: Sequence[Document], asked: tuple[int, ...]) -> list[Document]:
    """The documents whose period holds the asked years or lies within them: "in 2019" is the report of 2019
    and both fiscal years that hold half of it (each line says which); "in 2018-19" is the 2018–19 report (and a
    report of 2019 alone), not the 2019–20 one that shares a year with it. Else those that fit best."""
    if not asked:
        return list(documents)
    wanted = set(asked)
    nested = [doc for doc in documents if doc.years and (wanted <= set(doc.years) or set(doc.years) <= wanted)]
    if nested:
        return nested
    fits = [period_fit(doc.years, asked) for doc in documents]
    best = max(fits, default=0.0)
    return [doc for doc, fit in zip(documents, fits, strict=True) if best > 0 and fit == best]
