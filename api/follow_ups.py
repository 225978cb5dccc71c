"""Follow-ups: a question carrying the previous one ("what did he talk about? (Who gave the talk at KIC's
colloquium)") is answered by what was not told already, in the sentences holding its own words.
"""

from __future__ import annotations

from index.query import QueryInfo

from .counts import partitive
from .evidence import CHECKED_TYPES, QUANTITIES, TYPED_WITHIN
from .passages import Unit
from .spans import holds_type
from .terms import QuestionTerms, words
from .understanding import DIRECT_TYPES, answer_type, context_of, without_context

__all__ = ["added_words", "follow_up_order", "own_of", "own_words", "told"]


def told(question: str, info: QueryInfo, units: list[Unit], terms: QuestionTerms) -> int | None:
    """A follow-up carries the previous question ("what did he talk about? (Who gave the talk at KIC's
    colloquium)"); the sentence that answers that question best is what the user was told already. Its
    index among ``units``, or None (no previous question carried, or no sentence answers it)."""
    previous = context_of(question)
    weights = terms.weights(previous, info.orgs)
    if len([t for t in weights if not t.isdigit()]) < 2:  # "(KICJ, 2020)": an institute and a year
        return None
    # "When was the forum?" was answered by a sentence with a date, not by any sentence naming the forum.
    kind = answer_type(previous)
    coverage = [
        0.0
        if unit.pair or (kind in CHECKED_TYPES and not holds_type(unit.text, kind))
        else terms.coverage(weights, unit.text)
        for unit in units
    ]
    best = max(range(len(units)), key=coverage.__getitem__)
    if len({units[i].text for i, c in enumerate(coverage) if c == coverage[best]}) > 1:
        return None  # two sentences answer it as well ("What is the forum?"): which one was told is unknown
    return best if coverage[best] >= 0.5 else None


def follow_up_order(
    question: str,
    info: QueryInfo,
    kind: str,
    units: list[Unit],
    order: list[int],
    read: list[set[str]],
    terms: QuestionTerms,
) -> list[int]:
    """``order`` (sentence indices, best first) for a follow-up carrying the previous question: without the
    sentence the user was told already (``told``), unless it holds what is asked now; and the sentences with
    the follow-up's own words first: "Who was elected chair at that meeting? (Where was the
    Board's meeting held)" is answered by "... was elected chair of the Board", not by the sentence full of the
    previous question's words. Words the two questions share name the referent ("that meeting"). A figure's
    sentence is found by what it counts, in other words ("how many attended?": "312 participants")."""
    if not context_of(question):
        return order  # no previous question carried: nothing was told
    own = own_words(question, info, terms)
    said_before = told(question, info, units, terms)
    # The told sentence may say more than was told: "... in Dili, during which 33 officers discussed ..."
    # answers "what did they discuss there?" after "Which office ran the workshop in Dili?".
    answers_now = said_before is not None and (
        (kind in DIRECT_TYPES and holds_type(units[said_before].text, kind))
        or (bool(own) and terms.coverage(own, read[said_before]) > 0)
    )
    if said_before is not None and len(order) > 1 and not answers_now:
        # "what did he talk about?": the sentence naming him, wherever it was read (passages overlap)
        order = [i for i in order if units[i].text != units[said_before].text]
    # In any language: the follow-up's words are compared where they can match (an English "adopt" in a French
    # page's "Elle a adopté ..."); where none does (a Korean question on English pages), the order stands.
    if kind not in QUANTITIES - {"amount"} or partitive(without_context(question)):
        # A count's own words are what it counts, said in other words by the figure's sentence ("how many took
        # part?": "96 participants"), unless a part of a group is asked ("how many of them were women?": the
        # part's own word); a sum's are whose money it is ("how much did the Swiss put in?").
        # A figure's sentence says its own words and holds the figure: both together are rarer, looked for deeper.
        # Those saying more of them first, counted, not weighed (a rarer word is no surer sign of the answer):
        # "who is writing the full report?" is answered by "The full report ... is being written by ...", before
        # a sentence on the survey that says "report" in passing.
        said = {i: len(own.keys() & read[i]) for i in order[: 2 * TYPED_WITHIN if kind in QUANTITIES else TYPED_WITHIN]}
        saying = [i for i, n in said.items() if n and (kind not in QUANTITIES or holds_type(units[i].text, kind))]
        saying.sort(key=lambda i: -said[i])
        order = saying + [i for i in order if i not in saying]
    return order


def own_words(question: str, info: QueryInfo, terms: QuestionTerms) -> dict[str, float]:
    """A follow-up's words that the previous question it carries does not share ("Who was elected chair at that
    meeting? (Where was the Board's meeting held)": elected, chair), weighted; none when it carries none."""
    if not context_of(question):
        return {}  # a question on its own adds nothing to any earlier one
    return own_of(question, terms.weights(without_context(question), info.orgs))


def own_of(question: str, weights: dict[str, float]) -> dict[str, float]:
    """Of a question's weighted words, those its follow-up adds to the previous question it carries."""
    added = added_words(question)
    return {t: w for t, w in weights.items() if t in added}


def added_words(question: str) -> set[str]:
    """The words (stemmed) a follow-up adds to the previous question it carries; none when it carries none."""
    context = context_of(question)
    if not context:
        return set()
    return set(words(without_context(question))) - set(words(context))
