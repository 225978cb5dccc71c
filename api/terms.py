"""A question's words as evidence: its stemmed content words weighted by rarity in the collection (IDF), and
how much of that weight a sentence contains. Facts score sentences with it; overviews use it to tell a
question about one thing from "what did X do"."""

from __future__ import annotations

import math

from index.lexical import stem_terms
from index.store import StoreBase
from ingest.orgs import BY_KEY

from .understanding import type_words

__all__ = ["QuestionTerms", "words"]

_QUESTION_WORDS = frozenset("how mani much what which who whom whose when where why tell give".split())
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
_GROUP = {group[0]: group for group in _SYNONYMS}


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
        names = {t for key in named for t in stem_terms(" ".join(BY_KEY[key].names if key in BY_KEY else [key]))}
        names |= set(words(" ".join(type_words(question))))  # "which city": the span's kind, not its topic
        terms = [t for t in words(question) if t not in names and t not in _QUESTION_WORDS]
        return {t: self._idf(t) for t in terms}

    def _idf(self, stem: str) -> float:
        # Document frequencies were counted at ingest (index/lexicon.py); a folded synonym counts its group's.
        lexicon = self.store.lexicon
        return math.log(1 + (lexicon.chunks or 1) / (1 + lexicon.frequency(_GROUP.get(stem, (stem,)))))

    @staticmethod
    def coverage(terms: dict[str, float], text: str) -> float:
        """IDF-weighted share of the question's words that ``text`` contains."""
        total = sum(terms.values())
        if not total:
            return 0.0
        present = set(words(text))
        return sum(weight for term, weight in terms.items() if term in present) / total


def words(text: str) -> list[str]:
    """Stemmed content words, synonyms folded together, for lexical coverage. Function words are out: the
    reports seldom write "did" or "does", which would otherwise weigh as the question's rarest words."""
    return [_CANONICAL.get(t, t) for t in stem_terms(text, stopwords="en_plus")]
