"""The two load tools and what they report: wrk against gunicorn, pgbench against PostgreSQL.

Both run 32 concurrent clients on loopback for a fixed time, with 2 threads (one per core), and both
report per-request latencies: wrk through its Lua `done` hook (load.lua), pgbench through its
per-transaction log (--log), from which p50 and p95 are computed here.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from common import BENCH_DB, DAYS, HERE, PG_HOST, PG_PASSWORD, PG_PORT, PG_USER, SITE_COUNT


@dataclass(frozen=True)
class Figures:
    """One measured run: latency percentiles in milliseconds and completed requests per second."""

    tool: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_second: float
    errors: int
    load_before: str
    load_after: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, e.g. '0.84 1.20 1.31'."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def load_1min() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def wait_until_quiet(*, threshold: float, max_wait: float) -> float:
    """Sleep while the 1-minute load average is above `threshold`, at most `max_wait` seconds."""
    began = time.monotonic()
    while load_1min() > threshold and time.monotonic() - began < max_wait:
        print(
            f"  load {load_1min():.2f} > {threshold}: waiting ({time.monotonic() - began:.0f} s so far)",
            flush=True,
        )
        time.sleep(30)
    return load_1min()


def wrk(*, url: str, endpoint: str, token: str, clients: int, seconds: int, log: Path) -> Figures:
    """Run wrk with load.lua for `seconds` and read the JSON line its `done` hook prints."""
    env = {
        **os.environ,
        "BENCH_ENDPOINT": endpoint,
        "BENCH_TOKEN": token,
        "BENCH_SITES": str(SITE_COUNT),
        "BENCH_DAYS": str(DAYS),
    }
    before = load_average()
    command = [
        "wrk",
        "-t2",
        f"-c{clients}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "load.lua"),
        url,
    ]
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    log.write_text(" ".join(command) + "\n" + result.stdout + result.stderr)
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK_JSON "))
    data = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(value for key, value in data.items() if key.startswith("errors_"))
    duration = data["duration_us"] / 1e6
    return Figures(
        tool="wrk",
        requests=data["requests"],
        seconds=round(duration, 1),
        p50_ms=data["p50_us"] / 1000,
        p95_ms=data["p95_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        per_second=round(data["requests"] / duration, 1),
        errors=errors,
        load_before=before,
        load_after=load_average(),
    )


def _percentile(ordered: list[int], share: float) -> float:
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index] / 1000


def pgbench(*, script: Path, clients: int, seconds: int, log_dir: Path) -> Figures:
    """Run pgbench with `script` for `seconds`; percentiles from its per-transaction log."""
    prefix = log_dir / f"pgbench_{script.stem}"
    for old in log_dir.glob(f"{prefix.name}.*"):
        old.unlink()
    env = {**os.environ, "PGPASSWORD": PG_PASSWORD}
    command = [
        "pgbench", "-n", "-c", str(clients), "-j", "2", "-T", str(seconds), "-f", str(script),
        "--log", f"--log-prefix={prefix}", "-h", PG_HOST, "-p", str(PG_PORT), "-U", PG_USER, BENCH_DB,
    ]  # fmt: skip
    before = load_average()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, timeout=seconds + 60
    )
    (log_dir / f"{script.stem}.pgbench.txt").write_text(
        " ".join(command) + "\n" + result.stdout + result.stderr
    )
    latencies: list[int] = []
    for path in log_dir.glob(f"{prefix.name}.*"):
        for row in path.read_text().splitlines():
            fields = row.split()
            latencies.append(int(fields[2]))  # client_id transaction_no time(µs) script_no epoch µs
    latencies.sort()
    failed = next(
        (line for line in result.stdout.splitlines() if "number of failed transactions" in line), ""
    )
    return Figures(
        tool="pgbench",
        requests=len(latencies),
        seconds=float(seconds),
        p50_ms=_percentile(latencies, 0.50),
        p95_ms=_percentile(latencies, 0.95),
        p99_ms=_percentile(latencies, 0.99),
        per_second=round(len(latencies) / seconds, 1),
        errors=int(failed.split(":")[1].split()[0]) if failed else 0,
        load_before=before,
        load_after=load_average(),
    )
