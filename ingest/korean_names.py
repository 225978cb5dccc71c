"""Korean names of the network's institutes, and the spellings readers give them.

Korean renders a foreign institute's name freely: "연구소", "연구원" or "연수소" for "institute", "대학" or
"대학교", with spaces or without. A spelling in a question that shares most of its pairs of adjacent characters
with a known name of about the same length names that institute, as a misspelt English name does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

__all__ = ["KOREAN_ALIASES", "near_korean_names"]

# Korean names, for questions asked in Korean (KICJ's staff and readers). Matched with or without spaces.
KOREAN_ALIASES: dict[str, tuple[str, ...]] = {
    "UNICRI": ("유엔지역간범죄사법연구소", "유엔 지역간 범죄사법연구소"),
    "UNAFEI": ("아시아극동범죄방지연수소", "유엔아시아극동범죄방지연수소"),
    "ILANUD": ("라틴아메리카범죄방지연구소", "중남미범죄방지연구소"),
    "HEUNI": ("유럽범죄방지통제연구소", "유럽범죄방지연구소"),
    "UNAFRI": ("아프리카범죄방지연구소",),
    "ICCLR": ("국제형법개혁형사정책센터", "국제형법개혁센터"),
    "AIC": ("호주범죄학연구소", "호주범죄연구소"),
    "Siracusa": ("시라쿠사연구소", "시라쿠사"),
    "NAUSS": ("나이프아랍안보대학", "나이프아랍안보과학대학교"),
    "NIJ": ("국립사법연구소", "미국국립사법연구소"),
    "RWI": ("라울발렌베리연구소", "발렌베리연구소"),
    "ICPC": ("국제범죄예방센터",),
    "ISS": ("안보연구소", "남아공안보연구소"),
    "KICJ": (
        "한국형사법무정책연구원",
        "한국형사·법무정책연구원",
        "형사법무정책연구원",
        "한국형사정책연구원",
        "형사정책연구원",
    ),
    "Basel": ("바젤거버넌스연구소", "바젤연구소", "바젤"),
    "CCLS": ("북경사범대학형사법률과학연구원", "베이징사범대학형사법률과학연구원"),
    "TIJ": ("태국법무연구원", "태국사법연구원"),
    "ISPAC": ("국제과학전문자문위원회",),
}

NEAR = 0.8  # share of a known name's character pairs a spelling must hold (one syllable of 12 differs: 0.82)
MIN_CHARS = 6  # shorter names ("바젤", "안보연구소") are matched exactly only: too many words are near them
_HANGUL_RUN = re.compile(r"[가-힣](?:[가-힣·\s]*[가-힣])?")


@cache
def _known() -> tuple[tuple[str, str, frozenset[str]], ...]:
    """(key, compact name, its character pairs) for every Korean name long enough to be matched loosely."""
    rows = []
    for key, names in KOREAN_ALIASES.items():
        for name in names:
            compact = re.sub(r"[\s·]", "", name)
            if len(compact) >= MIN_CHARS:
                rows.append((key, compact, _pairs(compact)))
    return tuple(rows)


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def near_korean_names(text: str, taken: Sequence[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """(start, end, key) of the Korean spellings in ``text`` near a known name (``NEAR``), outside the spans
    already ``taken`` (names matched exactly); the closest first when two overlap. A spelling is as long as the
    name or a syllable longer (a particle): "범죄방지연구소" alone is a kind of institute, not HEUNI's name."""
    kept = list(taken)
    out: list[tuple[int, int, str]] = []
    for start, end, key in _candidates(text):
        if not any(start < t_end and t_start < end for t_start, t_end, _ in kept):
            kept.append((start, end, key))
            out.append((start, end, key))
    return out


@lru_cache(maxsize=4096)
def _candidates(text: str) -> tuple[tuple[int, int, str], ...]:
    """Every spelling near a known name, closest first (a question is read many times while it is answered)."""
    found: list[tuple[float, int, int, str]] = []
    for run in _HANGUL_RUN.finditer(text):
        # The run's syllables with their offsets in ``text``: names are matched without spaces.
        at = [i for i in range(run.start(), run.end()) if "가" <= text[i] <= "힣"]
        syllables = "".join(text[i] for i in at)
        present = _pairs(syllables)
        for key, name, pairs in _known():
            if len(pairs & present) < NEAR * len(pairs):
                continue  # no window of the run can hold enough of the name's pairs
            for size in (len(name), len(name) + 1):
                for first in range(len(syllables) - size + 1):
                    window = _pairs(syllables[first : first + size])
                    share = 2 * len(pairs & window) / (len(pairs) + len(window))
                    if share >= NEAR:
                        found.append((share, at[first], at[first + size - 1] + 1, key))
    return tuple((start, end, key) for _, start, end, key in sorted(found, key=lambda row: -row[0]))
