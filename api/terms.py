"""A question's words as evidence: its stemmed content words weighted by rarity in the collection (IDF), and
how much of that weight a sentence contains. Facts score sentences with it; overviews use it to tell a
question about one thing from "what did X do"."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from index.korean import content_morphemes, has_hangul
from index.lexical import stem_terms, without_accents
from index.query import QueryInfo, detect_language
from index.store import StoreBase
from ingest.orgs import BY_KEY
from ingest.periods import years_only

from .understanding import type_words, without_context

__all__ = ["QuestionTerms", "words", "ASKING_WORDS"]

_ALTERNATIVES = re.compile(r"[^\s|]+(?:\|[^\s|]+)+")
_QUESTION_WORDS = frozenset("how mani much what which who whom whose when where why tell give".split())
# The same in Spanish and French (closed classes): no passage answers with them. Korean ones are no content
# morphemes (index/korean.py), and are left out as a Korean word is read.
_ASKING = """qué quién quiénes cuándo dónde cuál cuáles cuánto cuánta cuántos cuántas cómo porqué
    quoi qui quand où quel quelle quels quelles combien comment pourquoi lequel laquelle"""
# A Korean request: the verb of asking before a form of 주다, "to do for someone" ("정리해 줘", sum up for me;
# "알려주세요", tell me). Like "tell me", it is how the question asks: a word no passage holds, which weighed as
# the question's rarest word (a Korean page's sentence holding the very recommendations asked for fell below
# the bar). A grammatical form, not a list of verbs: whatever is asked for, "요약해", "설명해", "보여".
_KO_REQUEST = re.compile(r"[가-힣]+\s?(?:줘요?|주세요|주십시오|줄래요?|주시겠어요|주실래요|주시겠습니까)(?=[\s.?!]|$)")


class QuestionTerms:
    def __init__(self, store: StoreBase) -> None:
        self.store = store

    def weights(self, question: str, orgs: tuple[str, ...]) -> dict[str, float]:
        """Stemmed content words of the question, weighted by rarity (IDF) in the indexed chunks.

        The name of a single institute is left out: retrieval already handles it, and here it would favour
        sentences that merely name the institute over sentences that answer. Two institutes' names stay: "how
        did HEUNI work with KICJ" asks for the sentence that names the other.
        """
        named = orgs if len(orgs) == 1 else ()
        # A curated institute by all its names; a publisher outside the table by the name it is keyed by.
        names = {t for key in named for t in words(" ".join(BY_KEY[key].names if key in BY_KEY else [key]))}
        names |= set(words(" ".join(type_words(question))))  # "which city": the span's kind, not its topic
        # Renderings of one word that are alternatives (index/glossary.py) are one term: "attend|particip".
        groups = ["|".join(dict.fromkeys(words(m.group().replace("|", " ")))) for m in _ALTERNATIVES.finditer(question)]
        question = years_only(question)  # "in its 2021/22 financial year": a time, no topic
        question = _KO_REQUEST.sub(" ", question)
        question = _ALTERNATIVES.sub(" ", question)
        terms = [t for t in words(question) if t not in names and t not in _QUESTION_WORDS and t not in ASKING_WORDS]
        return {t: self._idf(t) for t in [*terms, *filter(None, groups)]}

    def asked_by(self, question: str, info: QueryInfo, passages: str = "en") -> tuple[dict[str, float], float]:
        """The question's weighted words and the weight of word overlap against meaning. A Korean question
        shares no words with English passages: there its glossary renderings (index/glossary.py) count for a
        quarter; in English the words weigh as much as the meaning. A question in the language of the
        ``passages`` it is answered from (a Spanish one on a Spanish page) has its own words instead."""
        if info.language == "en":
            terms = self.weights(question, info.orgs)
            return terms, 0.5 if terms else 0.0  # "where is it? (NAUSS)": nothing but meaning to go by
        # On passages in its own language the question's words are the evidence; the glossary's English
        # renderings are for English passages.
        asked = question if passages == info.language else info.expansion
        terms = self.weights(asked, info.orgs)
        return terms, 0.25 if terms else 0.0

    def by_language(self, question: str, info: QueryInfo) -> tuple[dict[str, float], dict[str, float]] | None:
        """A question asked in another language than English, as read in the passages of its language (its own
        words) and in English ones (its glossary renderings); None for a question in English, answered in any
        language, which is read one way."""
        if info.language == "en" or detect_language(without_context(question)) != info.language:
            return None
        return self.weights(question, info.orgs), self.weights(info.expansion, info.orgs)

    def _idf(self, stem: str) -> float:
        # Document frequencies were counted at ingest (index/lexicon.py).
        lexicon = self.store.lexicon
        return math.log(1 + (lexicon.chunks or 1) / (1 + lexicon.frequency(stem.split("|"))))

    @staticmethod
    def coverage(terms: dict[str, float], text: str | set[str]) -> float:
        """IDF-weighted share of the question's words that ``text`` (or its ``words``, already read) contains."""
        total = sum(terms.values())
        if not total:
            return 0.0
        present = set(words(text)) if isinstance(text, str) else text
        return sum(w for term, w in terms.items() if term in present or _either(term, present)) / total


def _either(term: str, present: set[str]) -> bool:
    return "|" in term and not present.isdisjoint(term.split("|"))


def words(text: str) -> list[str]:
    """Stemmed content words, for lexical coverage. Function words are out: the
    reports seldom write "did" or "does", which would otherwise weigh as the question's rarest words. A Korean
    word is read as its content morphemes, without particles and endings ("국제학술회의는" and "국제학술회의를"
    are one word, "담긴" and "담겼다" one verb)."""
    return list(_words(text))


# Memoised: an answer reads the words of the same sentences for every question that weighs them.
@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    terms = stem_terms(without_accents(text), stopwords="en_plus")
    if not has_hangul(text):
        return tuple(terms)
    # A Korean word as its morphemes (index/korean.py): "담긴" and "담겼다" are one verb, which stripping
    # particles left apart (a Korean page's sentence holding what was asked, in another form, fell below the bar).
    return tuple(m for t in terms for m in (content_morphemes(t) if has_hangul(t) else (t,)))


ASKING_WORDS = frozenset(words(_ASKING))  # question words in Spanish and French, stemmed
