"""Korean words as their morphemes. A Korean word is a noun, or a verb's stem, followed by particles and endings
("권고문에는", "담겼다"): two forms of one word share no token, and stripping a list of particles leaves every
verb form apart. Kiwi (kiwipiepy; its model is the PyPI package kiwipiepy_model, nothing is downloaded) takes a
word apart; its content morphemes (nouns, verb and adjective stems, roots, foreign words, numbers) are what it
says."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

__all__ = ["content_morphemes", "has_hangul", "places_in", "warm"]

# Kiwi's part-of-speech tags (Sejong) of the morphemes that carry meaning: common and proper nouns, numerals,
# verb and adjective stems (regular or not), roots, foreign words, numbers, Chinese characters. Particles (J*),
# endings (E*), affixes (X*), auxiliaries, the copula, pronouns ("누구", who) and bound nouns are how a sentence
# is put together.
_CONTENT = frozenset({"NNG", "NNP", "NR", "VV", "VA", "VV-R", "VV-I", "VA-R", "VA-I", "XR", "SL", "SN", "SH"})
# The light verbs (하다, do; 되다, become; 있다 and 없다, be or not be; 않다, not), a closed class: "포함하도록"
# (so as to include) is about 포함, and every other sentence has one.
_LIGHT_VERBS = frozenset({"하", "되", "있", "없", "않"})
# Interrogatives, a closed class: most are pronouns, determiners or adverbs ("누구", "몇", "왜"), left out by their
# tags; these two are tagged as a noun (얼마, how much) and an adjective (어떻다, how). No passage answers with them.
_INTERROGATIVES = frozenset({"얼마", "어떻"})
_NOT_CONTENT = _LIGHT_VERBS | _INTERROGATIVES
_HANGUL = re.compile("[가-힣]")
_lock = threading.Lock()  # one analyzer, built once, used by one thread at a time
_kiwi: Any = None


def has_hangul(text: str) -> bool:
    """Does ``text`` hold a Hangul syllable? Asked of every sentence an answer weighs: a regular expression, not a
    loop over its characters in Python."""
    return _HANGUL.search(text) is not None


@lru_cache(maxsize=65536)
def content_morphemes(word: str) -> tuple[str, ...]:
    """The content morphemes of one Korean word, lower-cased: "권고문에는" -> ("권고문",), "담겼다" -> ("담기",)."""
    return tuple(form.lower() for form, tag in _tagged(word) if tag in _CONTENT and form not in _NOT_CONTENT)


# The particles of place (Kiwi's JKB, adverbial case, in these forms): "서울에서" (in Seoul), "진천에" (at Jincheon).
_OF_PLACE = frozenset({"에서", "에"})


@lru_cache(maxsize=8192)
def places_in(text: str) -> tuple[str, ...]:
    """The places a Korean ``text`` names: proper nouns taking a particle of place ("부산에서", "충북 진천에",
    "오스트리아 빈에서"). Korean writes no capitals, and its grammar says where: a name before "에서". A phrase
    ending in a common noun is left out, as a body's name begins with a country's ("한국형사·법무정책연구원에서",
    the institute); "UNAFEI에서" is written in Latin letters, as bodies' acronyms are."""
    tokens = _tagged(text)
    places = []
    for i, (form, tag) in enumerate(tokens):
        if tag == "JKB" and form in _OF_PLACE and i and tokens[i - 1][1] == "NNP":
            start = i - 1
            while start and tokens[start - 1][1] == "NNP":
                start -= 1
            places.append(" ".join(name for name, _ in tokens[start:i]))
    return tuple(places)


def _tagged(text: str) -> list[tuple[str, str]]:
    """(form, tag) of each morpheme of ``text``, by one analyzer built on first use."""
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            # Without the typo and multi-word dictionaries: a quarter of the time to build (1.0 s against 4.1),
            # and the same content morphemes for each of the 1,841 Korean words of the test collection and the
            # gold questions (nothing here corrects Korean typing slips or joins words).
            _kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
        return [(t.form, t.tag) for t in _kiwi.tokenize(text)]


def warm() -> None:
    """Build the analyzer: about a second, once, much of it holding the interpreter (0.6 s without a break,
    measured), so a server does it where no question waits on it (api/app.py)."""
    content_morphemes("연구원은")
