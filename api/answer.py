"""Hits -> an Answer whose every statement carries a citation [n], composed extractively (no LLM).

Three shapes of answer:
- summary ("what did HEUNI do in 2020"): the institute's section for that year, one cited line per
  activity, in the report's order;
- fact: the few sentences of the best passages that answer the question, best first, each cited;
- abstention: the reports do not cover the year, the institute, or the question; say so, do not guess.
"""

from __future__ import annotations

import dataclasses
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from index.hybrid import HybridRetriever
from index.lexical import stem_terms
from index.query import QueryInfo, analyze_query
from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.orgs import BY_KEY, find_orgs, org_display, org_mentions
from ingest.sentences import ITEM_MARKER, is_lead_in, split_sentences, tidy
from ingest.types import Chunk, Document

from .attribution import attributed
from .citations import cite
from .conversation import standalone_question
from .stream import extractive_events, written_events
from .types import Answer, Citation, Finished, StreamEvent
from .understanding import (
    DIRECT_TYPES,
    answer_type,
    asks_many,
    found_in,
    holds_type,
    place_of,
    specific_terms,
    supported,
    without_context,
)

if TYPE_CHECKING:
    from .writer import TextWriter

__all__ = ["Assistant", "split_compound"]


@dataclass
class _Sentence:
    text: str
    chunk: Chunk
    chunk_score: float
    score: float = 0.0

    @property
    def pair(self) -> bool:
        return "\u2063" in self.text


# Words the reports and their readers use for the same thing ("When was NAUSS founded?" / "was
# established in 1978"). Stems map to the first stem of their group.
_SYNONYMS = (  # only unambiguous pairs: "set" (a set of) or "develop" joined these and hurt
    ("found", "establish"),
    ("headquart", "base", "locat"),
    ("director", "head", "chief"),
    ("fund", "financ", "sponsor"),
    ("particip", "attend", "attende"),
    ("wrote", "write", "author"),
)
_CANONICAL = {stem: group[0] for group in _SYNONYMS for stem in group}


def _names_other_org(sentence: _Sentence, keys: tuple[str, ...]) -> bool:
    """Does the sentence name one of ``keys`` other than the institute whose passage it is in?"""
    text = sentence.text.lower()
    for key in keys:
        if key != sentence.chunk.org and key in BY_KEY:
            if any(re.search(rf"(?<![a-z]){re.escape(n.lower())}(?![a-z])", text) for n in BY_KEY[key].names):
                return True
    return False


def _org_spans_in(question: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end, _ in org_mentions(question)]


def _about(text: str, chunk: Chunk, orgs: tuple[str, ...]) -> bool:
    """Is ``text`` (from ``chunk``) about one of ``orgs``: in its section, or naming it?"""
    return chunk.org in orgs or any(key in orgs for key in find_orgs(text))


def _count_pattern(question: str) -> re.Pattern[str] | None:
    """For "how many <noun phrase> ...": a number within a few words of one of its words."""
    target = _HOW_MANY.search(question)
    stems = stem_terms(target.group(1)) if target else []
    if not stems:
        return None
    nouns = "|".join(re.escape(stem) for stem in stems)
    number = rf"\b(?:{_NUMBER_WORDS})\b"
    # "320 participants", or the noun first: "visited a total of five times".
    return re.compile(
        rf"{number}\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})|\b(?:{nouns})\w*\s+(?:[\w-]+\s+){{0,4}}?{number}", re.I
    )


def _words(text: str) -> list[str]:
    """Stemmed content words, synonyms folded together, for lexical coverage."""
    return [_CANONICAL.get(t, t) for t in stem_terms(text)]


def _paragraph_numbers(text: str, sentences: list[str]) -> list[int]:
    """Which paragraph (blank-line separated block) of ``text`` each sentence belongs to."""
    numbers, cursor = [], 0
    for sentence in sentences:
        found = text.find(sentence, cursor)
        cursor = found + len(sentence) if found >= 0 else cursor
        numbers.append(text.count("\n\n", 0, max(found, 0)))
    return numbers


