"""Typing slips in a question, corrected against the collection's own words: "what did the Raul Walenberg
institute do in Kenia" is searched as "... Wallenberg ... Kenya"; common shorthand ("ppl", "govt") as the word
it stands for.

A word is corrected only when it is unknown twice over: absent from the indexed text and absent from a
general dictionary of the question's language (pyspellchecker's word-frequency lists, names included). So
"Chile" stays "Chile" even where the reports only say "child", and a real name the reports never mention
keeps its spelling, to be refused as absent. Its replacement is the collection's most frequent word one edit
away (a letter added, dropped, changed, or two swapped); none, or a tie, leaves the word as typed.

The dictionaries also hold, at their lowest count, words found only in word lists ("directer", "emend"): a
slip often spells one. Such a word yields to a word of the collection one edit away that is at least
``SLIP_ODDS`` times as common in the language ("directer" -> "director", 870 times), as a noisy-channel
speller weighs a slip against the word meant.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

import Stemmer
from spellchecker import SpellChecker

__all__ = ["Speller", "dictionary_counts", "spelled_out", "WORD"]

MIN_LETTERS = 5  # one edit from a shorter word reaches too many others ("peru" -> "per", "rome" -> "home")
# A shorter word typed in lower case is corrected only for a dropped letter ("staf", "hav"): the slip a short
# word most often has, and the one edit that reaches few words.
MIN_DROPPED = 3
WORD = re.compile(r"[^\W\d_]+")
# How much more common the word meant must be than a rarest dictionary word typed: a slip is rarer than one
# word in a hundred, so below that the typed word more likely is the one meant ("emend" / "amend": 34 times).
SLIP_ODDS = 100
_STEMMER = Stemmer.Stemmer("english")
# Shorthand of written English, a closed class like the months: what a user types for a word no edit reaches.
_SHORTHAND = {
    "ppl": "people",
    "govt": "government",
    "govts": "governments",
    "dept": "department",
    "depts": "departments",
    "intl": "international",
    "mgmt": "management",
    "yr": "year",
    "yrs": "years",
    "approx": "approximately",
    "info": "information",
    "org": "organisation",
    "orgs": "organisations",
    "natl": "national",
    "pct": "percent",
    "abt": "about",
    "thru": "through",
}


@cache
def dictionary_counts(language: str) -> Callable[[str], int]:
    """How common a lower-cased word is in the general dictionary of ``language`` (an ISO 639-1 code), in units
    of its rarest words (1: a word of word lists only; 0: unknown)."""
    try:
        counts = SpellChecker(language=language, distance=1).word_frequency.dictionary
    except ValueError:  # no list for this language: every word is known and common, nothing is corrected
        return lambda word: sys.maxsize
    rarest = min(counts.values(), default=1)
    return lambda word: counts.get(word, 0) // rarest


class Speller:
    """Corrects words of a question to words of the collection.

    >>> speller = Speller(["With respect to Kenya, the Institute ..."])
    >>> speller.correct("what did the institute do in Kenia")
    'what did the institute do in Kenya'
    """

    def __init__(self, texts: Iterable[str], known: Callable[[str], int] | None = None) -> None:
        """``known``: how common a word is in the language (``dictionary_counts``; 0 for a word it lacks)."""
        self._texts = texts
        self._counts: Counter[str] | None = None
        self._initials: set[str] = set()
        self._known = known or dictionary_counts("en")

    @classmethod
    def of_words(
        cls, counts: Counter[str], initials: frozenset[str], known: Callable[[str], int] | None = None
    ) -> Speller:
        """A speller over words already counted (an index's lexicon, index/lexicon.py): nothing to read."""
        speller = cls((), known)
        speller._counts, speller._initials = counts, set(initials)
        return speller

    def correct(self, text: str) -> str:
        """``text`` with each slipped word replaced by the collection's word one edit away."""
        return WORD.sub(lambda match: self._corrected(match.group()), text)

    def in_collection(self, word: str) -> bool:
        """Does the collection use ``word`` anywhere, case aside, or (five letters or more) a spelling one edit
        away ("Basle" for "Basel")? A hyphenated word counts when each of its parts does ("East-Lake"), an
        acronym when the collection spells it out ("NYU": "New York University")."""
        counts = self._vocabulary()
        parts = WORD.findall(word)
        return bool(parts) and all(
            part.lower() in counts
            or (part.isupper() and part.lower() in self._initials)
            or (len(part) >= MIN_LETTERS and any(c in counts for c in _one_edit(part.lower())))
            for part in parts
        )

    def _corrected(self, word: str) -> str:
        lowered = word.lower()
        counts = self._vocabulary()
        if lowered in _SHORTHAND and lowered not in counts:
            return _cased_like(word, _SHORTHAND[lowered])
        short = len(lowered) < MIN_LETTERS
        known = int(self._known(lowered))
        if (short and not (len(word) >= MIN_DROPPED and word.islower())) or lowered in counts or known > 1:
            return word
        near = _one_edit(lowered) if not short else _one_letter_more(lowered)
        ranked = sorted(
            ((counts[c], c) for c in near if c in counts and self._slip_for(lowered, known, c)), reverse=True
        )
        if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
            return word  # nothing near, or two words as near and as common: the user must say which
        return _cased_like(word, ranked[0][1])

    def _slip_for(self, typed: str, known: int, meant: str) -> bool:
        """Can ``typed`` be a slip for ``meant``? A word no dictionary has, for any word; a rarest dictionary word
        ("directer") only for a far more common one ("director"), and not for another form of itself
        ("equivalents", rare in the lists, is no slip for "equivalent")."""
        if not known:
            return True
        return self._known(meant) >= SLIP_ODDS * known and _STEMMER.stemWord(typed) != _STEMMER.stemWord(meant)

    def _vocabulary(self) -> Counter[str]:
        # Counted on first use: a store that never meets a slip never pays for it.
        if self._counts is None:
            self._counts = Counter()
            for text in self._texts:
                self._counts.update(w.lower() for w in WORD.findall(text))
                self._initials |= spelled_out(text)
        return self._counts


_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|the|and|for|on|in)\s+)*[A-Z][\w'’-]*)+")


def spelled_out(text: str) -> set[str]:
    """The acronyms ``text`` spells out: initials of two to six capitalised words in a row, from the first
    word of the run or the second (a sentence's "The"): "New York University Center" gives "nyu", "nyuc",
    "yu", "yuc"; "of", "the", "and", "for", "on", "in" may sit between ("Drug Use Monitoring in Australia":
    "duma")."""
    found = set()
    for run in _NAME_RUN.finditer(text):
        initials = "".join(w[0] for w in run.group().split() if w[0].isupper()).lower()
        found |= {
            initials[i:j] for i in range(min(2, len(initials))) for j in range(i + 2, min(len(initials), i + 6) + 1)
        }
    return found


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion (Damerau) away from ``word``."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changes = {a + c + b[1:] for a, b in splits if b for c in letters}
    inserts = {a + c + b for a, b in splits for c in letters}
    return (deletes | swaps | changes | inserts) - {word}


def _one_letter_more(word: str) -> set[str]:
    """Every string ``word`` becomes with one letter added."""
    return {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in "abcdefghijklmnopqrstuvwxyz"}


def _cased_like(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return word.capitalize() if model[0].isupper() else word
