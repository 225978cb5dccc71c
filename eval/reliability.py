"""`make reliability`: the long, bounded runs behind the reliability tests; writes eval/reports/reliability.md.

Sections, each on a real `pni serve` or a real `pni ingest` process on loopback:
- sustained load: wrk, 50 connections for 60 s twice back to back on the default 2 workers; errors and
  resident memory after warm-up (five questions, then one unmeasured round of the same load) and after each
  round (flat = the second round adds next to nothing);
- overload: 400 connections on 1 worker, with the default in-flight limit and with it effectively off,
  side by side: refused with 503 at once, or queued until clients time out;
- fuzz: schemathesis, valid and invalid requests for every operation of the OpenAPI spec;
- crash: `pni ingest` killed with SIGKILL at seeded random points of its run, then `pni status` and
  `pni ask` on what is left;
- damage: each index file in turn flipped, truncated or deleted, then `pni ask`: a clear error, or (for a
  change that does not matter) the same answer as before, never a different one.

    python -m eval.reliability            # the full run (about 15 minutes on 2 cores)
    python -m eval.reliability --smoke    # every section at tiny sizes (the test suite runs this)
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .bench import progress, script_args
from .gold import load_gold
from .load import LoadResult, run_wrk
from .serving import serve

REPORT = Path(__file__).parent / "reports" / "reliability.md"
PROBE = "What did HEUNI do in 2020?"


@dataclass(frozen=True)
class Plan:
    load_connections: int = 50
    load_seconds: int = 60
    load_rounds: int = 2
    overload_connections: int = 400
    overload_seconds: int = 20
    overload_limit: int = 100  # PNI_MAX_IN_FLIGHT for the limited run (100 is the default)
    fuzz_examples: int = 100  # per operation and mode
    kills: int = 12
    damaged_files: int = 0  # 0: every file of the index
    # How many of the English gold questions the sustained load cycles through (0: all). wrk's two threads each
    # start at the first question every round, so a short round only reaches the first few: the smoke run keeps
    # to the five the warm-up asks, or its second round would meet questions for the first time and count
    # their first touch as growth.
    load_questions: int = 0


SMOKE = Plan(4, 2, 2, 40, 2, 4, 3, 2, 2, load_questions=5)


def _pni(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    pni = Path(sys.executable).with_name("pni")
    return subprocess.run([str(pni), *args], capture_output=True, text=True, env=env, timeout=600)


def _warm(port: int, questions: Sequence[str]) -> None:
    for question in questions:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = json.dumps({"question": question})
        connection.request("POST", "/api/ask", body, {"content-type": "application/json"})
        connection.getresponse().read()
        connection.close()


def _load_row(label: str, result: LoadResult, rss: str = "") -> str:
    others = result.requests - result.ok - result.busy
    return (
        f"| {label} | {result.connections} | {result.seconds:.0f} | {result.requests} | {result.ok} | "
        f"{result.busy} | {others} | {result.timeouts} | {result.p50_ms:.0f} | {result.p99_ms:.0f} | "
        f"{result.max_ms:.0f} |{rss}"
    )


def load_section(index_dir: Path, questions: list[str], plan: Plan, facts: dict[str, float]) -> list[str]:
    server = serve(index_dir, workers=2)
    questions = questions[: plan.load_questions] if plan.load_questions else questions
    rows = []
    try:
        _warm(server.port, questions[:5])
        # A round's worth of load first, unmeasured: each worker meets the questions and the concurrency the
        # rounds bring (lazily loaded lists, allocator arenas), so the rounds measure growth, not first touches.
        run_wrk(f"http://127.0.0.1:{server.port}/api/ask", questions, plan.load_connections, plan.load_seconds)
        before = server.rss_mb()
        facts["rss_start_mb"] = before
        for round_ in range(1, plan.load_rounds + 1):
            url = f"http://127.0.0.1:{server.port}/api/ask"
            result = run_wrk(url, questions, plan.load_connections, plan.load_seconds)
            rss = server.rss_mb()
            facts["load_errors"] = facts.get("load_errors", 0) + result.errors
            facts[f"rss_round_{round_}_mb"] = rss
            rows.append(_load_row(f"round {round_}", result, f" {rss:.0f} |"))
    finally:
        server.stop()
    growth = facts[f"rss_round_{plan.load_rounds}_mb"] - facts["rss_round_1_mb"]
    facts["rss_growth_mb"] = growth
    return [
        "## Sustained load",
        "",
        f"`pni serve --workers 2` (what `make serve` runs); wrk with {plan.load_connections} keep-alive "
        f"connections for {plan.load_seconds} s on POST /api/ask, cycling through {len(questions)} English gold "
        f"questions, {plan.load_rounds} rounds back to back after one unmeasured round of the same load. Resident "
        f"memory of the server and its workers: {before:.0f} MB after warm-up; the last round added {growth:+.0f} MB "
        "to the first.",
        "",
        "| run | connections | seconds | requests | 200 | 503 | other | timeouts | p50 ms | p99 ms | max ms "
        "| RSS after, MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def overload_section(index_dir: Path, questions: list[str], plan: Plan, facts: dict[str, float]) -> list[str]:
    rows = []
    for label, limit in ((f"{plan.overload_limit}", plan.overload_limit), ("effectively off (10,000)", 10_000)):
        server = serve(index_dir, workers=1, env={"PNI_MAX_IN_FLIGHT": str(limit)})
        try:
            _warm(server.port, questions[:3])
            url = f"http://127.0.0.1:{server.port}/api/ask"
            result = run_wrk(url, questions, plan.overload_connections, plan.overload_seconds, timeout_s=5)
        finally:
            server.stop()
        key = "limited" if limit == plan.overload_limit else "unlimited"
        facts[f"overload_{key}_busy"] = result.busy
        facts[f"overload_{key}_timeouts"] = result.timeouts
        facts[f"overload_{key}_other"] = result.requests - result.ok - result.busy
        facts[f"overload_{key}_p99"] = result.p99_ms
        rows.append(_load_row(label, result))
    return [
        "## Overload",
        "",
        f"One worker, {plan.overload_connections} connections for {plan.overload_seconds} s, clients give up "
        "after 5 s. The in-flight limit (PNI_MAX_IN_FLIGHT, per process) refuses what it cannot start with an "
        "immediate 503 and Retry-After; without it, requests queue and wait. Latency columns mix answers "
        "and refusals. wrk counts a request it gave up on as a timeout, not in the requests column.",
        "",
        "| in-flight limit | connections | seconds | requests | 200 | 503 | other | timeouts | p50 ms | p99 ms "
        "| max ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
    ]


def fuzz_section(index_dir: Path, plan: Plan, facts: dict[str, float]) -> list[str]:
    from .fuzz import GenerationMode, fuzz

    server = serve(index_dir, workers=1)
    rows, failures = [], []
    try:
        base = f"http://127.0.0.1:{server.port}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            started = time.perf_counter()
            result = fuzz(base, mode, plan.fuzz_examples)
            seconds = time.perf_counter() - started
            statuses = ", ".join(f"{status}: {n}" for status, n in sorted(result.statuses.items()))
            facts["fuzz_5xx"] = facts.get("fuzz_5xx", 0) + result.server_errors
            facts["fuzz_failures"] = facts.get("fuzz_failures", 0) + len(result.failures)
            facts["fuzz_calls"] = facts.get("fuzz_calls", 0) + result.calls
            rows.append(
                f"| {mode.value} | {len(result.operations)} | {result.calls} | {result.server_errors} | "
                f"{len(result.failures)} | {statuses} | {seconds:.0f} |"
            )
            failures += result.failures[:5]
    finally:
        server.stop()
    return [
        "## Fuzz",
        "",
        f"schemathesis against `pni serve`: up to {plan.fuzz_examples} generated requests per operation of "
        "/openapi.json and mode. Positive requests must get a documented status, content type and body schema; "
        "every request must be answered without a 5xx.",
        "",
        "| mode | operations | requests | 5xx | failed checks | statuses | seconds |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        *([f"- {failure}" for failure in failures] + [""] if failures else []),
    ]


def _probe(index_dir: Path, env: dict[str, str]) -> tuple[str, str]:
    """("answer", text) when `pni ask` answers, ("error", first line) when it refuses, ("crash", ...) when it
    dies with a traceback."""
    result = _pni("ask", PROBE, "--json", "--index-dir", str(index_dir), env=env)
    if result.returncode == 0:
        body = json.loads(result.stdout)
        return "answer", body["answer"]
    message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
    return ("crash" if "Traceback" in result.stderr else "error"), message


def crash_section(corpus: Path, plan: Plan, facts: dict[str, float], env: dict[str, str]) -> list[str]:
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as tmp:
        work, index_dir = Path(tmp) / "corpus", Path(tmp) / "index"
        work.mkdir()
        shutil.copy(corpus / "un-pni-institutes-activities-2020.txt", work)
        extra = (corpus / "kicj-un-international-cooperation-2023.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        first = _pni("ingest", str(work), "--index-dir", str(index_dir), env=env)
        if first.returncode != 0:
            raise SystemExit(f"the first ingest failed, so there is nothing to crash-test:\n{first.stderr}")
        full = time.perf_counter() - started
        _, baseline = _probe(index_dir, env)
        outcomes = {"killed": 0, "finished": 0, "loaded": 0, "same answer": 0, "error": 0, "crash": 0}
        pni = Path(sys.executable).with_name("pni")
        for round_ in range(plan.kills):
            (work / f"copy-{round_}.txt").write_text(extra.replace("2023", str(2030 + round_)), encoding="utf-8")
            proc = subprocess.Popen(
                [str(pni), "ingest", str(work), "--index-dir", str(index_dir)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
            time.sleep(rng.uniform(0.1, full * 1.5))
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                outcomes["killed"] += 1
            else:
                outcomes["finished"] += 1
            proc.wait(timeout=60)
            outcomes["loaded"] += _pni("status", "--index-dir", str(index_dir), env=env).returncode == 0
            kind, text = _probe(index_dir, env)
            if kind == "answer":
                outcomes["same answer"] += text == baseline
            else:
                outcomes[kind] += 1
        leftovers = sorted(p.name for p in Path(tmp).iterdir() if p.name not in {"corpus", "index", ".index.lock"})
    facts["crash_lost"] = plan.kills - outcomes["loaded"]
    facts["crash_wrong"] = plan.kills - outcomes["same answer"]
    return [
        "## Crash during ingest",
        "",
        f"A first `pni ingest` of one report took {full:.1f} s. Then {plan.kills} rounds: add a report, start "
        f"`pni ingest`, SIGKILL its process group after a random delay between 0.1 and {full * 1.5:.1f} s (seed "
        "8), then `pni status` and `pni ask` on the index left behind. 'Same answer' compares with the answer "
        "before any round.",
        "",
        "| rounds | killed | finished first | index loads | same answer | clear error | crash | leftovers |",
        "|---|---|---|---|---|---|---|---|",
        f"| {plan.kills} | {outcomes['killed']} | {outcomes['finished']} | {outcomes['loaded']} | "
        f"{outcomes['same answer']} | {outcomes['error']} | {outcomes['crash']} | {', '.join(leftovers) or 'none'} |",
        "",
    ]


def _damage(path: Path, how: str) -> None:
    if how == "deleted":
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    elif how == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:  # one byte flipped in the middle
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x20
        path.write_bytes(bytes(data))


def damage_section(index_dir: Path, plan: Plan, facts: dict[str, float], env: dict[str, str]) -> list[str]:
    files = sorted(p.relative_to(index_dir) for p in index_dir.rglob("*") if p.is_file())
    files = files[: plan.damaged_files] if plan.damaged_files else files
    baseline = _probe(index_dir, env)
    rows, wrong, crashes = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            cells = []
            for how in ("flipped", "truncated", "deleted"):
                copy = Path(tmp) / "index"
                shutil.rmtree(copy, ignore_errors=True)
                shutil.copytree(index_dir, copy)
                _damage(copy / name, how)
                kind, text = _probe(copy, env)
                if kind == "answer":
                    wrong += (kind, text) != baseline
                    cells.append("same answer" if (kind, text) == baseline else "**different answer**")
                else:
                    crashes += kind == "crash"
                    cells.append(f"{'**crash**: ' if kind == 'crash' else ''}{_short(text, str(copy))}")
            rows.append(f"| {name} | " + " | ".join(cells) + " |")
    facts["damage_wrong"], facts["damage_crash"] = wrong, crashes
    return [
        "## Damaged index",
        "",
        "Each file of an index built from the corpus, in a fresh copy: one byte flipped in the middle, cut to "
        "half its size, or deleted; then `pni ask` on the copy. Each cell is what the user sees.",
        "",
        "| file | byte flipped | truncated | deleted |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def _short(message: str, index_dir: str) -> str:
    message = message.replace(index_dir, "INDEX").replace("|", "/")
    return message if len(message) <= 110 else message[:107] + "…"


def summary_section(facts: dict[str, float], plan: Plan) -> list[str]:
    def line(claim: str, measured: str, met: bool) -> str:
        return f"| {claim} | {measured} | {'yes' if met else '**no**'} |"

    limited_refused = facts["overload_limited_busy"] > 0 and facts["overload_limited_timeouts"] == 0
    return [
        "## Summary",
        "",
        "| claim | measured | holds |",
        "|---|---|---|",
        line(
            f"{plan.load_connections} clients for {plan.load_rounds} × {plan.load_seconds} s: no errors",
            f"{facts['load_errors']:.0f} errors",
            facts["load_errors"] == 0,
        ),
        line(
            "memory flat under sustained load",
            f"{facts['rss_start_mb']:.0f} MB warm, {facts['rss_round_1_mb']:.0f} after round 1, "
            f"{facts[f'rss_round_{plan.load_rounds}_mb']:.0f} after the last",
            facts["rss_growth_mb"] <= max(50.0, 0.05 * facts["rss_round_1_mb"]),
        ),
        line(
            "overload is refused with 503, not queued",
            f"{facts['overload_limited_busy']:.0f} refused, {facts['overload_limited_timeouts']:.0f} timed out "
            f"(without the limit: {facts['overload_unlimited_timeouts']:.0f} timed out)",
            limited_refused and facts["overload_limited_other"] == 0,
        ),
        line(
            "fuzzing: no 5xx, valid requests answered as documented",
            f"{facts['fuzz_calls']:.0f} requests, {facts['fuzz_5xx']:.0f} 5xx, "
            f"{facts['fuzz_failures']:.0f} failed checks",
            facts["fuzz_5xx"] == 0 and facts["fuzz_failures"] == 0,
        ),
        line(
            "SIGKILL during ingest: no lost index, no wrong answer",
            f"{facts['crash_lost']:.0f} lost, {facts['crash_wrong']:.0f} different answers",
            facts["crash_lost"] == 0 and facts["crash_wrong"] == 0,
        ),
        line(
            "damaged index: a clear error, never a wrong answer",
            f"{facts['damage_wrong']:.0f} different answers, {facts['damage_crash']:.0f} crashes",
            facts["damage_wrong"] == 0 and facts["damage_crash"] == 0,
        ),
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = script_args(__doc__, REPORT, "every section at tiny sizes, in a minute or two", argv)
    plan = SMOKE if args.smoke else Plan()
    started = time.perf_counter()
    say = progress()

    questions = [item.question for item in load_gold() if item.lang == "en"]
    facts: dict[str, float] = {}
    # The ingest runs skip the multilingual model: the same write path, in a third of the time.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PNI_MULTILINGUAL": "0"}
    say("sustained load")
    load = load_section(args.index_dir, questions, plan, facts)
    say("overload")
    overload = overload_section(args.index_dir, questions, plan, facts)
    say("fuzz")
    fuzzing = fuzz_section(args.index_dir, plan, facts)
    say("crash during ingest")
    crash = crash_section(args.corpus, plan, facts, env)
    say("damaged index")
    damage = damage_section(args.index_dir, plan, facts, {k: v for k, v in env.items() if k != "PNI_MULTILINGUAL"})
    summary = summary_section(facts, plan)
    total = time.perf_counter() - started
    lines = [
        "# Reliability",
        "",
        f"`make reliability` on this machine ({os.cpu_count()} cores, no GPU), {time.strftime('%Y-%m-%d')}, "
        f"{total / 60:.1f} minutes{' (smoke run)' if args.smoke else ''}. Everything on loopback, on real "
        "`pni serve` and `pni ingest` processes. The test suite (`make test`) holds the short versions: "
        "tests/api/test_limits.py, test_fuzz.py, test_reload.py, tests/index/test_crash.py, "
        "tests/ingest/test_bad_inputs.py.",
        "",
        *summary,
        *load,
        *overload,
        *fuzzing,
        *crash,
        *damage,
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(summary) + "\n")
    say(f"report: {args.report}")
    return 0 if all(not row.endswith("**no** |") for row in summary if row.startswith("| ")) else 1


if __name__ == "__main__":
    raise SystemExit(main())
