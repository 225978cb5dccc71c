"""Whole answers at scale: `POST /api/ask` over HTTP and `Assistant.ask` in process on synthetic collections of
100,000 and 1,000,000 chunks (eval/synthetic.py), beside the same figures on the default corpus, in one run.

Per collection: `pni serve` start-up to the first /api/health 200; the first 10 questions after ready (is ready
warm?); p50/p95 of questions that name an institute and a year (retrieval filters by both) and of questions
that name neither; the server's resident memory after the run (one worker). Then the same questions in process.
Synthetic collections are kept under ``--cache`` and rebuilt only when missing or of another size.

    python -m eval.scale_ask --sizes 100000,1000000
    python -m eval.scale_ask --sizes 2000 --questions 8 --rounds 1   # seconds: what the tests run
"""

from __future__ import annotations

import argparse
import gc
import http.client
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.disk import read_manifest
from index.errors import IndexError_

from .gold import load_gold
from .metrics import percentile, timed_ms
from .serving import serve
from .synthetic import questions, write_collection

__all__ = ["AskRow", "measure_collection", "ask_table", "synthetic_index"]

FIRST = 10  # questions timed right after ready: a warm server answers them as fast as later ones


@dataclass(frozen=True)
class AskRow:
    collection: str
    chunks: int
    startup_s: float
    first_p50_ms: float  # the first FIRST questions after ready
    once_p50_ms: float  # the later questions the first time they are asked: steady state for a server's new questions
    once_p95_ms: float
    named_p50_ms: float  # questions naming an institute and a year, over HTTP
    named_p95_ms: float
    plain_p50_ms: float  # questions naming neither, over HTTP
    plain_p95_ms: float
    all_p50_ms: float  # every question, over HTTP
    all_p95_ms: float
    local_p50_ms: float  # every question, Assistant.ask in process
    local_p95_ms: float
    rss_mb: float  # server (one worker) after the run


def synthetic_index(cache: Path, chunks: int, say: Callable[[str], None] = print) -> Path:
    """The synthetic index of ``chunks`` chunks under ``cache``, written when missing or of another size."""
    directory = cache / f"synthetic-{chunks}"
    try:
        if read_manifest(directory).chunks == chunks:
            return directory
    except IndexError_:
        pass
    say(f"writing a synthetic collection of {chunks:,} chunks to {directory}")
    write_collection(directory, chunks, say=say)
    return directory


def measure_collection(name: str, index_dir: Path, named: Sequence[str], plain: Sequence[str], rounds: int) -> AskRow:
    """Start-up, first questions, steady latency over HTTP and in process, and memory, on one index."""
    server = serve(index_dir)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)

    def post(question: str) -> None:
        body = json.dumps({"question": question})
        connection.request("POST", "/api/ask", body, {"content-type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"/api/ask answered {response.status} for {question!r} on {index_dir}")

    try:
        mixed = [q for pair in zip(named, plain, strict=False) for q in pair]
        first = timed_ms(post, mixed[:FIRST], 1)
        named_ms = timed_ms(post, list(named), rounds)
        plain_ms = timed_ms(post, list(plain), rounds)
        # Rounds after the first repeat questions the answer layer has memoised what it read for, so they are
        # faster than any new question: the first round, less the first questions, is the steady state to match.
        asked, once = set(mixed[:FIRST]), []
        for question, ms in zip([*named, *plain], named_ms[: len(named)] + plain_ms[: len(plain)], strict=True):
            if question not in asked:
                asked.add(question)
                once.append(ms)
        rss = server.rss_mb()
    finally:
        connection.close()
        server.stop()

    from api.app import load_assistant
    from api.settings import Settings

    assistant = load_assistant(Settings(index_dir=index_dir, database_url=None))
    for question in mixed[:FIRST]:
        assistant.ask(question)
    local = timed_ms(assistant.ask, [*named, *plain], rounds)
    chunks = len(assistant.store.chunks)
    del assistant
    gc.collect()
    return AskRow(
        name,
        chunks,
        round(server.startup_s, 2),
        statistics.median(first),
        statistics.median(once) if once else math.nan,
        percentile(once, 95),
        statistics.median(named_ms),
        percentile(named_ms, 95),
        statistics.median(plain_ms),
        percentile(plain_ms, 95),
        statistics.median(named_ms + plain_ms),
        percentile(named_ms + plain_ms, 95),
        statistics.median(local),
        percentile(local, 95),
        rss,
    )


def ask_table(rows: Sequence[AskRow]) -> str:
    head = (
        "| collection | chunks | start-up s | first 10 p50 ms | asked once p50 ms | asked once p95 ms | "
        "named p50 ms | named p95 ms | plain p50 ms | plain p95 ms | all p50 ms | in process p50 ms | "
        "in process p95 ms | server RSS MB |"
    )
    lines = [head, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r.collection} | {r.chunks:,} | {r.startup_s} | {r.first_p50_ms:.1f} | {r.once_p50_ms:.1f} | "
            f"{r.once_p95_ms:.1f} | {r.named_p50_ms:.1f} | {r.named_p95_ms:.1f} | {r.plain_p50_ms:.1f} | "
            f"{r.plain_p95_ms:.1f} | {r.all_p50_ms:.1f} | {r.local_p50_ms:.1f} | {r.local_p95_ms:.1f} | "
            f"{r.rss_mb:.0f} |"
        )
    return "\n".join(lines)


def measure(
    default_index: Path | None,
    sizes: Sequence[int],
    cache: Path,
    count: int,
    rounds: int,
    say: Callable[[str], None] = print,
) -> list[AskRow]:
    """The default corpus (its English gold questions, split as the synthetic ones are) and each size."""
    rows = []
    if default_index is not None:
        from index.query import analyze_query

        gold = [item.question for item in load_gold() if item.lang == "en"]
        named = [q for q in gold if (info := analyze_query(q)).orgs and info.years][:count]
        plain = [q for q in gold if not (info := analyze_query(q)).orgs and not info.years][:count]
        say("default corpus")
        rows.append(measure_collection("default corpus", default_index, named, plain, rounds))
    for size in sizes:
        index_dir = synthetic_index(cache, size, say)
        say(f"synthetic, {size:,} chunks")
        rows.append(
            measure_collection(
                f"synthetic {size:,}", index_dir, questions(count, True), questions(count, False), rounds
            )
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="comma-separated synthetic collection sizes")
    parser.add_argument("--index-dir", type=Path, default=Path("data/index"), help="the default corpus's index")
    parser.add_argument("--cache", type=Path, default=Path("data/bench"), help="where synthetic indexes are kept")
    parser.add_argument("--questions", type=int, default=40, help="questions of each kind per collection")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    rows = measure(args.index_dir, sizes, args.cache, args.questions, args.rounds)
    sys.stdout.write(ask_table(rows) + f"\n\n{time.perf_counter() - started:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
