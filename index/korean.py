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

__all__ = ["content_morphemes", "has_hangul", "warm"]

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
    global _kiwi
    with _lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi

            # Without the typo and multi-word dictionaries: a quarter of the time to build (1.0 s against 4.1),
            # and the same content morphemes for each of the 1,841 Korean words of the test collection and the
            # gold questions (nothing here corrects Korean typing slips or joins words).
            _kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
        tokens = _kiwi.tokenize(word)
    return tuple(t.form.lower() for t in tokens if t.tag in _CONTENT and t.form not in _NOT_CONTENT)


def warm() -> None:
    """Build the analyzer: about a second, once, much of it holding the interpreter (0.6 s without a break,
    measured), so a server does it where no question waits on it (api/app.py)."""
    content_morphemes("연구원은")
