"""Load on a warm `pni serve`: wrk (Debian's package) with N connections for D seconds on POST /api/ask,
cycling through the gold questions; a Lua hook prints requests/s, latency percentiles and errors as JSON.

wrk runs on the same 2 cores as the server, so the figures are a floor for a server with its own machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LoadResult", "run_wrk", "WRK_MISSING"]

WRK_MISSING = "wrk is not installed: `apt-get install wrk` (Debian's package) and run again."

_SCRIPT = """
local bodies = {BODIES}
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end
init = function(args)
  i, ok, busy = 0, 0, 0
end
request = function()
  i = i + 1
  local body = bodies[(i % #bodies) + 1]
  return wrk.format("POST", "/api/ask", {["Content-Type"] = "application/json"}, body)
end
response = function(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 503 then busy = busy + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local ok, busy = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("ok")
    busy = busy + thread:get("busy")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "ok": %d, "busy": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, ok, busy))
end
"""


@dataclass(frozen=True)
class LoadResult:
    connections: int
    seconds: float
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # connection errors, timeouts and non-2xx answers
    ok: int = 0  # 200 answers
    busy: int = 0  # 503 "busy" refusals (counted in errors too)
    timeouts: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def run_wrk(
    url: str, questions: list[str], connections: int = 50, seconds: int = 60, timeout_s: int = 10
) -> LoadResult:
    """``connections`` keep-alive clients asking ``questions`` in turn for ``seconds``, on 2 wrk threads;
    a request without an answer after ``timeout_s`` counts as a timeout."""
    if shutil.which("wrk") is None:
        raise SystemExit(WRK_MISSING)
    bodies = "{" + ", ".join(_lua_string(json.dumps({"question": q})) for q in questions) + "}"
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "ask.lua"
        script.write_text(_SCRIPT.replace("{BODIES}", bodies), encoding="utf-8")
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", f"{timeout_s}s", "-s", str(script)]
        command.append(url)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    data = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    errors = sum(int(data[k]) for k in ("connect", "read", "write", "status", "timeout"))
    return LoadResult(
        connections,
        float(data["seconds"]),
        int(data["requests"]),
        float(data["p50"]),
        float(data["p95"]),
        float(data["p99"]),
        float(data["max"]),
        errors,
        int(data["ok"]),
        int(data["busy"]),
        int(data["timeout"]),
    )
