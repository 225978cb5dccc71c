"""Sentences out of passages, and how the answer shows them."""

from __future__ import annotations

import re

__all__ = ["split_sentences", "tidy", "is_lead_in", "ITEM_MARKER", "ABBREVIATION"]

# A full stop after these ends no sentence: "(Nos. 110 and 111)", "Dr. Kim", "e.g. Korea", initials ("J. Smith",
# "U.S. Department"), titles before a name in the readers' other languages ("Dra. Marcela Quesada", "Mme. Diallo",
# "Lic. Pérez"). Each look-behind ends at the stop itself.
_ABBREVIATED = (
    "No Nos Vol Vols Art Distr Dr Dra Mr Mrs Ms Prof St vs cf e\\.g i\\.e [A-Z] Sr Sra Srta Lic Ing Mme Mlle Pr Hon Rev"
).split()
_ABBREVIATIONS = "".join(rf"(?<!\b{word}\.)" for word in _ABBREVIATED)
# A stop ends a sentence before a capital or a figure, in the readers' languages too ("À Tunis", "¿Qué", "Él");
# Korean has no capitals, so a stop after Hangul ("행사이다.") ends one before anything: after a Latin
# abbreviation ("U.S. 법무부") it does not.
_CAPITAL = "A-Z0-9À-ÖØ-Þ¿¡"
_HANGUL = "\uac00-\ud7a3"
_OPENING = '"“‘(「『《〈'
_SENTENCE_END = re.compile(
    rf"(?:(?<=[.!?]){_ABBREVIATIONS}\s+(?=[{_OPENING}]?[{_CAPITAL}])|(?<=[{_HANGUL}][.!?])\s+(?=\S))"
)
# Text that ends with an abbreviation or an initial: a full stop after it ends no sentence.
ABBREVIATION = re.compile(r"(?:^|(?<=\W))(?:" + "|".join(_ABBREVIATED) + r")\.$")
_LEAD_MARKER = re.compile(r"^(?:\d{1,3}\.\s+|\([a-z]{1,4}\)\s+)")
ITEM_MARKER = re.compile(r"^\((?:[a-z]{1,2}|[ivx]{1,5})\)\s")


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; paragraph breaks always end one, quotes never do."""
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip()
        marker = _LEAD_MARKER.match(paragraph)
        lead = marker.group(0) if marker else ""
        pieces = [s.strip() for s in _SENTENCE_END.split(paragraph[len(lead) :]) if s.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and merged[-1].count("“") > merged[-1].count("”"):
                merged[-1] += " " + piece  # "Immeasurable corruption? Indicators ..." is one title
            else:
                merged.append(piece)
        if merged:
            merged[0] = lead + merged[0]
        out += merged
    return out


# A sentence that ends saying a list follows, without a colon: "... were as follows.", "... 다음과 같다.", "...
# las siguientes.", "... les suivants." (closed classes of each language's phrasing).
_FOLLOWS = re.compile(
    r"(?:\bas\s+follows|\bthe\s+following|다음과\s*같(?:다|습니다|음)|아래와\s*같(?:다|습니다|음)|"
    r"\b(?:los|las)\s+siguientes|\bcomo\s+sigue|\b(?:les\s+)?suivant(?:e)?s|\bcomme\s+suit)\s*[.。]?$",
    re.I,
)


def is_lead_in(sentence: str) -> bool:
    """ "10. In 2020, the Institute was involved in the following projects:" introduces a list, as does "The main
    recommendations were as follows." or "권고문의 주요 내용은 다음과 같다." """
    sentence = sentence.rstrip()
    return sentence.endswith(":") or bool(_FOLLOWS.search(sentence))


def tidy(sentence: str) -> str:
    """A sentence as the answer shows it: no "10." / "(a)" / "Note:" prefix, a full stop at the end."""
    sentence = _LEAD_MARKER.sub("", sentence.strip())
    sentence = re.sub(r"^Note:\s*", "", sentence)
    sentence = re.sub(r"[;,]\s*(?:and|or)?\s*$", "", sentence).rstrip()
    if sentence and sentence[-1] not in '.!?”"):…':
        sentence += "."
    return sentence[:1].upper() + sentence[1:]
