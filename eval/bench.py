"""`make bench`: speed as users feel it, beside what they would use instead, in one run; writes
eval/reports/bench.md.

Sections: start-up and memory of `pni serve`; query latency over HTTP and in process beside the naive
LangChain-style pipeline; load (wrk, 50 connections, 1 and 2 workers); ingest beside the bare encoder;
the PostgreSQL + pgvector backend beside the files (queries; ingest in one process and with Ray);
encoding routes with their eval scores; FAISS structures at 100k and 1M vectors.

    python -m eval.bench                  # the full run (under 10 minutes on 2 cores)
    python -m eval.bench --smoke          # seconds-long: every section, tiny sizes (CI runs this)

Medians and percentiles from one run on this machine (shared and noisy): compare rows, not runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .encoding import RouteRow
from .gold import load_gold
from .ingest_bench import IngestRow
from .metrics import percentile, timed_ms
from .scale import ScaleRow
from .serving import Server, serve

REPORT = Path(__file__).parent / "reports" / "bench.md"
COLLECTION_ROW = "corpus + test collection"  # the ingest row of real, distinct documents in four languages


@dataclass(frozen=True)
class Plan:
    """How much of each section to run."""

    rounds: int = 3
    questions: int = 0  # 0: every English gold question
    load_seconds: int = 60
    connections: int = 50
    synthetic_pages: int = 200
    scale_sizes: tuple[int, ...] = (100_000, 1_000_000)
    scale_queries: int = 200
    ask_sizes: tuple[int, ...] = (100_000, 1_000_000)  # synthetic collections for whole answers at scale
    ask_questions: int = 40  # of each kind (naming an institute and a year, naming neither) per collection
    hnsw_up_to: int = 100_000  # HNSW builds take minutes at 1M on 2 cores: above this it is left out
    routes: bool = True
    workers: tuple[int, ...] = (1, 2)
    ingest_corpus: bool = True
    ray_actors: int = 2  # 0: leave Ray out of the database section


SMOKE = Plan(1, 3, 2, 4, 4, (5_000,), 20, (2_000,), 4, 5_000, False, (1,), False, 0)


def _row(name: str, times: Sequence[float]) -> str:
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
        f"{percentile(times, 99):.1f} |"
    )


def query_section(
    server: Server, index_dir: Path, questions: list[str], rounds: int, corpus: Path, facts: dict[str, float]
) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)

    def post(question: str) -> None:
        connection.request("POST", "/api/ask", json.dumps({"question": question}), {"content-type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"/api/ask answered {response.status} for {question!r}")

    def get(question: str) -> None:
        connection.request("GET", f"/api/search?q={quote(question)}&k=5")
        connection.getresponse().read()

    for question in questions[:10]:  # warm up: first calls pay for lazy initialisation
        post(question)
    http_ask = timed_ms(post, questions, rounds)
    http_search = timed_ms(get, questions, rounds)
    connection.close()

    from api.app import load_assistant
    from api.settings import Settings

    from .systems import naive_langchain_system

    assistant = load_assistant(Settings(index_dir=index_dir))
    naive = naive_langchain_system([corpus], assistant.store.embedder, 5)

    def naive_answer(question: str) -> object:
        return naive.search(question, 5)  # its answer is the top chunk: retrieval is all it does

    for question in questions[:10]:
        assistant.ask(question)
        naive_answer(question)
    local_ask = timed_ms(assistant.ask, questions, rounds)
    local_search = timed_ms(assistant.search, questions, rounds)
    naive_times = timed_ms(naive_answer, questions, rounds)
    ratio = statistics.median(local_ask) / statistics.median(naive_times)
    facts["ask_p50_ms"] = statistics.median(http_ask)
    return [
        "## Query latency",
        "",
        f"{len(questions)} English gold questions × {rounds} rounds, one client, keep-alive, warm server "
        "(default path: no reranker; the reranker slot needs a CrossEncoder on disk, and none is bundled). "
        "The naive pipeline is the eval's LangChain-tutorial baseline (embed the question, FAISS top 5, answer "
        "with the top chunk), in process, same questions, same run.",
        "",
        "| path | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
        _row("POST /api/ask over HTTP", http_ask),
        _row("GET /api/search over HTTP", http_search),
        _row("Assistant.ask in process", local_ask),
        _row("Assistant.search in process", local_search),
        _row("naive pipeline in process (baseline)", naive_times),
        "",
        f"Assistant.ask costs {ratio:.1f}× the naive pipeline's median, for a cited, checked answer instead of "
        "the top chunk (see eval/reports/latest.md for what that buys).",
        "",
    ]


def load_section(
    index_dir: Path, questions: list[str], plan: Plan, facts: dict[str, float]
) -> tuple[list[str], list[str]]:
    from .load import run_wrk

    rows, startup = [], []
    for workers in plan.workers:
        server = serve(index_dir, workers)
        try:
            url = f"http://127.0.0.1:{server.port}/api/ask"
            for question in questions[:5]:
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                conn.request(
                    "POST", "/api/ask", json.dumps({"question": question}), {"content-type": "application/json"}
                )
                conn.getresponse().read()
                conn.close()
            result = run_wrk(url, questions, plan.connections, plan.load_seconds)
            rss = server.peak_rss_mb()
        finally:
            server.stop()
        startup.append(f"| {workers} | {server.startup_s:.2f} | {rss:.0f} |")
        facts[f"startup_s_{workers}"] = server.startup_s
        facts[f"rps_{workers}"] = result.rps
        facts["load_errors"] = facts.get("load_errors", 0) + result.errors
        facts["load_connections"], facts["load_seconds"] = result.connections, plan.load_seconds
        rows.append(
            f"| {workers} | {result.connections} | {result.seconds:.0f} | {result.requests} | {result.rps:.1f} | "
            f"{result.p50_ms:.0f} | {result.p95_ms:.0f} | {result.p99_ms:.0f} | {result.errors} |"
        )
    load = [
        "## Load",
        "",
        f"wrk (Debian's package), {plan.connections} keep-alive connections for {plan.load_seconds} s on "
        "POST /api/ask, cycling through the questions; wrk shares the 2 cores with the server. The encoder runs "
        "in FastAPI's thread pool (plain `def` handlers), never on the event loop.",
        "",
        "| workers | connections | seconds | requests | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    return load, startup


def goals_section(
    facts: dict[str, float],
    ingest_rows: Sequence[IngestRow],
    route_rows: Sequence[RouteRow],
    scale_rows: Sequence[ScaleRow],
    total_s: float,
) -> list[str]:
    """Issue 7's goals against this run's figures: met, or not and why."""
    rows = []

    def goal(name: str, target: str, measured: str, met: bool, why: str = "") -> None:
        rows.append(f"| {name} | {target} | {measured} | {'met' if met else 'not met'} | {why} |")

    overhead = max((r.overhead for r in ingest_rows), default=0.0)
    goal("pipeline overhead beyond the encoder", "≤ 10%", f"{overhead:+.0%}", overhead <= 0.10)
    if "ask_p50_ms" in facts:
        goal("POST /api/ask p50, warm, 2 cores", "≤ 50 ms", f"{facts['ask_p50_ms']:.1f} ms", facts["ask_p50_ms"] <= 50)
    if "startup_s_1" in facts:
        start = facts["startup_s_1"]
        goal(
            "`pni serve` start-up on a persisted index",
            "≤ 3 s",
            f"{start:.2f} s",
            start <= 3.0,
            ""
            if start <= 3.0
            else "importing torch for the query encoder (~1.6 s) is about half of it; a numpy encoder gives the "
            "same vectors without torch but took twice as long a question (12.3 ms vs 6.5), and ONNX Runtime fp32 "
            "encodes slower (Encoding routes)",
        )
    if "load_errors" in facts:
        best = max((w for w in (1, 2) if f"rps_{w}" in facts), key=lambda w: facts[f"rps_{w}"])
        goal(
            f"errors under {facts['load_connections']:.0f} connections for {facts['load_seconds']:.0f} s",
            "0",
            f"{facts['load_errors']:.0f}",
            facts["load_errors"] == 0,
            f"{best} worker(s) served the most ({facts[f'rps_{best}']:.0f} requests/s); `make serve` runs 2 "
            "(WORKERS=2), `pni serve` 1 unless --workers / PNI_WORKERS",
        )
    million = [r for r in scale_rows if r.size == 1_000_000 and r.structure.startswith("IVF + SQ8")]
    if million:
        r = million[0]
        ok = r.p50_ms <= 20 and r.recall_at_10 >= 0.95 and r.memory_mb <= 1024
        goal(
            "1M vectors, FAISS alone: p50, recall@10, vector memory",
            "≤ 20 ms, ≥ 0.95, ≤ 1 GB",
            f"{r.p50_ms} ms, {r.recall_at_10}, {r.memory_mb:.0f} MB",
            ok,
        )
    if "ask_default_first_p50_ms" in facts:
        first, steady = facts["ask_default_first_p50_ms"], facts["ask_default_once_p50_ms"]
        goal(
            "ready means warm: the first 10 questions after start-up, p50 beside later ones",
            "≤ 2×",
            f"{first:.1f} ms vs {steady:.1f} ms ({first / steady:.2f}×)",
            first <= 2 * steady,
            "later ones: the questions after the first 10, the first time they are asked; "
            f"{facts['ask_default_all_p50_ms']:.1f} ms over every round, where the answer layer has memoised what "
            "it read for a repeated question",
        )
    # Judged on real, distinct documents when both spaces ran on them: the synthetic collection recombines the
    # corpus's paragraphs, so its sentences repeat and the main model embeds each once (its ratio overstates the
    # multilingual share); then the larger collection (less noise), then the corpus.
    keys = (COLLECTION_ROW, "synthetic", "corpus (")
    pairs = [{r.multilingual: r for r in ingest_rows if r.collection.startswith(k)} for k in keys]
    both = [pair for pair in pairs if True in pair and False in pair]
    if both:
        by_space = both[0]
        ratio = by_space[True].pipeline_s / by_space[False].pipeline_s
        share = by_space[True].multilingual_s / by_space[True].pipeline_s
        others = "; ".join(
            f"{p[True].pipeline_s / p[False].pipeline_s:.2f}× on {p[True].collection}"
            for p in both[1:]
            if p[True].collection.startswith("synthetic")
        )
        why = (
            ""
            if ratio <= 2
            else f"multilingual-e5-small (twice the layers of the main model) is {share:.0%} of it; index/e5.py "
            "runs it in bfloat16 or float32, whichever this CPU multiplied faster when the engine loaded. "
        )
        if others:
            why += (
                f"{others}: that collection recombines the corpus's paragraphs, so its sentences recur and the main "
                "model embeds each once, which overstates the multilingual share on real documents"
            )
        goal(
            "ingest with the multilingual space, beside without it",
            "≤ 2×",
            f"{ratio:.2f}× ({by_space[True].collection})",
            ratio <= 2,
            why.strip(),
        )
    # Judged on the questions asked once: a server's questions are new ones, and a repeated question finds what
    # the answer layer read for it the first time. Every round's figures are shown beside.
    if "ask_1000000_once_p50_ms" in facts:
        p50, p95, rss = (facts[f"ask_1000000_{k}"] for k in ("once_p50_ms", "once_p95_ms", "rss_mb"))
        every = f"{facts['ask_1000000_all_p50_ms']:.0f} ms, {facts['ask_1000000_all_p95_ms']:.0f} ms over every round"
        goal(
            "1M chunks, whole answer: POST /api/ask p50, p95, worker memory",
            "≤ 50 ms, ≤ 150 ms, ≤ 4 GB",
            f"{p50:.0f} ms, {p95:.0f} ms, {rss / 1024:.1f} GB",
            p50 <= 50 and p95 <= 150 and rss <= 4096,
            f"questions asked once; {every}",
        )
    if "ask_100000_once_p50_ms" in facts:
        ratio = facts["ask_100000_once_p50_ms"] / facts["ask_default_once_p50_ms"]
        goal(
            "100k chunks, whole answer: p50 beside the default corpus's",
            "≤ 1.5×",
            f"{ratio:.2f}×",
            ratio <= 1.5,
            "questions asked once; "
            f"{facts['ask_100000_all_p50_ms'] / facts['ask_default_all_p50_ms']:.2f}× over every round",
        )
    if route_rows:
        base = route_rows[0].scores
        kept = [r for r in route_rows if all(abs(r.scores[k] - base[k]) <= 0.01 + 1e-9 for k in base)]
        fastest = max(kept, key=lambda r: r.speedup)
        goal(
            "faster encoding, same model, eval within 1 point",
            "≥ 2× fp32",
            f"{fastest.speedup:.2f}× ({fastest.route})",
            fastest.speedup >= 2,
            ""
            if fastest.speedup >= 2
            else "torch fp32 is already the fastest route that keeps the scores: "
            "the int8 routes move abstention recall by more than a point; see Encoding routes",
        )
    goal("`make bench` wall time", "< 10 min", f"{total_s / 60:.1f} min", total_s < 600)
    return [
        "## Goals",
        "",
        "| goal | target | this run | | why not / what it chose |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]


def script_args(description: str | None, report: Path, smoke: str, argv: Sequence[str] | None) -> argparse.Namespace:
    """The options `make bench` and `make reliability` share: --index-dir, --corpus, --smoke, --report."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-dir", type=Path, default=Path(os.environ.get("PNI_INDEX_DIR", "data/index")))
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--smoke", action="store_true", help=smoke)
    parser.add_argument(
        "--cache", type=Path, default=Path("data/bench"), help="where synthetic collections are kept between runs"
    )
    parser.add_argument("--report", type=Path, default=report)
    return parser.parse_args(argv)


