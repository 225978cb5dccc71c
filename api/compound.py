"""Two-part questions: split at ", and what/how/...", answered part by part, merged with one numbering."""

from __future__ import annotations

import dataclasses
import re

from .types import Answer, Citation

__all__ = ["split_compound", "merge", "REFERS_BACK"]

_COMPOUND = re.compile(r",?\s+and\s+(?=(?:what|how|when|where|who|which|why)\b)", re.I)
REFERS_BACK = re.compile(r"\b(?:it|its|they|their|them)\b", re.I)


def split_compound(question: str) -> list[str]:
    """ "What did HEUNI do in 2020, and how did it work with KICJ in 2023?" -> its two questions."""
    parts = [p.strip(" ,?") for p in _COMPOUND.split(question)]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [question]
    return [p + "?" for p in parts]


def merge(question: str, answers: list[Answer], total_ms: float) -> Answer:
    """One answer from the answers to each part, citations renumbered in order of first use."""
    texts: list[str] = []
    citations: list[Citation] = []
    numbers: dict[str, int] = {}
    for answer in answers:
        local = {c.n: c for c in answer.citations}
        for citation in answer.citations:
            if citation.chunk_id not in numbers:
                numbers[citation.chunk_id] = len(numbers) + 1
                citations.append(dataclasses.replace(citation, n=numbers[citation.chunk_id]))
        renumber = {n: numbers[c.chunk_id] for n, c in local.items()}
        texts.append(_renumber(answer.answer, renumber))
    abstained = all(a.abstained for a in answers)
    return Answer("\n\n".join(texts), abstained, citations, question, {"total": round(total_ms, 1)})


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping[int(m.group(1))]}]", text)
