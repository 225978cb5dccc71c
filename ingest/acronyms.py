"""Acronyms defined in the text itself: "Long Form (ACR)", found with Schwartz & Hearst's algorithm
(Pacific Symposium on Biocomputing, 2003): walk the acronym's letters right to left through the words
before the parenthesis; the first letter must start a word."""

from __future__ import annotations

import re

__all__ = ["mine_acronyms"]

_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,11})\)")
_MAX_WORDS = 12


def _long_form(acronym: str, before: str) -> str | None:
    """The shortest end of ``before`` that the acronym abbreviates, or None."""
    letters = [c.lower() for c in acronym if c.isalnum()]
    words = before.split()[-min(len(letters) + 5, _MAX_WORDS) :]
    text = " ".join(words)
    t = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        while t >= 0 and (text[t].lower() != letters[i] or (i == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        t -= 1
    start = text.rfind(" ", 0, t + 1) + 1
    long_form = text[start:].strip(" ,;:")
    return long_form if len(long_form.split()) >= 2 and len(long_form) > len(acronym) else None


def mine_acronyms(text: str) -> dict[str, str]:
    """{acronym: long form} for every "Long Form (ACR)" definition in ``text`` (first definition wins)."""
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1)
        if acronym in found or not any(c.isupper() for c in acronym[1:]) and len(acronym) > 3:
            continue
        sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        long_form = _long_form(acronym, text[sentence_start : match.start()])
        if long_form:
            found[acronym] = long_form
    return found
