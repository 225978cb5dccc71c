"""Query latency as users feel it: a warm `pni serve` on 127.0.0.1, timed over HTTP, beside in-process.

    python -m eval.bench                    # full run, writes eval/reports/bench.md
    python -m eval.bench --rounds 1 --questions 3 --report /tmp/bench.md   # seconds-long smoke run

Medians and percentiles from one run on this machine (shared and noisy): compare rows, not runs.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from .gold import load_gold
from .metrics import percentile

REPORT = Path(__file__).parent / "reports" / "bench.md"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(index_dir: Path, port: int) -> subprocess.Popen[bytes]:
    pni = Path(sys.executable).with_name("pni")
    env = {**os.environ, "PNI_INDEX_DIR": str(index_dir)}
    command = [str(pni), "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/api/health")
            if connection.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    proc.kill()
    raise SystemExit(f"pni serve did not become ready on port {port}: is there an index at {index_dir}?")


def _timed(call: Callable[[str], object], questions: Sequence[str], rounds: int) -> list[float]:
    """Milliseconds per call, every question ``rounds`` times."""
    times = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            call(question)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _row(name: str, times: Sequence[float]) -> str:
    return (
        f"| {name} | {len(times)} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
        f"{percentile(times, 99):.1f} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-dir", type=Path, default=Path(os.environ.get("PNI_INDEX_DIR", "data/index")))
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions (default 3)")
    parser.add_argument("--questions", type=int, default=0, help="use only the first N questions (0: all English)")
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)

    questions = [item.question for item in load_gold() if item.lang == "en"]
    questions = questions[: args.questions] if args.questions else questions
    port = _free_port()
    server = _serve(args.index_dir, port)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def post(question: str) -> None:
            body = json.dumps({"question": question})
            connection.request("POST", "/api/ask", body, {"content-type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"/api/ask answered {response.status} for {question!r}")

        def get(question: str) -> None:
            connection.request("GET", f"/api/search?q={quote(question)}&k=5")
            response = connection.getresponse()
            response.read()

        for question in questions[:10]:  # warm up: first calls pay for lazy initialisation
            post(question)
        http_ask = _timed(post, questions, args.rounds)
        http_search = _timed(get, questions, args.rounds)
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    from api.app import load_assistant
    from api.settings import Settings

    assistant = load_assistant(Settings(index_dir=args.index_dir))
    for question in questions[:10]:
        assistant.ask(question)
    local_ask = _timed(assistant.ask, questions, args.rounds)
    local_search = _timed(assistant.search, questions, args.rounds)

    lines = [
        "# Query latency",
        "",
        f"{len(questions)} English gold questions × {args.rounds} rounds, one client, keep-alive connection, "
        f"warm server (`pni serve` on 127.0.0.1, default path: no reranker), {os.cpu_count()} cores. "
        "Milliseconds; medians and percentiles from this one run.",
        "",
        "| path | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
        _row("POST /api/ask over HTTP", http_ask),
        _row("GET /api/search over HTTP", http_search),
        _row("Assistant.ask in process", local_ask),
        _row("Assistant.search in process", local_search),
        "",
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))  # noqa: T201 - a benchmark script's output is its report
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
