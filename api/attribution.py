"""Who did it: an extractive answer names the organisation whose passage it quotes.

Reports speak of their subject as "the Institute", "the Centre" or "it": a sentence quoted out of its
section ("... together with the Institute, at which 40 corrections officers ...") leaves the reader to open
the citation to learn who acted. Every quoted sentence from an organisation's section that does not itself
name that organisation is therefore introduced by the organisation's name, once per run of such sentences.
The name comes from the passage's own metadata (its section or its document), never from the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.orgs import org_display, org_mentions
from ingest.types import Chunk

__all__ = ["attributed"]


def attributed(quotes: Sequence[tuple[str, Chunk]]) -> str:
    """Join ``(line, chunk)`` quotes into answer text, each run of quotes from one organisation's passages that
    do not name it preceded by a line "ORG (Full name):" (a header line: it carries no claim of its own)."""
    paragraphs: list[tuple[str | None, list[str]]] = []  # (organisation named in the header, quotes)
    for line, chunk in quotes:
        anonymous = chunk.org if chunk.org is not None and chunk.org not in _named(line) else None
        if not paragraphs or anonymous != paragraphs[-1][0]:
            paragraphs.append((anonymous, []))
        paragraphs[-1][1].append(line)
    return "\n".join((f"{org_display(org)}:\n" if org else "") + " ".join(lines) for org, lines in paragraphs)


_NAME_GOES_ON = re.compile(r"[ -](?:[A-Z][\w'’-]*)")


def _named(line: str) -> list[str]:
    """The organisations ``line`` names as actors: a name that runs on into a longer proper name ("the Basel
    Anti-Money-laundering Index", "the Basel Convention") names something else."""
    return [key for _, end, key in org_mentions(line) if not _NAME_GOES_ON.match(line, end)]
