"""Checking a written answer against the passages it cites, sentence by sentence.

An LLM writer may cite a passage that does not exist ([7] of 5), cite one that does not say what the
sentence says, or write a sentence with no citation at all. Each sentence is kept only when its markers
are in range and its cited passages support it lexically:

- the figures it states (dates, counts, amounts) all appear in the cited passages, and so do its
  capitalised names (a wrong name or number is the usual hallucination);
- most of its content words (stemmed) appear there: a paraphrase keeps its nouns and verbs.

Passage sentences that read as instructions to a model ("ignore previous instructions ...") never count
as support: a document that tries to steer the writer cannot also vouch for what it made it write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from index.lexical import stem_terms
from ingest.sentences import split_sentences

__all__ = ["Checked", "check_sentence", "sentences_of", "is_instruction", "MIN_OVERLAP"]

MIN_OVERLAP = 0.6
_MARKER = re.compile(r"\s*\[(\d+)\]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CAPITALISED = re.compile(r"[A-Z][A-Za-z]+")
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules|above|previous|prior)\b"
    r"|\b(?:you are now|act as|system prompt|new instructions?|respond only with|reply only with|"
    r"answer only with|from now on)\b",
    re.I,
)
_COMMON = frozenset("the a an in on at of for and or but it its they their this that these those".split())
# A sentence ends at . ! ? (after any markers that follow it) and whitespace, or at a line end.
# "[" after the space may start a marker still streaming in: wait for what follows it.
_END = re.compile(r"(?<=[.!?])(?:\s*\[\d+\])*\s+(?=[^\s\[])|\n+")


@dataclass(frozen=True)
class Checked:
    text: str  # the sentence with out-of-range markers removed
    kept: bool
    cited: tuple[int, ...]
    reason: str = ""  # why it was dropped


def is_instruction(sentence: str) -> bool:
    """Does this passage sentence address a model rather than state something?"""
    return bool(_INSTRUCTION.search(sentence))


def check_sentence(sentence: str, passages: dict[int, str]) -> Checked:
    """Keep ``sentence`` when its citations exist and support it; ``passages`` maps n to passage text."""
    markers = [int(n) for n in _MARKER.findall(sentence)]
    valid = tuple(dict.fromkeys(n for n in markers if n in passages))
    text = _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in passages else "", sentence).strip()
    claim = _MARKER.sub("", text).strip()
    if not claim.strip(" -*•"):
        return Checked(text, False, valid, "empty")
    if not valid:
        reason = "cites no passage" if not markers else f"cites passage(s) that do not exist: {markers}"
        return Checked(text, False, valid, reason)
    evidence = " ".join(s for n in valid for s in split_sentences(passages[n]) if not is_instruction(s))
    missing_numbers = [x for x in _NUMBER.findall(claim) if x.replace(",", "") not in evidence.replace(",", "")]
    if missing_numbers:
        return Checked(text, False, valid, f"figures not in the cited passages: {', '.join(missing_numbers)}")
    lowered = evidence.lower()
    # Capitalised words after the first: names, places, titles ("Tokyo", "Green Corruption", "UNAFEI").
    names = [w for w in _CAPITALISED.findall(" ".join(claim.split()[1:])) if w.lower() not in _COMMON]
    missing_names = [name for name in names if name.lower() not in lowered]
    if missing_names:
        return Checked(text, False, valid, f"names not in the cited passages: {', '.join(missing_names)}")
    words = set(stem_terms(claim))
    if words:
        present = set(stem_terms(evidence))
        overlap = len(words & present) / len(words)
        if overlap < MIN_OVERLAP:
            return Checked(text, False, valid, f"only {overlap:.0%} of its words are in the cited passages")
    return Checked(text, True, valid)


def sentences_of(stream: Iterator[str]) -> Iterator[str]:
    """Complete sentences (with their trailing markers) from a stream of text pieces, as they finish."""
    buffer = ""
    for piece in stream:
        buffer += piece
        while True:
            match = _END.search(buffer)
            if match is None:
                break
            sentence, buffer = buffer[: match.start()] + _trailing(buffer, match), buffer[match.end() :]
            if sentence.strip():
                yield sentence.strip()
    if buffer.strip():
        yield buffer.strip()


def _trailing(buffer: str, match: re.Match[str]) -> str:
    """The markers the end-of-sentence match swallowed ("... in Rome. [2]"), which belong to the sentence."""
    return "".join(f" [{n}]" for n in re.findall(r"\[(\d+)\]", match.group(0)))


def cited_numbers(texts: Sequence[str]) -> list[int]:
    """Every [n] in ``texts``, in order of first use."""
    return list(dict.fromkeys(int(n) for t in texts for n in _MARKER.findall(t)))
