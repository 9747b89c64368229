"""Measure the API under load beside the same SQL: p50, p95 and throughput with 32 concurrent clients.

    .venv/bin/python bench/api_load/run.py [--seconds 30] [--workers 2] [--persona vienna.analyst]

Needs the bench database (generate.py) and the Debian packages wrk and pgbench. For each endpoint
(observation aggregate, activity list, event list): capture its SQL in-process, write the main query as a
pgbench script with the same parameter spread as load.lua, then run wrk against gunicorn and pgbench
against PostgreSQL, each with 32 clients for the same time. Waits for a quiet machine first (1-minute load
average ≤ 1.0, at most 20 minutes) and records the load around every run. Gunicorn listens on 127.0.0.1
only and is stopped at the end, whatever happens. Results: var/bench/api_load/<UTC time>/.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from common import DATABASE_URL, REPO, VENV_BIN, django_env, setup_django
from cpu import Sampler, wait_until_idle
from endpoints import ENDPOINTS, SENTINEL_DAY, fixed_sql, pgbench_script
from loadtools import Figures, load_average, pgbench, wait_until_quiet, wrk
from report import table

PORT = 8765
CLIENTS = 32


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def start_gunicorn(workers: int, log: Path) -> subprocess.Popen[bytes]:
    """Gunicorn with the production settings, bound to loopback, in its own process group."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": DATABASE_URL,
    }
    command = [
        str(VENV_BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{PORT}", "--workers", str(workers),
        "--worker-class", "sync", "--timeout", "30", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{PORT}/api/v1/countries?limit=1", timeout=5
            ) as reply:
                if reply.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{PORT}; see {log}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def check_answers(path: str, token: str) -> int:
    """Status and item count of one request through gunicorn (the load would hide a 4xx)."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as reply:
        body = json.loads(reply.read())
    return len(body["items"]) if isinstance(body, dict) else len(body)


def prepare(persona: str, out: Path) -> tuple[str, dict[str, dict[str, object]]]:
    """Token, captured SQL, pgbench scripts and EXPLAINs for every endpoint."""
    if persona != "anonymous":
        subprocess.run(
            [str(VENV_BIN / "corridor"), "demo", "personas", "--force"],
            cwd=REPO,
            env=django_env(),
            check=True,
            capture_output=True,
        )
    setup_django()
    from capture import bench_token, capture, explain

    token = bench_token(persona) if persona != "anonymous" else ""
    prepared: dict[str, dict[str, object]] = {}
    for endpoint in ENDPOINTS:
        captured = capture(endpoint.sample_path, token=token, main_table=endpoint.main_table)
        script = out / f"{endpoint.name}.sql"
        script.write_text(pgbench_script(endpoint, captured.main))
        sentinel = {"site": 1, "d": SENTINEL_DAY, "op": 1}
        (out / f"{endpoint.name}.queries.sql").write_text(
            "".join(
                f"-- query {n + 1}{' (main)' if sql == captured.main else ''}\n{sql};\n\n"
                for n, sql in enumerate(captured.queries)
            )
        )
        (out / f"{endpoint.name}.explain.txt").write_text(
            "-- the captured query\n"
            + explain(captured.main)
            + "\n\n-- the pgbench query, variables at the sentinel values\n"
            + explain(fixed_sql(endpoint, captured.main, sentinel))
        )
        prepared[endpoint.name] = {"script": str(script), "queries": len(captured.queries)}
        print(f"{endpoint.name}: {len(captured.queries)} queries per request; main query -> {script.name}")
    return token, prepared


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=30, help="length of each measured run")
    parser.add_argument("--warmup", type=int, default=5, help="length of each warm-up run per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (one per core)")
    parser.add_argument(
        "--persona", default="vienna.analyst", help="user whose token is sent, or 'anonymous'"
    )
    parser.add_argument(
        "--max-load", type=float, default=1.0, help="wait until the 1-min load average is below"
    )
    parser.add_argument("--max-wait", type=float, default=1200, help="seconds to wait for a quiet machine")
    parser.add_argument(
        "--only", choices=[e.name for e in ENDPOINTS], action="append", help="endpoints to run"
    )
    args = parser.parse_args()

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    out = REPO / "var" / "bench" / "api_load" / stamp
    out.mkdir(parents=True, exist_ok=True)
    token, prepared = prepare(args.persona, out)
    chosen = [e for e in ENDPOINTS if not args.only or e.name in args.only]
    server = start_gunicorn(args.workers, out / "gunicorn.log")
    results: dict[str, dict[str, object]] = {}
    try:
        for endpoint in chosen:
            items = check_answers(endpoint.sample_path, token)
            print(f"{endpoint.name}: sample answer has {items} rows; warming up {args.warmup} s")
            wrk(
                url=f"http://127.0.0.1:{PORT}",
                endpoint=endpoint.name,
                token=token,
                clients=CLIENTS,
                seconds=args.warmup,
                log=out / f"{endpoint.name}.warmup.txt",
            )
            wait_until_idle("app")
        for endpoint in chosen:
            quiet = wait_until_quiet(threshold=args.max_load, max_wait=args.max_wait)
            sampler = Sampler()
            sampler.start()
            api: Figures = wrk(
                url=f"http://127.0.0.1:{PORT}",
                endpoint=endpoint.name,
                token=token,
                clients=CLIENTS,
                seconds=args.seconds,
                log=out / f"{endpoint.name}.wrk.txt",
            )
            api_cpu = sampler.stop()
            drained = wait_until_idle("app")
            sampler = Sampler()
            sampler.start()
            sql = pgbench(
                script=Path(str(prepared[endpoint.name]["script"])),
                clients=CLIENTS,
                seconds=args.seconds,
                log_dir=out,
            )
            sql_cpu = sampler.stop()
            results[endpoint.name] = {
                "api": api.as_dict(),
                "sql": sql.as_dict(),
                "cpu_seconds": {"api": api_cpu, "sql": sql_cpu},
                "load_at_start": quiet,
                "drain_seconds": round(drained, 1),
                **prepared[endpoint.name],
            }
            print(
                f"{endpoint.name}: API p50 {api.p50_ms:.1f} p95 {api.p95_ms:.1f} ms {api.per_second:.0f}/s"
                f" ({api.errors} errors) | SQL p50 {sql.p50_ms:.1f} p95 {sql.p95_ms:.1f} ms"
                f" {sql.per_second:.0f}/s | load {api.load_before} -> {sql.load_after}"
                f" | CPU s {api_cpu} / {sql_cpu}",
                flush=True,
            )
    finally:
        stop(server)
        from capture import revoke_bench_tokens

        revoke_bench_tokens()
    summary = {
        "date": stamp,
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "workers": args.workers,
        "persona": args.persona,
        "clients": CLIENTS,
        "seconds": args.seconds,
        "load_at_end": load_average(),
        "endpoints": results,
    }
    (out / "results.json").write_text(json.dumps(summary, indent=2))
    print(table(summary))
    print(f"results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