def _overlaps(a: str, b: str) -> bool:
    parts_a, parts_b = set(a.split("\u2063")), set(b.split("\u2063"))
    return bool(parts_a & parts_b)


# "how many <noun phrase>" up to its verb: "How many Cambodian ministry officers | attended ..."
_HOW_MANY = re.compile(
    r"\bhow many ((?:[a-z-]+ ){0,3}?[a-z-]+?)"
    r"(?= (?:did|do|does|were|was|are|is|have|has|had|took|attended|work|will|can)\b|[?,]|$)",
    re.I,
)
_NUMBER_WORDS = r"\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand"
# A sentence that continues the previous one: a pronoun, "The <same noun>", or a participle clause.
_ANAPHOR = re.compile(
    r"^(?:(?:It|They|This|These|Its|Their)\b|The (?P<words>(?:[a-z][\w-]* ){1,3})|[A-Z][a-z]+ed by\b)"
)
CROSS_PRIOR = 0.02  # measured: 0.02 helped Korean hit@1 (0.67 -> 0.75), 0.05 and 0.1 hurt
_QUESTION_WORDS = frozenset("how mani much what which who whom whose when where why tell give".split())
# "Which projects did X ...", "What training video ...": a question word before a noun asks for particular
# things; before an auxiliary ("What did", "What were", "What has") it may ask for everything.
_WH_DETERMINER = re.compile(
    r"^\s*(?:which|what|qu[eé]|cu[aá]l(?:es)?|quel(?:le)?s?)\s+"
    r"(?!(?:did|does|do|has|have|had|is|are|was|were|will|would|can|could|should|hizo|ha|han|fue|fueron|son|es|"
    r"a|ont|est|sont|était|étaient|ont-ils|a-t-il)\b)[^\W\d_]",
    re.I,
)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PLAIN_CACHE = 1024
SURROUNDINGS = 1000  # characters either side of a passage where a name of the question may be mentioned
HOME_BONUS = 0.1  # a sentence from the named institute's own section over one from another that mentions it
OVERVIEW_PASSAGES = 5  # the institute's best-ranked passages a question is compared with for overview intent
TYPED_BONUS = 0.1  # a sentence holding a span of the asked type (a number, a place, ...) over one without
# Types whose absence is checkable: a sentence without any number cannot say "how many".
CHECKED_TYPES = frozenset({"number", "amount", "date", "place"})


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
        # A seam: the eval's ablations switch institute or year handling off here.
        self.analyze = analyze or (lambda question: analyze_query(question, store.acronyms))
        self.retriever = retriever or HybridRetriever(store)
        self.max_sentences = max_sentences
        self.max_items = max_items
        self.min_relevance = min_relevance
        self.min_relevance_multilingual = min_relevance_multilingual
        self.min_relevance_named = min_relevance_named
        self._df: Counter[str] | None = None
        self._plain: dict[tuple[str, int], np.ndarray] = {}

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
        question = standalone_question(question, history, self.analyze)
        parts = split_compound(question)
        if len(parts) == 1:
            return self._ask_one(question, k)
        started = time.perf_counter()
        answers = []
        previous: tuple[str, ...] = ()
        for part in parts:
            orgs = self.analyze(part).orgs
            if previous and _REFERS_BACK.search(part) and not set(previous) <= set(orgs):
                part = f"{part} ({' '.join(previous)})"  # "how did it work with KICJ" -> it = HEUNI
            answers.append(self._ask_one(part, k))
            previous = self.analyze(part).orgs or previous
        return _merge(question, answers, (time.perf_counter() - started) * 1000)

    def _ask_one(self, question: str, k: int) -> Answer:
        started = time.perf_counter()
        info = self.analyze(question)
        refusal = self._coverage_refusal(info)
        pairing = self._pairing_refusal(info)
        if pairing:
            return self._abstain(pairing, question, started, {})
        if refusal and info.summary:
            return self._abstain(refusal, question, started, {})
        space = self.store.space_for(info.language)
        vector = space.embedder.embed_query(question)
        hits = self.retriever.search_info(question, info, max(k, 8), vector=vector)
        retrieved = time.perf_counter()
        timings = {"retrieve": (retrieved - started) * 1000}
        overview = info.summary or self._asks_overview(question, info, hits, space, vector)
        if refusal and (overview or not self._year_mentioned(info, hits[:3])):
            # "What did HEUNI do in 2015?": a passage mentioning 2015 is no account of that year.
            return self._abstain(refusal, question, started, timings)
        if overview:
            summary = self._summary(info, {h.chunk.chunk_id: h.score for h in hits}, space, vector)
            if summary is not None:
                text, cited = summary
                return self._finish(text, cited, question, started, timings)
        return self._fact(question, info, hits, k, started, timings, space, vector)

    def _asks_overview(
        self, question: str, info: QueryInfo, hits: list[Hit], space: VectorSpace, vector: np.ndarray
    ) -> bool:
        """Does the question mean "what did X do", whatever its words ("X's big wins", "X in a nutshell")?

        By meaning: it is closer to that plain question than to any one sentence of X's own passages. A
        question about one thing ("What does X's online tool do?") finds a sentence closer than the plain
        question; one that names no particular thing does not. Only for one institute and no answer type.
        """
        if len(info.orgs) != 1 or info.language == "ko" or answer_type(question) != "other":
            return False  # Korean: e5's similarities there are compressed (fact questions score 0.9 too)
        if (
            _WH_DETERMINER.match(question)  # "which protocol", "what training video": particular things
            or holds_type(_YEARS.sub("", question), "number")  # "the three major areas": things counted
            or specific_terms(question, _org_spans_in(question))
        ):
            return False  # "Which projects ...", "What training video ...", "RE-JUST ...": one particular thing
        key = info.orgs[0]
        if key not in self.analyze(without_context(question)).orgs:
            return False  # "the model she helped develop (... ICPC ...)": a follow-up about one thing
        own = [hit.chunk for hit in hits if hit.chunk.org == key][:OVERVIEW_PASSAGES]
        if not own:
            return False
        start, end, _ = (
            next(m for m in org_mentions(question) if m[2] == key) if key in find_orgs(question) else (0, 0, key)
        )
        name = question[start:end] or key
        during = f" in {' and '.join(map(str, info.years))}" if info.years else ""
        plain = float(self._plain_question(f"What did {name} do{during}?", space) @ vector)
        closest = max(sim for chunk in own for _, sim in self._answer_units(chunk, space, vector))
        return plain > closest

    def _plain_question(self, text: str, space: VectorSpace) -> np.ndarray:
        """The vector of the plain question ``text`` ("What did UNAFEI do in 2020?") in ``space``, kept for
        the next question that names the institute the same way."""
        cache_key = (text, id(space.embedder))
        if cache_key not in self._plain:
            if len(self._plain) > PLAIN_CACHE:
                self._plain.clear()
            self._plain[cache_key] = space.embedder.embed_query(text)
        return self._plain[cache_key]

    # -- coverage -----------------------------------------------------------------------------------

    def _coverage_refusal(self, info: QueryInfo) -> str | None:
        """Why the reports cannot answer (an uncovered year or institute), or None."""
        if info.orgs:
            present = [key for key in info.orgs if self._covers_org(key)]
            if not present:
                names = " or ".join(org_display(key) or key for key in info.orgs)
                return f"The indexed reports say nothing about {names}. {self._coverage_line()}"
        if info.years and not any(year in self.store.years for year in info.years):
            asked = ", ".join(str(y) for y in info.years)
            return f"The indexed reports do not cover {asked}. {self._coverage_line()}"
        return None

    def _pairing_refusal(self, info: QueryInfo) -> str | None:
        """Institute and year both covered, but never together: say where the institute does appear."""
        # "UNICRI in 2023" when UNICRI appears only in the 2020 report. (Uncovered institutes or years
        # are _coverage_refusal's.)
        if not (info.orgs and info.years) or self._coverage_refusal(info):
            return None
        together = {(o, c.year) for c in self.store.chunks for o in (c.org, *c.mentions) if o in info.orgs}
        if not any((o, y) in together for o in info.orgs for y in info.years):
            names = " or ".join(org_display(key) or key for key in info.orgs)
            years = sorted({y for o, y in together if y})
            return (
                f"The indexed reports say nothing about {names} in {', '.join(map(str, info.years))}; "
                f"they cover it in {', '.join(map(str, years))}."
            )
        return None

    def _covers_org(self, key: str) -> bool:
        return key in self.store.orgs

    def _coverage_line(self) -> str:
        reports = [f"{doc.year} ({_short_title(doc.title)})" for doc in self.store.documents if doc.year]
        return "They cover " + "; ".join(reports) + "." if reports else ""

    def _year_mentioned(self, info: QueryInfo, hits: list[Hit]) -> bool:
        return bool(info.years) and any(str(y) in hit.chunk.text for y in info.years for hit in hits)

    # -- summary ------------------------------------------------------------------------------------

    def _summary(
        self, info: QueryInfo, scores: dict[str, float], space: VectorSpace, vector: np.ndarray
    ) -> tuple[str, list[tuple[Chunk, float]]] | None:
        """One cited line per activity from the named institute's own sections, or None if it has none."""
        key = info.orgs[0]
        items: list[tuple[Document, str, int]] = []  # (document, item text, offset in document)
        for doc in self.store.documents:
            if info.years and doc.year not in info.years:
                continue
            for start, end in _org_spans(doc, key):
                offset = start
                for block in doc.text[start:end].split("\n\n"):
                    stripped = block.strip()
                    if stripped and not stripped.startswith("Note:") and offset not in _heading_offsets(doc):
                        items.append((doc, stripped, offset + (len(block) - len(block.lstrip()))))
                    offset += len(block) + 2
        if not items:
            return None
        items = self._choose_items(items, space, vector)
        years = sorted({doc.year for doc, _, _ in items if doc.year})
        header = f"{org_display(key)}"
        header += f" in {years[0]}:" if len(years) == 1 else ", from the indexed reports:"
        lines = [header]
        cited: list[tuple[Chunk, float]] = []
        for doc, item, offset in items:
            chunk = self._chunk_at(doc, offset, item)
            if chunk is None:
                continue
            first = split_sentences(item)[0]
            if first.endswith(":") and len(items) > 2:  # "10. ... involved in the following projects:"
                continue
            sentence = tidy(first)
            if len(sentence) < 12:
                continue
            prefix = f"{doc.year}: " if len(years) > 1 and doc.year else ""
            cited.append((chunk, scores.get(chunk.chunk_id, 0.0)))
            lines.append(f"- {prefix}{sentence} {{{chunk.chunk_id}}}")
        if not cited:
            return None
        return "\n".join(lines), cited

    def _choose_items(
        self, items: list[tuple[Document, str, int]], space: VectorSpace, vector: np.ndarray
    ) -> list[tuple[Document, str, int]]:
        """All items when few; else the numbered paragraphs plus the sub-items closest to the question."""
        items = [it for it in items if not split_sentences(it[1])[0].endswith(":") or len(items) <= 2]
        if len(items) <= self.max_items:
            return items
        leads = [i for i, (_, text, _) in enumerate(items) if re.match(r"^\d{1,3}\.\s", text)]
        keep = set(leads[: self.max_items // 2])
        rest = [i for i in range(len(items)) if i not in keep]
        similarity = [float(self._item_vector(items[i], space) @ vector) for i in rest]
        for j in np.argsort(-np.asarray(similarity)):
            if len(keep) >= self.max_items:
                break
            keep.add(rest[int(j)])
        return [items[i] for i in sorted(keep)]

    def _item_vector(self, item: tuple[Document, str, int], space: VectorSpace) -> np.ndarray:
        """The stored vector of an item's first sentence (embedded only if the index lacks it)."""
        doc, text, offset = item
        first = split_sentences(text)[0]
        chunk = self._chunk_at(doc, offset, text)
        if chunk is not None:
            sentences = split_sentences(chunk.text)
            stored = space.sentences.of_chunk(self.store.row_of[chunk.chunk_id])
            if first in sentences and len(stored) == len(sentences):
                return stored[sentences.index(first)]
        return space.embedder.embed_documents([first])[0]

    def _chunk_at(self, doc: Document, offset: int, item: str) -> Chunk | None:
        """The chunk of ``doc`` that holds the first sentence of the item starting at ``offset``."""
        first = split_sentences(item)[0]
        candidates = [c for c in self.store.chunks if c.doc_id == doc.doc_id and c.start <= offset < c.end]
        for chunk in candidates:
            if first[:80] in chunk.text:
                return chunk
        return candidates[0] if candidates else None

    # -- facts --------------------------------------------------------------------------------------

    def _fact(
        self,
        question: str,
        info: QueryInfo,
        hits: list[Hit],
        k: int,
        started: float,
        timings: dict[str, float],
        space: VectorSpace,
        vector: np.ndarray,
    ) -> Answer:
        pool = hits[: max(k, 6)]
        # Names, figures and ordinals of the question ("the eighth forum", "in Viet Nam"): a passage that has
        # none of them is about something else, however close its meaning. (English: the reports' language.)
        specifics = specific_terms(question, _org_spans_in(question)) if info.language == "en" else []
        pool_all = pool
        pool = [h for h in pool if supported(specifics, self._surroundings(h.chunk))]
        if not pool:
            return self._abstain(self._not_mentioned(specifics, pool_all), question, started, timings)
        sentences: list[_Sentence] = []
        similarity: list[float] = []
        for hit in pool:
            for text, sim in self._answer_units(hit.chunk, space, vector):
                if info.orgs and not _about(text, hit.chunk, info.orgs):
                    continue  # "Who is the director of UNICRI?" is not answered from a sentence on UNAFEI
                sentences.append(_Sentence(text, hit.chunk, hit.score))
                similarity.append(sim)
        if not sentences:
            return self._abstain(self._no_answer(), question, started, timings)
        # The question's words weigh as much as its meaning, in English. A Korean question shares no words
        # with English passages: there its glossary renderings (index/glossary.py) count for a quarter.
        if info.language == "en":
            terms, lexical = self._question_terms(question, info), 0.5
        else:
            terms = self._question_terms(info.expansion, info)
            lexical = 0.25 if terms else 0.0
        counted = _count_pattern(question)
        kind = answer_type(question)
        subject_names = [name for key in info.orgs for name in BY_KEY[key].names if key in BY_KEY]
        # Retrieval's score relative to the best (fusion scores and CrossEncoder sigmoids are positive;
        # min-max scaling was tried and over-weighted tiny differences: Korean hit@5 0.917 -> 0.750).
        best_chunk = max(hit.score for hit in pool)
        retrieval = {h.chunk.chunk_id: h.score / best_chunk if best_chunk > 0 else 1.0 for h in pool}
        rank_of = {hit.chunk.chunk_id: rank for rank, hit in enumerate(pool)}
        coverage: dict[int, float] = {}
        for i, (sentence, sim) in enumerate(zip(sentences, similarity, strict=True)):
            coverage[i] = self._coverage(terms, sentence.text)
            sentence.score = (
                (1 - lexical) * float(sim) + lexical * coverage[i] + 0.1 * retrieval[sentence.chunk.chunk_id]
            )
            if info.language != "en":
                # Across languages sentence similarity is blunt; retrieval's ranking is the better prior.
                sentence.score += CROSS_PRIOR / (1 + rank_of[sentence.chunk.chunk_id])
            if kind in DIRECT_TYPES and holds_type(sentence.text, kind):
                sentence.score += TYPED_BONUS  # "which city": the answer's words are rarely the question's
            if kind == "place" and place_of(sentence.text, subject_names):
                sentence.score += TYPED_BONUS  # "X, based in Tokyo,": the place said of what was asked about
            if counted and counted.search(sentence.text.lower()):
                sentence.score += 0.3  # "How many participants" -> "320 participants"
            if sentence.pair:
                sentence.score -= 0.02  # equal evidence: the shorter answer wins
            if len(info.orgs) == 1 and sentence.chunk.org == info.orgs[0]:
                sentence.score += HOME_BONUS  # the institute's own section speaks for it, a mention elsewhere less
            if len(info.orgs) > 1 and _names_other_org(sentence, info.orgs):
                sentence.score += 0.2  # "how did HEUNI work with KICJ": a sentence linking the two
        order = sorted(range(len(sentences)), key=lambda i: -sentences[i].score)
        best_i = order[0]
        best = sentences[best_i]
        # Relevance of the best sentence: meaning (cosine) and the question's rare words, equally weighted.
        relevance = (1 - lexical) * float(similarity[best_i]) + lexical * coverage[best_i]
        floor = self.min_relevance if info.language == "en" else self.min_relevance_multilingual
        if info.orgs:
            # Naming an institute makes every passage of its section look relevant; the bar is lower but
            # not gone ("What is the annual budget of TIJ?": the reports never say).
            floor = self.min_relevance_named if info.language == "en" else 0.0
        # A sentence linking two institutes the question names is itself the evidence asked for.
        links = len(info.orgs) > 1 and _names_other_org(best, info.orgs)
        if relevance < floor and not links:
            return self._abstain(self._no_answer(), question, started, timings)
        if kind in CHECKED_TYPES and not links and not any(holds_type(sentences[i].text, kind) for i in order[:5]):
            # "How much did the Basel Institute spend on LEARN?": on topic, but no sentence gives an amount.
            return self._not_given(kind, best, question, started, timings)
        if info.orgs and info.language == "en" and terms and max(coverage.values()) == 0 and not links:
            # The institute is covered, but nothing the question asks about appears in its passages.
            return self._abstain(self._no_answer(), question, started, timings)
        single = kind in DIRECT_TYPES and not asks_many(question)
        if is_lead_in(best.text) and not single:
            listed = self._lead_in_list(best)
            if listed is not None:
                text, cited = listed
                return self._finish(text, cited, question, started, timings)
        chosen = [best]
        # A direct question gets its best sentence; across languages two, as sentence scores are blunter there.
        limit = self.max_sentences if not single else 1 if info.language == "en" else 2
        for i in order[1:]:
            sentence = sentences[i]
            # Across languages too: tried keeping only near-ties there (shorter answers), but Korean accuracy
            # fell from 0.833 to 0.750, as the runner-up sentences often hold the answer.
            if len(chosen) >= limit or sentence.score < 0.85 * best.score:
                break
            if not is_lead_in(sentence.text) and not any(_overlaps(sentence.text, c.text) for c in chosen):
                chosen.append(sentence)
        chosen = [self._with_continuation(c) for c in chosen]
        # Each sentence of a pair carries its own citation: every statement is cited.
        quotes = [
            (" ".join(f"{tidy(part)} {{{s.chunk.chunk_id}}}" for part in s.text.split("\u2063")), s.chunk)
            for s in chosen
        ]
        scores = {hit.chunk.chunk_id: hit.score for hit in pool}
        return self._finish(
            attributed(quotes), [(s.chunk, scores[s.chunk.chunk_id]) for s in chosen], question, started, timings
        )

    def _answer_units(self, chunk: Chunk, space: VectorSpace, vector: np.ndarray) -> list[tuple[str, float]]:
        """Sentences, and pairs of adjacent sentences of one paragraph, with their similarity to the question.

        The answer is often the sentence after the one that names the subject ("... TRAIIn Training ...
        | The project closed ... in Rome"). A pair scores the mean of its sentences' similarities (as good
        on the gold set as embedding the pair, and free). U+2063 (invisible separator) joins a pair; the
        answer shows each part with its own citation.
        """
        sentences = split_sentences(chunk.text)
        stored = space.sentences.of_chunk(self.store.row_of[chunk.chunk_id])
        vectors = stored if len(stored) == len(sentences) else space.embedder.embed_documents(sentences)
        similarity = [float(s) for s in vectors @ vector] if len(sentences) else []
        paragraph_of = _paragraph_numbers(chunk.text, sentences)
        units: list[tuple[str, float]] = []
        for i, sentence in enumerate(sentences):
            if len(sentence) <= 20:
                continue
            units.append((sentence, similarity[i]))
            j = i + 1
            if j < len(sentences) and paragraph_of[j] == paragraph_of[i] and len(sentences[j]) > 20:
                if not is_lead_in(sentence):
                    units.append((f"{sentence}\u2063{sentences[j]}", (similarity[i] + similarity[j]) / 2))
        return units

    def _with_continuation(self, unit: _Sentence) -> _Sentence:
        """A sentence followed, in its paragraph, by one that refers back to it ("It builds on ...",
        "The online tool performs ...") is incomplete without it: answer with both."""
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
        if not anaphor:
            return unit
        words = (anaphor.group("words") or "").split()
        if words and not any(len(w) > 3 and w.rstrip("s") in unit.text.lower() for w in words):
            return unit  # "The seminar ..." after a sentence about a tool starts a new topic
        return _Sentence(f"{unit.text}\u2063{following}", unit.chunk, unit.chunk_score, unit.score)

    def _question_terms(self, question: str, info: QueryInfo) -> dict[str, float]:
        """Stemmed content words of the question, weighted by rarity (IDF) in the indexed chunks.

        Institute names are left out: retrieval already handles them, and here they would favour
        sentences that merely name the institute over sentences that answer.
        """
        names = {t for key in info.orgs for t in stem_terms(" ".join(BY_KEY[key].names))}
        df = self._document_frequency()
        n = len(self.store.chunks) or 1
        terms = [t for t in _words(question) if t not in names and t not in _QUESTION_WORDS]
        return {t: math.log(1 + n / (1 + df.get(t, 0))) for t in terms}

    def _document_frequency(self) -> Counter[str]:
        if self._df is None:
            self._df = Counter(t for chunk in self.store.chunks for t in set(_words(chunk.text)))
        return self._df

    @staticmethod
    def _coverage(terms: dict[str, float], text: str) -> float:
        """IDF-weighted share of the question's words that ``text`` contains."""
        total = sum(terms.values())
        if not total:
            return 0.0
        present = set(_words(text))
        return sum(weight for term, weight in terms.items() if term in present) / total

    def _lead_in_list(self, lead: _Sentence) -> tuple[str, list[tuple[Chunk, float]]] | None:
        """ "... in the following projects:" then one cited line per item that follows it."""
        doc = self.store.by_doc_id.get(lead.chunk.doc_id)
        if doc is None:
            return None
        position = doc.text.find(lead.text, lead.chunk.start)
        if position < 0:
            return None
        offset = doc.text.find("\n\n", position)
        lines = [f"{tidy(lead.text)} {{{lead.chunk.chunk_id}}}"]
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
            chunk = self._chunk_at(doc, start, block)
            if chunk is None:
                break
            lines.append(f"- {tidy(split_sentences(block)[0])} {{{chunk.chunk_id}}}")
            cited.append((chunk, lead.chunk_score))
            offset = end
        return ("\n".join(lines), cited) if len(cited) > 1 else None

    def _not_given(
        self, kind: str, closest: _Sentence, question: str, started: float, timings: dict[str, float]
    ) -> Answer:
        """A refusal that says what the reports do say on the subject, and that they do not give the ``kind``."""
        what = _KIND_NAMES.get(kind, "this")
        quote = " ".join(f"{tidy(part)} {{{closest.chunk.chunk_id}}}" for part in closest.text.split("\u2063"))
        text = f"The indexed reports do not give {what}. The closest they come:\n" + attributed(
            [(quote, closest.chunk)]
        )
        answer = self._finish(text, [(closest.chunk, closest.chunk_score)], question, started, timings)
        return dataclasses.replace(answer, abstained=True)

    def _surroundings(self, chunk: Chunk) -> str:
        """The passage with its structural path and the text just around it: what a name in the question may
        be mentioned in ("the Secretary-General's report" is named in the heading, paragraphs above)."""
        doc = self.store.by_doc_id.get(chunk.doc_id)
        around = doc.text[max(0, chunk.start - SURROUNDINGS) : chunk.end + SURROUNDINGS] if doc else chunk.text
        return f"{chunk.context}\n{around}"

    def _not_mentioned(self, terms: list[str], hits: list[Hit]) -> str:
        """The refusal when no passage speaks of the question's names or figures: say which are missing."""
        texts = [self._surroundings(h.chunk) for h in hits]
        missing = [t for t in terms if not any(found_in(t, text) for text in texts)] or terms
        return (
            f"The indexed reports say nothing about {' '.join(missing)} in the passages that match this question. "
            f"{self._coverage_line()}"
        )

    def _no_answer(self) -> str:
        return (
            f"The indexed reports do not answer this question. {self._coverage_line()} "
            "Try naming an institute, a project or a year."
        )

    # -- assembly -----------------------------------------------------------------------------------

    def _finish(
        self, text: str, cited: list[tuple[Chunk, float]], question: str, started: float, timings: dict[str, float]
    ) -> Answer:
        """Number citations in order of first use and replace {chunk_id} placeholders by [n]."""
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        for chunk, score in cited:
            if chunk.chunk_id not in numbers:
                numbers[chunk.chunk_id] = len(numbers) + 1
                citations.append(cite(numbers[chunk.chunk_id], chunk, score))
        for chunk_id, n in numbers.items():
            text = text.replace("{" + chunk_id + "}", f"[{n}]")
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(text, False, citations, question, {k: round(v, 1) for k, v in timings.items()})

    def _abstain(self, message: str, question: str, started: float, timings: dict[str, float]) -> Answer:
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(message.strip(), True, [], question, {k: round(v, 1) for k, v in timings.items()})


_KIND_NAMES = {"number": "that number", "amount": "that amount", "date": "that date", "place": "that place"}
_COMPOUND = re.compile(r",?\s+and\s+(?=(?:what|how|when|where|who|which|why)\b)", re.I)
_REFERS_BACK = re.compile(r"\b(?:it|its|they|their|them)\b", re.I)


def split_compound(question: str) -> list[str]:
    """ "What did HEUNI do in 2020, and how did it work with KICJ in 2023?" -> its two questions."""
    parts = [p.strip(" ,?") for p in _COMPOUND.split(question)]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [question]
    return [p + "?" for p in parts]


def _merge(question: str, answers: list[Answer], total_ms: float) -> Answer:
    """One answer from the answers to each part, citations renumbered in order of first use."""
    texts: list[str] = []
    citations: list[Citation] = []
    numbers: dict[str, int] = {}
    for answer in answers:
        local = {c.n: c for c in answer.citations}
        for citation in answer.citations:
            if citation.chunk_id not in numbers:
                numbers[citation.chunk_id] = len(numbers) + 1
                citations.append(dataclasses.replace(citation, n=numbers[citation.chunk_id]))
        renumber = {n: numbers[c.chunk_id] for n, c in local.items()}
        texts.append(_renumber(answer.answer, renumber))
    abstained = all(a.abstained for a in answers)
    return Answer("\n\n".join(texts), abstained, citations, question, {"total": round(total_ms, 1)})


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping[int(m.group(1))]}]", text)


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


def _heading_offsets(doc: Document) -> set[int]:
    return {s.start for s in doc.sections}


def _short_title(title: str, words: int = 8) -> str:
    parts = title.split()
    return title if len(parts) <= words else " ".join(parts[:words]) + " …"
