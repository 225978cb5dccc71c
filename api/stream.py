"""An answer as a stream of events: the citations first, then the text as it is produced, then the whole.

Two producers:
- ``extractive_events``: the composed answer, its text sent a sentence or list line at a time;
- ``written_events``: an LLM writer's answer from the passages, each sentence checked against the passages
  it cites before it is sent (api/grounding.py). On a writer error, or when nothing it wrote survives the
  check, the extractive answer is sent instead and the response says why.

Passages given to the writer are numbered so that the extractive answer's citations keep their numbers
(they come first): the citations event is valid for both, and a fallback needs no renumbering.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Iterator, Sequence

from index.types import Hit

from .citations import citation_for_hit
from .errors import WriterError
from .grounding import check_sentence, sentences_of
from .types import Answer, Citation, Delta, Finished, Started, StreamEvent
from .writer import Passage, TextWriter

__all__ = ["Started", "Delta", "Finished", "StreamEvent", "extractive_events", "written_events", "pieces"]

log = logging.getLogger("pni")
MAX_PASSAGES = 8


def pieces(text: str) -> list[str]:
    """``text`` cut after each citation marker and at each line end; the pieces join back to ``text``."""
    out: list[str] = []
    for part in re.split(r"((?<=\]) |\n)", text):
        if not part:
            continue
        if out and part in (" ", "\n"):
            out[-1] += part
        else:
            out.append(part)
    return out


def extractive_events(answer: Answer) -> Iterator[StreamEvent]:
    yield Started(answer.citations, answer.query, answer.writer)
    for piece in pieces(answer.answer):
        yield Delta(piece)
    yield Finished(answer)


def _passages(extractive: Answer, hits: Sequence[Hit]) -> list[Citation]:
    """The extractive answer's citations (same numbers), then the best other hits, up to MAX_PASSAGES."""
    chosen = list(extractive.citations)
    seen = {c.chunk_id for c in chosen}
    for hit in hits:
        if len(chosen) >= MAX_PASSAGES:
            break
        if hit.chunk.chunk_id not in seen:
            seen.add(hit.chunk.chunk_id)
            chosen.append(citation_for_hit(len(chosen) + 1, hit))
    return chosen


def _heading(c: Citation) -> str:
    where = ", ".join(str(x) for x in (c.org, c.year, f"para. {c.paragraph}" if c.paragraph else None) if x)
    return f"{c.title} — {c.section or ''} ({where})"


def written_events(question: str, extractive: Answer, hits: Sequence[Hit], writer: TextWriter) -> Iterator[StreamEvent]:
    """The writer's checked answer as events; the extractive answer (and why) when the writer fails."""
    started = time.perf_counter()
    passages = _passages(extractive, hits)
    yield Started(passages, extractive.query, writer.name)
    by_n = {c.n: c for c in passages}
    evidence = {c.n: f"{_heading(c)}\n{c.text}" for c in passages}
    kept: list[str] = []
    dropped: list[str] = []
    try:
        stream = writer.write(question, [Passage(c.n, _heading(c), c.text) for c in passages])
        for sentence in sentences_of(stream):
            checked = check_sentence(sentence, evidence)
            if not checked.kept:
                dropped.append(f"“{_short(checked.text)}” ({checked.reason})")
                continue
            separator = "" if not kept else ("\n" if checked.text.startswith(("- ", "* ", "• ")) else " ")
            kept.append(separator + checked.text)
            yield Delta(separator + checked.text)
    except WriterError as exc:
        log.warning("LLM writer failed: %s", exc.message)
        yield from _fallback(extractive, kept, f"The LLM writer failed ({exc.message}): this is the extractive answer.")
        return
    if not kept:
        yield from _fallback(
            extractive,
            kept,
            "Nothing the LLM writer wrote was supported by the passages: this is the extractive answer.",
        )
        return
    text = "".join(kept)
    used = sorted({int(n) for n in re.findall(r"\[(\d+)\]", text)})
    warnings = (
        [f"Removed {len(dropped)} sentence(s) the cited passages do not support: " + "; ".join(dropped)]
        if dropped
        else []
    )
    timings = dict(extractive.timings_ms)
    timings["write"] = round((time.perf_counter() - started) * 1000, 1)
    yield Finished(
        dataclasses.replace(
            extractive,
            answer=text,
            citations=[by_n[n] for n in used],
            writer=writer.name,
            warnings=warnings,
            timings_ms=timings,
        )
    )


def _fallback(extractive: Answer, sent: list[str], why: str) -> Iterator[StreamEvent]:
    if sent:
        # Sentences already sent are superseded: ``done`` carries the answer to show.
        yield Delta("\n\n")
    for piece in pieces(extractive.answer):
        yield Delta(piece)
    yield Finished(dataclasses.replace(extractive, warnings=[*extractive.warnings, why]))


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
