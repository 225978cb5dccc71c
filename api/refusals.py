"""Refusals that say why: what the reports do say on the subject and what they do not give, or which of the
question's names no passage speaks of. Every refusal that quotes a passage cites it."""

from __future__ import annotations

from collections.abc import Sequence

from .attribution import attributed
from .names import found_in
from .passages import Unit
from .types import Composed

__all__ = ["not_given", "not_mentioned"]

_KIND_NAMES = {"number": "that number", "amount": "that amount", "date": "that date", "place": "that place"}


def not_given(kind: str, closest: Unit, what: str = "", of: str = "", when: str = "") -> Composed:
    """A refusal that says what the reports do say on the subject, and that they do not give the ``kind``
    (or ``what``: "the director"), or not ``when`` asked, or do not say it ``of`` a body the question names."""
    what = what or _KIND_NAMES.get(kind, "this")
    if of:
        lead = f"The indexed reports do not say this of {of}."
    else:
        lead = f"The indexed reports do not give {what}{f' for {when}' if when else ''}."
    text = f"{lead} The closest they come:\n" + attributed([(closest.quote(), closest.chunk)])
    return Composed(text, [(closest.chunk, closest.chunk_score)], abstained=True)


def not_mentioned(terms: Sequence[str], texts: Sequence[str], coverage_line: str) -> str:
    """The refusal when none of ``texts`` (the passages that match) speaks of the question's names or figures:
    say which are missing, then what the collection covers."""
    missing = [t for t in terms if not any(found_in(t, text) for text in texts)] or list(terms)
    return (
        f"The indexed reports say nothing about {', '.join(f'“{t}”' for t in missing)} in the passages that match "
        f"this question. {coverage_line}"
    )
