"""What a sentence says besides the institutes it names, against what the question asks besides those it names.

A question and a sentence naming the same institute look alike whatever they say: "How many staff does TIJ
employ?" and "the Thailand Institute of Justice held a seminar for 70 senior prosecutors" are 0.64 alike, and
0.24 once each says "it" for the institute; "When was NAUSS founded?" and "The Naif Arab University for
Security Sciences was established in 1978" are 0.65 alike that way, though they share no word. This is how a
sentence is judged when it shares none of the question's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.types import Embedder
from ingest.orgs import org_mentions

from .passages import PAIR, Unit

__all__ = ["MEANT", "Meaning", "unnamed"]

# A sentence sharing none of the question's words answers it when they are this alike, institutes aside.
# Calibrated on the dev split: accuracy is flat (0.975) from 0.35 to 0.50 and lower at 0.55; in the middle of
# that range, and between the probes above (answers 0.54-0.65, unanswerables at most 0.37).
MEANT = 0.45


class Meaning:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def alike(self, question: str, sentences: Sequence[str]) -> list[float]:
        """Cosine of ``question`` with each of ``sentences``, every institute they name read as "it"."""
        if not sentences:
            return []
        vectors = self.embedder.embed_documents([unnamed(question), *map(unnamed, sentences)])
        return [float(vector @ vectors[0]) for vector in vectors[1:]]

    def saying(self, question: str, units: Sequence[Unit], among: Sequence[int]) -> set[int]:
        """Those of ``among`` (indices of ``units``) that say what ``question`` asks, institutes aside."""
        alike = self.alike(question, [units[i].text.replace(PAIR, " ") for i in among])
        return {i for i, value in zip(among, alike, strict=True) if value >= MEANT}


def unnamed(text: str) -> str:
    """``text`` with every institute it names, by name or initials, replaced by "it"."""
    for start, end, _ in reversed(org_mentions(text)):
        text = f"{text[:start]}it{text[end:]}"
    return text
