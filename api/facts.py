"""Facts: the few sentences of the best passages that answer a question, best first, each cited; or a
refusal that says why (nothing relevant, a name or figure no passage mentions, an answer type no sentence
holds).

Sentences are scored as evidence in evidence.py; here the gates an answer must pass (relevance, the bodies and
figures the question names, a span of the asked type, the asked period) and the answer's shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from index.query import QueryInfo, detect_language
from index.store import StoreBase, VectorSpace
from index.types import Hit
from ingest.periods import label_years
from ingest.sentences import is_lead_in

from .attribution import attributed
from .clip import fitted
from .coverage import Coverage
from .documents import report_itself, title_pages
from .evidence import (
    CHECKED_TYPES,
    QUANTITIES,
    TYPED_WITHIN,
    about,
    another_body,
    attribute_missing,
    in_period,
    lead,
    names_bodies,
    names_other_org,
    of_kind_asked,
    of_period,
    score_units,
    seat,
    setting,
    weight,
)
from .figures import Ranked, figure_order
from .follow_ups import follow_up_order, own_words
from .meaning import Meaning
from .names import BEST, asked_specifics, is_country, named_in, supported, written_in
from .overview import Overview
from .passages import Passages, Unit
from .refusals import not_given, not_mentioned
from .roles import holders_first, office_asked, office_label
from .spans import holds_type
from .terms import QuestionTerms, words
from .types import Composed
from .understanding import DIRECT_TYPES, answer_type, asks_many, context_of, without_context

__all__ = ["Facts"]

CREDITS = frozenset({"author", "editor", "leader", "coordinator"})  # offices a body may hold as well as a person
ANSWER_CHARS = 550  # a fact answer's quotations, read in a chat bubble (long sentences cut to clauses: clip.py)
MENTIONS = 2  # passages outside a named institute's section that mention it, added to the candidates


@dataclass(frozen=True)
class Floors:
    """Relevance the best sentence needs, by how the question is asked."""

    english: float = 0.4
    multilingual: float = 0.8
    named: float = 0.3  # a question naming an institute, in English


class Facts:
    def __init__(
        self,
        store: StoreBase,
        passages: Passages,
        overview: Overview,
        coverage: Coverage,
        terms: QuestionTerms,
        floors: Floors | None = None,
        max_sentences: int = 3,
    ) -> None:
        self.store = store
        self.passages = passages
        self.overview = overview
        self.coverage = coverage
        self.floors = floors or Floors()
        self.max_sentences = max_sentences
        self.terms = terms
        self.meaning = Meaning(store.embedder)

    def compose(
        self, question: str, info: QueryInfo, hits: list[Hit], k: int, space: VectorSpace, vector: np.ndarray
    ) -> Composed:
        head, said = max(k, 6), set(words(question))
        # A named institute's own section fills the top; what other passages say of it (its director named in
        # another institute's account) is evidence too, and so is a passage of it or naming it lower down that
        # holds a sentence closer to the question than any of the top's.
        mention = [h for h in hits[head:] if any(key in h.chunk.mentions for key in info.orgs)]
        pool = hits[:head] + mention[:MENTIONS]
        named = [h for h in hits[head:] if h not in pool and (h.chunk.org in info.orgs or h in mention)]
        pool += self.passages.closer_sentences(pool, named, space, vector)
        pool += title_pages(self.store, said, pool)
        office = office_asked(without_context(question))
        author = office is not None and office_label(office) == "author"
        if author:
            # "Who wrote the foreword?": whoever signs it, below its last paragraph, maybe in a passage of its own.
            # The section may be named by its heading ("the foreword") and rank low, its signature lower still.
            signing = [self.passages.signed_by(h.chunk) for h in pool[:BEST]]
            signing += [
                c
                for d in dict.fromkeys(h.chunk.doc_id for h in pool[:BEST])
                for c in self.passages.signed_named(d, said)
            ]
            pool += [Hit(c, 0.0) for c in dict.fromkeys(filter(None, signing)) if c not in {h.chunk for h in pool}]
        # Names, figures and ordinals of the question: a passage that has none of them is about something else,
        # however close its meaning.
        specifics = asked_specifics(question, info.language, [h.chunk.text for h in pool], self.coverage.in_collection)
        supporting = [
            h
            for h in pool
            if supported(specifics, around := self.passages.surroundings(h.chunk)) and in_period(h.chunk, info, around)
        ]
        if not supporting:
            texts = [self.passages.surroundings(h.chunk) for h in pool]
            return Composed(not_mentioned(specifics, texts, self.coverage.line()), abstained=True)
        units, similarity = self._units(supporting, info, space, vector)
        if not units:
            return Composed(self.coverage.no_answer(), abstained=True)
        terms, lexical = self.terms.asked_by(question, info, written_in([h.chunk.text for h in supporting[:BEST]]))
        kind = answer_type(question)
        read = [set(words(unit.read_with(kind in DIRECT_TYPES))) for unit in units]  # for coverage and echoes
        # A signature is read with the heading of what it signs ("Dr Anna Berg, Director" under "Foreword").
        signed = {i for i, unit in enumerate(units) if author and self.passages.signs(unit)}
        for i in signed:
            read[i] |= set(words(units[i].chunk.section or ""))
        coverage = [self.terms.coverage(terms, present) for present in read]
        if readings := self.terms.by_language(question, info):
            # Each sentence is read in its own language: a Korean question's words in a Korean page's sentences,
            # their glossary renderings in English ones, whichever language most of the passages found are in
            # (a Korean page's sentence holding the count asked was read for English words, and lost to English
            # sentences on other courses).
            own, rendered = readings
            coverage = [
                self.terms.coverage(own if detect_language(unit.chunk.text) == info.language else rendered, present)
                for unit, present in zip(units, read, strict=True)
            ]
        score_units(question, info, kind, units, similarity, coverage, lexical, supporting)
        ranked = Ranked(question, info, kind, units, similarity, coverage, lexical, terms, specifics)
        order = sorted(range(len(units)), key=lambda i: -units[i].score)
        order = follow_up_order(question, info, kind, units, order, read, self.terms)
        # A sentence saying nothing the question does not (a report's title, for "Who wrote <the title>?") only
        # echoes it: any sentence that adds something answers first. (A lead-in adds the list that follows it.)
        echoes = [i for i in order if read[i] <= said and not is_lead_in(units[i].text)]
        order = [i for i in order if i not in echoes] + echoes
        top = units[order[0]]
        # Is the question on the passages' topic at all? The most relevant sentence's relevance: meaning
        # (cosine) and the question's rare words, equally weighted (no preference for a type or a section).
        relevance = max(map(ranked.relevance, range(len(units))))
        if info.language == "en" and context_of(question):
            # A follow-up is on the topic when its own words are, whatever the context it carries: the previous
            # question and answer say which thing it is about, and the sentence answering need not repeat them
            # ("And who joined the team as program manager? (Who is ICCLR's Executive Director; Ms X is ...)").
            own = self.terms.weights(without_context(question), info.orgs)
            relevance = max(
                relevance,
                *(
                    (1 - lexical) * similarity[i] + lexical * self.terms.coverage(own, read[i])
                    for i in range(len(units))
                ),
            )
        floor = self.floors.english if info.language == "en" else self.floors.multilingual
        if info.orgs:
            # Naming an institute makes every passage of its section look relevant; the bar is lower but
            # not gone ("What is the annual budget of TIJ?": the reports never say).
            floor = self.floors.named if info.language == "en" else 0.0
        # A sentence linking two institutes the question names is itself the evidence asked for.
        links = len(info.orgs) > 1 and names_other_org(top, info.orgs)
        answering: set[int] | None = None
        held = False  # an office's holder found: "Who heads TIJ?" shares no word with "Director Kittipong ..."

        def bare() -> set[int]:  # embeds a few sentences: asked for only when no word of the question is there
            nonlocal answering
            if answering is None:
                answering = self._bare(question, info, kind, units, order, coverage)
            return answering

        # A question in another language is on the passages' topic when a sentence holds half its translated
        # words (index/glossary.py, index/places.py), whatever the blunter cross-language similarity says. A
        # sentence sharing none of the question's words is relevant by meaning alone ("When was NAUSS founded?":
        # "established in 1978").
        glossed = info.language != "en" and len(terms) >= 2 and max(coverage) >= 0.5
        # The signature closing the section the question names ("Who wrote the foreword?") answers it.
        signs_asked = any(set(words(units[i].chunk.section or "")) & set(terms) for i in signed)
        if relevance < floor and not links and not glossed and not signs_asked and not bare():
            return Composed(self.coverage.no_answer(), abstained=True)
        english = detect_language(without_context(question)) == "en"  # the question's, whatever its passages'
        bodies = self.coverage.other_bodies(question, info.orgs) if english else []
        if bodies:
            # "When did KICJ sign its MOU with Griffith University?" is not answered by the MOU with Illinois State
            # University: a body the question names must be named by the sentence that answers.
            naming = [i for i in order if names_bodies(units[i], bodies)]
            if not naming or naming[0] not in order[:TYPED_WITHIN]:
                return not_given(kind, top, of=" or ".join(name for name, _ in bodies))
            order = naming + [i for i in order if i not in naming and not another_body(units[i], bodies)]
        if kind in CHECKED_TYPES and (page := report_itself(question, kind, units, order, self.store)):
            order = page + [i for i in order if i not in page]  # the report's own date: its title page says it
        elif kind in QUANTITIES and not asks_many(question):
            names_all = partial(self._names_all, specifics=specifics)
            figures = figure_order(
                ranked, order, self.store.space.embedder, self.meaning, names_all, 0.0 if links else floor
            )
            if isinstance(figures, Composed):
                return figures
            order = figures
        elif office:
            # "Who is the director of UNICRI?" is answered by a sentence naming a director, or not at all. One
            # far down the ranking answers when its passage is on what the question names: a credit line
            # "Authors: ..." says little in itself, under the title the question gives.
            credit = office_label(office) in CREDITS

            def pinned(unit: Unit) -> bool:
                if specifics:
                    return self._names_all(unit, specifics)
                return credit and self.terms.coverage(terms, f"{lead(unit)}\n{self.passages.front(unit.chunk)}") >= 0.5

            texts = [unit.text for unit in units]
            pinning = lambda i: pinned(units[i]) or i in signed  # noqa: E731
            if holders := holders_first(office, order, texts, TYPED_WITHIN, pinning, question, signed):
                order, held = holders, not credit or holders[0] in signed  # the holder named is the evidence
            elif not credit:
                return not_given(kind, top, f"the {office_label(office)}'s name")
            # A work's author may be a body ("The Institute drafted the strategy"): no credit line is no refusal.
        elif (
            kind in CHECKED_TYPES
            and not any(
                holds_type(units[i].text, kind)
                and (coverage[i] > 0 or not terms or i in bare())
                # on what the question names ("KICJ's 10th forum": not a place in the journal's paragraph)
                and supported(specifics, f"{setting(units[i])}\n{self.passages.front(units[i].chunk)}")
                for i in order[:TYPED_WITHIN]
            )
        ):
            # "Where ...?" and no sentence near the top names a place (places are looser spans than figures:
            # tried answering with the first sentence naming one, and "across East Africa", "the judicial branch
            # of Costa Rica" lost to sentences with "in Uganda"). A place in a sentence sharing none of the
            # question's words is another event's ("Where was the seminar for prosecutors held?": a training
            # "in Bangkok" for prison staff).
            return not_given(kind, top)
        elif kind == "other" and info.language == "en" and (missing := attribute_missing(question, units, order, read)):
            # "What is the impact factor of the journal?": no sentence near the top names the attribute ("impact
            # stories" are another thing), or the best one says it is open ("on a theme to be decided").
            return not_given(kind, missing[1] or top, f"the {missing[0]}")
        elif kind == "place" and (not holds_type(units[order[0]].text, kind) or not any(coverage)):
            # "Where is it? (NAUSS)": a sentence giving the institute's seat ("Located in Riyadh, it is ...")
            # answers before one that names no place at all ("available at http://nauss.edu.sa"); and when the
            # question asks nothing but where the institute is ("Which city is HEUNI in?": none of its other
            # words in any sentence), before another's sentence placing it ("with HEUNI in Finland").
            seats = [i for i in order[:TYPED_WITHIN] if seat(units[i], info)]
            order = seats + [i for i in order if i not in seats]
        elif kind == "organisation":
            order = of_kind_asked(question, info, units, order)  # "Which Finnish institute", "which university"
        best = units[order[0]]
        if info.years and not of_period(best, info.years, kind, info.fiscal_starts):
            # "What was HEUNI's expenditure in 2020?": "EUR 1.63 million in 2018 and EUR 1.94 million in 2019".
            return not_given(kind, best, when=label_years(min(info.years), max(info.years)))
        if info.orgs and info.language == "en" and terms and max(coverage) == 0 and not links and not held:
            # The institute is covered, but nothing the question asks about appears in its passages, nor its
            # meaning ("What is the annual budget of TIJ?").
            meant = bare()
            if not meant:
                return Composed(self.coverage.no_answer(), abstained=True)
            best = units[next(i for i in order if i in meant)]
        single = kind in DIRECT_TYPES and not asks_many(question)
        if is_lead_in(best.text) and not single:
            listed = self.overview.lead_in_list(best)
            if listed is not None:
                return listed
        # A direct question gets its best sentence; across languages two, as sentence scores are blunter there.
        limit = self.max_sentences if not single else 1 if info.language == "en" else 2
        chosen = [best]
        for i in order[1:]:
            unit = units[i]
            # Across languages too: tried keeping only near-ties there (shorter answers), but Korean accuracy
            # fell from 0.833 to 0.750, as the runner-up sentences often hold the answer.
            if len(chosen) >= limit or unit.score < 0.85 * best.score:
                break
            if not is_lead_in(unit.text) and not any(unit.overlaps(c) for c in chosen):
                chosen.append(unit)
        # A direct answer that holds its span is complete, but for the names of what it counts ("Who applied?":
        # "... nine applications: four from institutions. | Among the institutions are ...").
        complete = single and holds_type(best.text, kind)

        def adds(sentence: str, following: str) -> bool:
            return self.terms.coverage(terms, f"{sentence} {following}") > self.terms.coverage(terms, sentence)

        chosen = [self.passages.with_continuation(c, adds, members=complete) for c in chosen]
        if not asks_many(question):  # a list is as long as it is
            own = own_words(question, info, self.terms)  # a follow-up's; none for a question on its own
            chosen = fitted(chosen, lambda clause: weight(clause, terms, kind, specifics, own), ANSWER_CHARS)
        # Each sentence of a pair carries its own citation: every statement is cited.
        scores = {hit.chunk.chunk_id: hit.score for hit in supporting}
        return Composed(
            attributed([(c.quote(), c.chunk) for c in chosen]), [(c.chunk, scores[c.chunk.chunk_id]) for c in chosen]
        )

    def _bare(
        self, question: str, info: QueryInfo, kind: str, units: list[Unit], order: list[int], coverage: list[float]
    ) -> set[int]:
        """The sentences near the top that answer though they share none of the question's words: by giving the
        seat of the institute asked about when "where" is all the question asks ("Where is ICCLR located?",
        "UNAFEI는 어느 도시에 있나요?": "ICCLR, based in Vancouver"; none of its words in any sentence), or, in
        English, by meaning."""
        bare = [i for i in order[:TYPED_WITHIN] if coverage[i] == 0]
        seats = {i for i in bare if kind == "place" and not any(coverage) and seat(units[i], info)}
        if info.language != "en":  # the meaning compared is the English model's
            return seats
        return seats | self.meaning.saying(question, units, [i for i in bare if i not in seats])

    def _units(
        self, hits: list[Hit], info: QueryInfo, space: VectorSpace, vector: np.ndarray
    ) -> tuple[list[Unit], list[float]]:
        units: list[Unit] = []
        similarity: list[float] = []
        for hit in hits:
            for text, sim in self.passages.units(hit.chunk, space, vector):
                if info.orgs and not about(text, hit.chunk, info.orgs):
                    continue  # "Who is the director of UNICRI?" is not answered from a sentence on UNAFEI
                units.append(Unit(text, hit.chunk, hit.score))
                similarity.append(float(sim))
        return units, similarity

    def _names_all(self, unit: Unit, specifics: list[str]) -> bool:
        """Is every one of ``specifics`` named where ``unit``'s figure is read (its sentence, paragraph up to it,
        table lead-in, headings) or, a country aside ("Milan, Italy": an address), by its signature or first page?"""
        read_with = (lead(unit), self.passages.front(unit.chunk), self.passages.signature(unit.chunk))
        return all(any(named_in(t, x) for x in read_with[: 1 if is_country(t) else 3]) for t in specifics)
