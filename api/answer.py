"""The assistant: a question's path through the answer layer, one stage per module, in the order it flows.

standalone question (conversation.py) -> typing slips corrected (index/spelling.py) -> parts of a two-part
question (compound.py) -> understanding (index/query.py, understanding.py, names.py) -> coverage refusals
(coverage.py) -> retrieval (index/hybrid.py) -> composition: an overview (overview.py), a report's rundown
(documents.py) or a fact (facts.py, with spans.py for spans of the asked type), weighing the question's words
(terms.py) -> citations numbered here (citations.py) -> optional LLM writer and the stream (writer.py,
stream.py). Every statement of an answer carries a citation [n]; a question the reports cannot answer gets a
refusal that says so, never a guess.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from index.hybrid import HybridRetriever
from index.query import QueryInfo, detect_language
from index.spelling import Speller
from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.orgs import ORGS

from .citations import cite
from .compound import REFERS_BACK, elided, merge, split_compound
from .conversation import about_previous, standalone_question
from .coverage import Coverage
from .documents import Documents
from .facts import Facts, Floors
from .names import BEST, reports_in_other_languages, written_in
from .overview import Overview
from .passages import Passages
from .stream import extractive_events, written_events
from .terms import QuestionTerms
from .types import Answer, Citation, Composed, Finished, StreamEvent

if TYPE_CHECKING:
    import numpy as np

    from .writer import TextWriter

__all__ = ["Assistant", "split_compound"]


class Assistant:
    """Answers questions over an index.

    >>> assistant = Assistant(load_index(...))
    >>> assistant.ask("What did HEUNI do in 2020?").answer
    'HEUNI (European Institute ...) in 2020:\\n- ... [1]'
    """

    def __init__(
        self,
        store: StoreBase,
        retriever: HybridRetriever | None = None,
        max_sentences: int = 3,
        max_items: int = 10,
        min_relevance: float = 0.4,
        min_relevance_multilingual: float = 0.8,
        min_relevance_named: float = 0.3,
        analyze: Callable[[str], QueryInfo] | None = None,
        writer: TextWriter | None = None,
    ) -> None:
        self.store = store
        self.writer = writer
        self.retriever = retriever or HybridRetriever(store)
        # A seam: the eval's ablations switch institute or year handling off here.
        self.analyze = analyze or self.retriever.analyze
        # The institutes' names count as the collection's words even where a report only spells them out.
        names = [name for org in ORGS for name in org.names] + list(store.acronyms)
        words = store.lexicon.with_texts(names)
        self.speller = Speller.of_words(words.words, words.initials)
        self.coverage = Coverage(store, self.speller.in_collection)
        passages = Passages(store)
        terms = QuestionTerms(store)
        self.overview = Overview(store, passages, terms, self.analyze, max_items)
        floors = Floors(min_relevance, min_relevance_multilingual, min_relevance_named)
        self.facts = Facts(store, passages, self.overview, self.coverage, terms, floors, max_sentences)
        self.documents = Documents(store, passages)
        # Only where some report is in another language can an English question's answer be there alone.
        self.across = bool(store.multilingual) and reports_in_other_languages([d.text for d in store.documents])

    def search(self, query: str, k: int = 10) -> list[Hit]:
        return self.retriever.search(query, k)

    def ask(self, question: str, history: list[dict[str, str]] | None = None, k: int = 5) -> Answer:
        """Answer ``question`` (with the LLM writer when one is configured)."""
        if self.writer is None:
            return self.compose(question, history, k)
        *_, last = self.stream(question, history, k)
        assert isinstance(last, Finished)
        return last.answer

    def stream(self, question: str, history: list[dict[str, str]] | None = None, k: int = 5) -> Iterator[StreamEvent]:
        """The answer as events: citations, text deltas, the whole answer (api/stream.py). A generator:
        nothing runs before the first event is asked for, so any failure surfaces where the caller iterates."""
        extractive = self.compose(question, history, k)
        if self.writer is None or extractive.abstained:
            # An abstention stays ours: a writer given passages that do not answer would still write.
            yield from extractive_events(extractive)
            return
        hits = self.search(extractive.query, k)
        yield from written_events(extractive.query, extractive, hits, self.writer)

    def compose(self, question: str, history: list[dict[str, str]] | None = None, k: int = 5) -> Answer:
        """The extractive answer. A follow-up is first made standalone from ``history``; a compound
        question ("What did X do in 2020, and how did it ...?") is answered part by part."""
        resolved = standalone_question(question, history, self.analyze)
        answer = self._compose_resolved(resolved, k)
        if answer.abstained and resolved == question and (again := about_previous(question, history, self.analyze)):
            # Asked in a conversation, a question the reports do not answer on its own is asked about what the
            # conversation is about: "when is the full report coming out?" after a survey, "how much did the
            # Basel Institute chip in?" after a workshop it co-organised. Its refusal stands if that fails too.
            retried = self._compose_resolved(again, k)
            if not retried.abstained:
                return retried
        return answer

    def _compose_resolved(self, question: str, k: int) -> Answer:
        if detect_language(question) == "en":  # the collection's words are English ones
            question = self.speller.correct(question)
        parts = split_compound(question)
        if len(parts) == 1:
            return self._ask_one(question, k)
        started = time.perf_counter()
        answers = []
        for n, part in enumerate(parts):
            if n:
                part = self._part_in_context(part, parts[n - 1])
                parts[n] = part
            answers.append(self._ask_one(part, k))
        return merge(question, answers, (time.perf_counter() - started) * 1000)

    def _part_in_context(self, part: str, before: str) -> str:
        """A later part of a two-part question is a follow-up of the part before ("..., and in which city is
        it?"): made standalone the way a follow-up in a conversation is; a part that names no institute, or
        says "it" beside another institute ("how did it work with KICJ"), keeps the earlier part's."""
        if asked_again := elided(part, before):
            return asked_again
        resolved = standalone_question(part, [{"role": "user", "content": before}], self.analyze)
        if resolved != part:
            return resolved
        orgs, earlier = self.analyze(part).orgs, self.analyze(before).orgs
        if earlier and (REFERS_BACK.search(part) or not orgs) and not set(earlier) <= set(orgs):
            return f"{part} ({' '.join(earlier)})"
        return part

    def _ask_one(self, question: str, k: int) -> Answer:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        info = self.analyze(question)
        refusal = self.coverage.refusal(info)
        # An institute and a year never together ("the Centre in 2019", its only report of 2020) is refused like
        # an uncovered year: unless its passages speak of that year (a 2020 report gives 2019's income beside).
        refusal = refusal or self.coverage.pairing(info)
        unknown = self.coverage.unknown_body(question, info.orgs)
        if unknown or (refusal and info.summary):
            return self._finish(Composed(unknown or refusal or "", abstained=True), question, started, timings)
        space = self.store.space_for(info.language)
        vector = space.embedder.embed_query(question)
        hits = self.retriever.search_info(question, info, max(k, 16), vector=vector)
        foreign = written_in([hit.chunk.text for hit in hits[:BEST]]) if info.language == "en" else "en"
        if foreign != "en" and self.store.multilingual:
            # An English question on reports in Spanish or French is answered across languages, as a Spanish
            # question on English reports is: in the multilingual space, where the English model's sentence
            # similarities mean nothing.
            info = replace(info, language=foreign)
            space = self.store.space_for(info.language)
            vector = space.embedder.embed_query(question)
            hits = self.retriever.search_info(question, info, max(k, 16), vector=vector)
        timings["retrieve"] = (time.perf_counter() - started) * 1000
        # Across languages first: when that answers, the English passages' answer would be thrown away.
        composed = self._across(question, info, refusal, k) if info.language == "en" else None
        if composed is None:
            composed = self._compose_one(question, info, hits, space, vector, refusal, k)
        return self._finish(composed, question, started, timings)

    def _across(self, question: str, info: QueryInfo, refusal: str | None, k: int) -> Composed | None:
        """The answer to an English question from the passages of another language, when the multilingual space
        (which ranks passages of every language against each other) finds its best passage in one; None when it
        does not, or when no answer comes from such a passage. Only where some report is in another
        language: the English model finds English passages near the question even when only such a report
        answers it."""
        multilingual = self.store.multilingual
        if not self.across or multilingual is None:
            return None
        vector = multilingual.embedder.embed_query(question)
        best = multilingual.dense.search_vector(vector, 1)
        foreign = detect_language(best[0].chunk.text) if best else "en"
        if foreign == "en":
            return None
        info = replace(info, language=foreign)
        hits = self.retriever.search_info(question, info, max(k, 16), vector=vector)
        composed = self._compose_one(question, info, hits, multilingual, vector, refusal, k)
        if composed.abstained or not composed.cited or detect_language(composed.cited[0][0].text) != foreign:
            return None  # what the English passages gave stands, an answer or a refusal
        return composed

    def _compose_one(
        self,
        question: str,
        info: QueryInfo,
        hits: list[Hit],
        space: VectorSpace,
        vector: np.ndarray,
        refusal: str | None,
        k: int,
    ) -> Composed:
        overview = self.overview.asked(question, info, hits, space, vector)
        if refusal and (overview or not self.coverage.year_mentioned(info, hits[:3])):
            # "What did HEUNI do in 2015?": a passage mentioning 2015 is no account of that year.
            return Composed(refusal, abstained=True)
        scores = {h.chunk.chunk_id: h.score for h in hits}
        if overview:
            composed = self.overview.compose(info, scores, space, vector)
            if composed is not None:
                return composed
        elif (doc := self.documents.named(question, info)) and self.documents.asked(
            question, info.language, doc, hits, space, vector
        ):
            composed = self.documents.compose(doc, scores)  # "What is report E/CN.15/2020/9 about?"
            if composed is not None:
                return composed
        return self.facts.compose(question, info, hits, k, space, vector)

    @staticmethod
    def _finish(composed: Composed, question: str, started: float, timings: dict[str, float]) -> Answer:
        """Number citations in order of first use and replace {chunk_id} placeholders by [n]."""
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        for chunk, score in composed.cited:
            if chunk.chunk_id not in numbers:
                numbers[chunk.chunk_id] = len(numbers) + 1
                citations.append(cite(numbers[chunk.chunk_id], chunk, score))
        text = composed.text
        for chunk_id, n in numbers.items():
            text = text.replace("{" + chunk_id + "}", f"[{n}]")
        timings["total"] = (time.perf_counter() - started) * 1000
        rounded = {name: round(ms, 1) for name, ms in timings.items()}
        return Answer(text.strip(), composed.abstained, citations, question, rounded)
