"""Two-part questions: split at ", and what/how/...", answered part by part, merged with one numbering."""

from __future__ import annotations

import dataclasses
import re

from ingest.periods import period_spans

from .terms import ASKING_WORDS, words
from .types import Answer, Citation
from .understanding import without_context

__all__ = ["split_compound", "elided", "merge", "REFERS_BACK"]

# ", and (in) which ...", ", y (en) qué ...", ", et (dans) quel ...": a second question joined to the first, its
# question word perhaps after a preposition. Korean joins with a connective ending "-고," before the second.
_WH = (
    r"what|how|when|where|who|whom|which|why|"
    r"qu[eé]|c[oó]mo|cu[aá]ndo|d[oó]nde|qui[eé]n|cu[aá]l|quel(?:le)?s?|quand|o[uù]|qui|comment"
)
_WH_KO = "무엇|언제|어디|누구|몇|어느|어떤|왜"  # Korean question words
_PREPOSITIONS = r"in|at|on|for|from|with|to|by|en|de|con|para|por|dans|avec|pour|par|à|a"
_COMPOUND = re.compile(
    rf",?\s+(?:and|y|et)\s+(?=(?:(?:{_PREPOSITIONS})\s+)?(?:{_WH})\b)|(?<=고),\s*(?=.*(?:{_WH_KO}))",
    re.I,
)
REFERS_BACK = re.compile(r"\b(?:it|its|they|their|them)\b", re.I)

# Two question words joined, "When and where did ...", "¿Dónde y cuándo ...?", "quand et où", "언제 어디에서": one
# question about two things, often said in two sentences (the date in one, the place in the next). Adverbs only:
# "which institute and which partner" and "how many and which" ask one thing. "The when and where of" is nouns.
_ADVERBS = r"when|where|who|why|how(?!\s+(?:many|much))|cu[aá]ndo|d[oó]nde|qui[eé]n|c[oó]mo|quand|o[uù]|qui|comment"
_JOINED = re.compile(rf"(?<!\bthe )\b(?P<a>{_ADVERBS})\s+(?:and|y|e|et)\s+(?P<b>{_ADVERBS})\b", re.I)
_ADVERBS_KO = r"언제|어디(?:에서|서)?|누가|왜|어떻게"
_JOINED_KO = re.compile(rf"(?P<a>{_ADVERBS_KO})\s*(?:와|과|랑|하고|,)?\s+(?P<b>{_ADVERBS_KO})(?![가-힣])")
_NOUNS = re.compile(rf"\bthe\s+(?:{_ADVERBS})\s+(?:and)\s+(?:{_ADVERBS})\b", re.I)


def split_compound(question: str) -> list[str]:
    """ "What did HEUNI do in 2020, and how did it work with KICJ in 2023?" -> its two questions; "When and where
    did ...?" -> "When did ...?", "Where did ...?"."""
    if _NOUNS.search(question):
        return [question]
    joined = _joined(question)
    if joined:
        return joined
    if re.search("[\uac00-\ud7a3]", question) and not re.search(f"(?:{_WH_KO}).*고,", question):
        return [question]  # Korean: only "<question word> ...-고, <question>" is two questions
    # A follow-up's context (a trailing parenthesis, api/conversation.py) belongs to every part.
    proper = without_context(question)
    context = question[len(proper) :]
    parts = [p.strip(" ,?¿") for p in _COMPOUND.split(proper)]
    if len(parts) < 2 or any(len(p.split()) < 3 for p in parts):
        return [question]
    return [p + "?" + context for p in parts]


def _joined(question: str) -> list[str] | None:
    """The two questions of "When and where did ...?" (see _JOINED), or None."""
    proper = without_context(question)
    context = question[len(proper) :]
    match = _JOINED.search(proper) or _JOINED_KO.search(proper)
    if match is None:
        return None
    first, second = match["a"], match["b"]
    if first[:1].isupper():
        second = second[:1].upper() + second[1:]
    before, after = proper[: match.start()], proper[match.end() :]
    return [f"{before}{word}{after}".strip(" ,?¿") + "?" + context for word in (first, second)]


def elided(part: str, before: str) -> str | None:
    """A later part that asks the earlier one again for another period ("..., and how much in 2019?", "y en
    2020?"), asked in full: the earlier part with its period replaced. None for a part that asks more."""
    spans, own = period_spans(part), period_spans(before)
    if len(spans) != 1 or len(own) != 1:
        return None
    rest = part[: spans[0][0]] + part[spans[0][1] :]
    if set(words(rest)) - ASKING_WORDS - {"much", "many"}:
        return None
    (start, end), (s, e) = own[0], spans[0]
    return before[:start] + part[s:e] + before[end:]


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
        if answer.abstained and not answer.citations and not all(a.abstained for a in answers):
            # Beside an answered part, a refused one is one line naming it, not the whole refusal again.
            part = without_context(answer.query).strip()
            texts.append(f"“{part}”: the indexed reports do not answer this part.")
            continue
        text = _renumber(answer.answer, renumber)
        if text not in texts:  # two parts answered by one sentence ("Which department ..., and for what amount?")
            texts.append(text)
    abstained = all(a.abstained for a in answers)
    return Answer("\n\n".join(texts), abstained, citations, question, {"total": round(total_ms, 1)})


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping[int(m.group(1))]}]", text)
