"""CPU time spent by each party during a run: where a request's time goes.

On two shared cores the throughput is bounded by the CPU one request costs in total (Python in the
gunicorn worker, the PostgreSQL backend, the load tool); these figures split that cost. A process that
starts during the run counts from zero; one that ends during the run (pgbench's backends end with it) is
counted up to the last sample, taken every 0.2 s. The load tool's own CPU comes from this process's child
usage.
"""

from __future__ import annotations

import os
import resource
import threading
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PARTIES = {
    "app": "gunicorn config.wsgi",
    "db": "corridor corridor_bench",  # the PostgreSQL backends serving the bench database
}


def _cpu_seconds(stat: str) -> float:
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def snapshot() -> dict[int, tuple[str, float]]:
    """Each matching process: pid → (party, CPU seconds so far)."""
    found: dict[int, tuple[str, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        for party, marker in PARTIES.items():
            if marker in command:
                found[int(entry.name)] = (party, _cpu_seconds(stat))
                break
    return found


def children_seconds() -> float:
    """CPU seconds of this process's finished children: the load tool, once `subprocess.run` returns."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spent(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds per party between two snapshots."""
    totals: dict[str, float] = {}
    for pid, (party, seconds) in after.items():
        earlier = before.get(pid)
        totals[party] = totals.get(party, 0.0) + seconds - (earlier[1] if earlier else 0.0)
    return {party: round(seconds, 2) for party, seconds in totals.items()}


class Sampler:
    """Samples the parties' CPU every `every` seconds between `start()` and `stop()`."""

    def __init__(self, every: float = 0.2) -> None:
        self._every = every
        self._baseline: dict[int, tuple[str, float]] = {}
        self._latest: dict[int, tuple[str, float]] = {}
        self._running = threading.Event()
        self._thread: threading.Thread | None = None
        self._children = 0.0

    def start(self) -> None:
        self._baseline = snapshot()
        self._latest = dict(self._baseline)
        self._children = children_seconds()
        self._running.set()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while self._running.is_set():
            self._latest.update(snapshot())
            time.sleep(self._every)

    def stop(self) -> dict[str, float]:
        """CPU seconds per party since `start()`, the finished load tool as 'load tool'."""
        self._running.clear()
        if self._thread is not None:
            self._thread.join()
        self._latest.update(snapshot())
        totals = spent(self._baseline, self._latest)
        totals["load tool"] = round(children_seconds() - self._children, 2)
        return totals


def wait_until_idle(party: str = "app", *, quiet_cpu: float = 0.02, max_wait: float = 120) -> float:
    """Wait until `party` used under `quiet_cpu` CPU seconds in one second (queued requests drained)."""
    began = time.monotonic()
    while time.monotonic() - began < max_wait:
        before = snapshot()
        time.sleep(1)
        if spent(before, snapshot()).get(party, 0.0) < quiet_cpu:
            break
    return time.monotonic() - began
