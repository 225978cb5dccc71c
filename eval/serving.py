"""`pni serve` on a free loopback port for the benchmarks: start-up timed to the first /api/health 200, the
resident memory of the server and its workers read from /proc."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Server", "serve"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    startup_s: float

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the server and its worker processes (VmHWM, summed)."""
        return self._memory_mb("VmHWM:")

    def rss_mb(self) -> float:
        """Resident memory now of the server and its worker processes (VmRSS, summed)."""
        return self._memory_mb("VmRSS:")

    def _memory_mb(self, field: str) -> float:
        pids = [self.proc.pid]
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        total = 0
        for pid in pids:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith(field):
                        total += int(line.split()[1])
        return total / 1024

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)


def serve(index_dir: Path, workers: int = 1, env: dict[str, str] | None = None, ready_within: float = 900.0) -> Server:
    """`pni serve` on a free loopback port, with ``env`` added to this process's environment; returns once
    /api/health answers 200 (start-up timed). A server still loading is waited for up to ``ready_within``
    seconds (a million chunks read from a cold disk took over two minutes); one that cannot load the index
    (503, with its reason) or exits is reported at once."""
    port = _free_port()
    pni = Path(sys.executable).with_name("pni")
    env = {**os.environ, "PNI_INDEX_DIR": str(index_dir), **(env or {})}
    command = [str(pni), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        if (code := proc.poll()) is not None:
            raise SystemExit(
                f"pni serve exited with code {code} before it was ready on {index_dir}: run it by hand to see why"
            )
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/api/health")
            response = connection.getresponse()
            if response.status == 200:
                return Server(proc, port, time.perf_counter() - started)
            if response.status == 503:  # it could not load the index: it serves the reason and waits for a new one
                reason = response.read().decode(errors="replace")  # before the kill, which may cut the body short
                proc.kill()
                proc.wait()
                raise SystemExit(f"pni serve could not load {index_dir}: {reason}")
        except OSError:
            time.sleep(0.05)
        finally:
            connection.close()
    proc.kill()
    raise SystemExit(f"pni serve on {index_dir} did not answer /api/health within {ready_within:g} s")