def progress() -> Callable[[str], None]:
    """A function that writes a line to stderr with the seconds since it was made."""
    started = time.perf_counter()

    def say(text: str) -> None:
        sys.stderr.write(f"[{time.perf_counter() - started:6.0f} s] {text}\n")

    return say


def main(argv: Sequence[str] | None = None) -> int:
    args = script_args(__doc__, REPORT, "every section at tiny sizes, in seconds", argv)
    plan = SMOKE if args.smoke else Plan()
    started = time.perf_counter()
    say = progress()

    questions = [item.question for item in load_gold() if item.lang == "en"]
    questions = questions[: plan.questions] if plan.questions else questions
    facts: dict[str, float] = {}

    say("start-up, query latency")
    server = serve(args.index_dir)
    try:
        query = query_section(server, args.index_dir, questions, plan.rounds, args.corpus, facts)
    finally:
        server.stop()
    say("load")
    load, startup_rows = load_section(args.index_dir, questions, plan, facts)
    startup = [
        "## Start-up and memory",
        "",
        "`pni serve` on the persisted index until /api/health answers 200 (goal ≤ 3 s); peak resident memory "
        "of the server (all workers) after the load run.",
        "",
        "| workers | start-up s | peak RSS MB |",
        "|---|---|---|",
        *startup_rows,
        "",
    ]

    say("ingest")
    from .ingest_bench import ingest_table, measure_ingest, synthetic_collection

    with tempfile.TemporaryDirectory() as tmp:
        synthetic = synthetic_collection(args.corpus, Path(tmp) / "synthetic", plan.synthetic_pages)
        ingest_rows = []
        if plan.ingest_corpus:
            ingest_rows += [
                measure_ingest("corpus (2 reports)", [args.corpus], multilingual=True),
                measure_ingest("corpus (2 reports)", [args.corpus], multilingual=False),
            ]
            from .collection import collection_files

            # The goal's figure: real, distinct documents in four languages, PDFs and web pages, as `pni eval` has.
            documents = [args.corpus, *collection_files(Path(tmp) / "collection")]
            ingest_rows += [
                measure_ingest(f"{COLLECTION_ROW} (eval/collection)", documents, multilingual=True),
                measure_ingest(f"{COLLECTION_ROW} (eval/collection)", documents, multilingual=False),
            ]
        name = f"synthetic, {plan.synthetic_pages} pages"
        if plan.ingest_corpus:
            ingest_rows.append(measure_ingest(name, [synthetic], multilingual=True))
        ingest_rows.append(measure_ingest(name, [synthetic], multilingual=False))
    ingest = [
        "## Ingest",
        "",
        "`update_index` (what `pni ingest` runs) for a full build, then the bare encoder on the chunks it "
        "made, in the same run. The pipeline encodes chunks, every sentence (stored so answers need no "
        "encoding) and, with PNI_MULTILINGUAL on, the chunks again with multilingual-e5-small (an answer embeds "
        "the sentences it reads in that space the first time); the last column is "
        "what it spends beyond those encodings (reading, cleaning, splitting, BM25, writing), relative to them. "
        "The synthetic collection recombines the corpus's paragraphs, so each sentence recurs several times and is "
        "embedded once by the main model (a negative last column): it measures throughput at size, while the "
        "corpus with the test collection (distinct documents) is what the multilingual ratio is judged on.",
        "",
        ingest_table(ingest_rows),
        "",
    ]

    say("PostgreSQL + pgvector")
    from api.app import load_assistant
    from api.settings import Settings

    from .pg_bench import pg_section

    files = load_assistant(Settings(index_dir=args.index_dir, database_url=None))
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = synthetic_collection(args.corpus, Path(tmp) / "synthetic", plan.synthetic_pages)
        database, _, _ = pg_section(files, questions, plan.rounds, [synthetic], plan.ray_actors or None)

    routes: list[str] = []
    route_rows: list[RouteRow] = []
    if plan.routes:
        say("encoding routes")
        from .encoding import ROUTES, measure_routes, routes_table

        routes = [
            "## Encoding routes",
            "",
            "Same model, faster paths: chunks/s encoding the corpus's chunks (best of 3), and the English gold "
            "scores with the corpus indexed by that route.",
            "",
            routes_table(route_rows := measure_routes(args.corpus, ROUTES)),
            "",
        ]

    say("scale")
    from .scale import STRUCTURES, measure, scale_table

    scale_rows = []
    for size in plan.scale_sizes:
        chosen = {k: v for k, v in STRUCTURES.items() if "HNSW" not in k or size <= plan.hnsw_up_to}
        scale_rows += measure(size, plan.scale_queries, chosen)
    scale = [
        "## Scale: FAISS structures",
        "",
        "FAISS alone (no retrieval around it, no answer: see Scale: whole answers for those). "
        "Synthetic 384-d unit vectors from a mixture of 2,000 Gaussian topics (eval/scale.py); queries are "
        f"fresh draws, {plan.scale_queries} per size, one at a time; recall@10 against the exact index. "
        "`pni ingest` picks the structure by size and records it in the manifest (`dense_index`): exact "
        "below 100,000 chunks, IVF + SQ8 from there.",
        "",
        scale_table(scale_rows),
        "",
    ]

    say("whole answers at scale")
    from .scale_ask import ask_table
    from .scale_ask import measure as measure_asks

    ask_rows = measure_asks(args.index_dir, plan.ask_sizes, args.cache, plan.ask_questions, plan.rounds, say)
    whole = [
        "## Scale: whole answers",
        "",
        "`pni serve` (one worker) on the default corpus and on synthetic collections written straight into the "
        "index format (eval/synthetic.py: report-like text, 20 institutes × 15 years, 100 chunks per report, "
        "random unit vectors for chunks in both vector spaces and for sentences in the main one). Questions "
        "naming an institute and a year (retrieval filters by both) and naming neither, "
        f"{plan.ask_questions} of each × {plan.rounds} rounds; the default corpus asks its English gold "
        "questions, split the same way. First 10: the questions right after /api/health first answered 200; "
        "asked once: the others, the first time they are asked (later rounds repeat them). "
        "Server RSS: resident memory of the worker after the run (sentence vectors are read from their file, "
        "through the page cache).",
        "",
        ask_table(ask_rows),
        "",
    ]
    keys = ("all_p50_ms", "all_p95_ms", "once_p50_ms", "once_p95_ms", "rss_mb")
    facts.update({f"ask_{r.chunks}_{k}": getattr(r, k) for r in ask_rows for k in keys})
    facts["ask_default_all_p50_ms"] = ask_rows[0].all_p50_ms
    facts["ask_default_first_p50_ms"] = ask_rows[0].first_p50_ms
    facts["ask_default_once_p50_ms"] = ask_rows[0].once_p50_ms

    total = time.perf_counter() - started
    goals = goals_section(facts, ingest_rows, route_rows, scale_rows, total)
    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on this machine ({os.cpu_count()} cores, no GPU), {time.strftime('%Y-%m-%d')}, "
        f"{total / 60:.1f} minutes{' (smoke run)' if args.smoke else ''}. Medians and percentiles from this one "
        "run; the machine is shared, so compare rows within a table, not with other runs.",
        "",
        *goals,
        *startup,
        *query,
        *load,
        *ingest,
        *database,
        *routes,
        *scale,
        *whole,
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")
    say(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
