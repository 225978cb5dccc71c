"""Follow-up questions: carry the institute and year of earlier turns into a question that refers back.

"What did the Basel Institute do in 2020?" then "What is its new programme called?": the second
question alone names no institute; searched as "What is its new programme called? (Basel, 2020)".
No LLM: the referent is the most recent institute (and year) the user named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.query import QueryInfo

__all__ = ["standalone_question"]

# Words that point back to something said before, in English and Korean.
_REFERS_BACK = re.compile(
    r"\b(?:it|its|they|their|them|there|this|that|these|those|the institute|the centre|the center|"
    r"that year|the same year)\b|그곳|거기|그 기관|이 기관|그들|그 연구소|이 연구소",
    re.I,
)


def standalone_question(
    question: str, history: Sequence[dict[str, str]] | None, analyze: Callable[[str], QueryInfo]
) -> str:
    """``question`` with the institute/year it refers back to made explicit; unchanged if it needs none."""
    if not history:
        return question
    info = analyze(question)
    if info.orgs or not _REFERS_BACK.search(question):
        return question
    for turn in reversed(history):
        if turn.get("role") != "user":
            continue
        earlier = analyze(turn.get("content", ""))
        if earlier.orgs:
            context = list(earlier.orgs)
            if earlier.years and not info.years:
                context += [str(y) for y in earlier.years]
            return f"{question} ({', '.join(context)})"
    return question
