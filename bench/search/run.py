"""Search benchmark: 100,000 synthetic documents in the index, then p50/p95 of `search()` per query.

    DATABASE_URL=sqlite:////tmp/bench-search.sqlite3 .venv/bin/python bench/search/run.py
    DATABASE_URL=postgres://corridor:corridor@127.0.0.1:5432/corridor_bench_search \
        .venv/bin/python bench/search/run.py

The database is created afresh (SQLite: the file is replaced; PostgreSQL: the database is dropped and
created, so the role needs CREATEDB) and migrated; documents are inserted with the ORM's bulk_create, so
the index is filled by its triggers exactly as in use (the insert rate is reported too). Then ANALYZE
(and FTS5 'optimize' on SQLite; VACUUM ANALYZE of the entries and the match table on PostgreSQL) and the
queries of `generate.queries`, each timed around the whole `corridor.search.selectors.search` call —
ranked match with the visibility condition, the funnel pass per kind, and the marked passages — for an
anonymous reader (public only) and a restricted-cleared analyst (everything): wall time, and the
process's CPU time (on SQLite the engine runs in the process; on PostgreSQL the server's CPU is not in
it). `--keep` reuses a loaded database; `--candidates 0` ranks every match instead of the newest 1,000.
Results go to standard output and var/bench/search-<vendor>-candidates-<n>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402


def _fresh_database() -> None:
    url = urlparse(os.environ["DATABASE_URL"])
    if url.scheme == "sqlite":
        # sqlite:////absolute/path or sqlite:///relative/path (as config.env reads them)
        path = Path("/" + url.path.lstrip("/")) if url.path.startswith("//") else ROOT / url.path.lstrip("/")
        path.unlink(missing_ok=True)
        return
    import psycopg

    name = url.path[1:]
    with psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--keep", action="store_true", help="reuse the database as it is (no fresh load)")
    parser.add_argument(
        "--candidates",
        type=int,
        default=None,
        help="rank at most this many newest matches (0: all; default: the engine's)",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    if not args.keep:
        _fresh_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from corridor.accounts.access import forget_access
    from corridor.accounts.models import Membership, User
    from corridor.actors.models import Organisation
    from corridor.knowledge.models import Document
    from corridor.search.engine import CANDIDATES
    from corridor.search.models import SearchEntry
    from corridor.search.selectors import search
    from corridor.search.triggers import MATCH_TABLE

    candidates = CANDIDATES if args.candidates is None else (args.candidates or None)

    vendor = connection.vendor
    load_seconds = None
    if not args.keep:
        call_command("migrate", verbosity=0)
        owners = [
            Organisation.objects.create(
                slug=f"bench-owner-{i}", name=f"Bench owner {i}", kind="osce_field_operation"
            )
            for i in range(6)
        ]
        started = time.perf_counter()
        batch: list[Document] = []
        for number, item in enumerate(generate.documents(args.documents)):
            document = Document(
                slug=f"bench-{number}",
                title=item.title[:400],
                body=item.body,
                kind="report",
                classification=item.classification,
                owner=owners[item.owner_index],
            )
            if item.day is not None:
                document.date_start = document.date_end = item.day
                document.date_precision = "day"
            batch.append(document)
            if len(batch) == 2000:
                Document.objects.bulk_create(batch)
                batch = []
        Document.objects.bulk_create(batch)
        load_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
                cursor.execute("ANALYZE")
            else:
                cursor.execute("VACUUM ANALYZE search_searchentry")
                cursor.execute(f"VACUUM ANALYZE {MATCH_TABLE}")
        analyst = User.objects.create_user(username="bench.analyst", password="not-a-real-password-1")
        cpc = Organisation.objects.create(slug="bench-cpc", name="Bench CPC", kind="osce_executive_structure")
        Membership.objects.create(user=analyst, organisation=cpc, role="analyst", clearance="restricted")
    analyst = User.objects.get(username="bench.analyst")
    forget_access(analyst)
    entries = SearchEntry.objects.count()
    queries = generate.queries(args.queries)
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    results: dict[str, dict[str, object]] = {}
    for reader_name, reader in (("anonymous", None), ("analyst", analyst)):
        for _, query in queries[:20]:
            search(reader, query, limit=20, candidates=candidates)
        timings: list[float] = []
        cpu: list[float] = []
        by_kind: dict[str, list[float]] = {}
        hits = 0
        for kind, query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            found = search(reader, query, limit=20, candidates=candidates)
            elapsed = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - started_cpu) * 1000)
            timings.append(elapsed)
            by_kind.setdefault(kind, []).append(elapsed)
            hits += len(found)
        results[reader_name] = {
            "p50_ms": round(statistics.median(timings), 2),
            "p95_ms": round(_percentile(timings, 0.95), 2),
            "max_ms": round(max(timings), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_p95_ms": round(_percentile(cpu, 0.95), 2),
            "mean_hits": round(hits / len(queries), 1),
            "p95_ms_by_query_kind": {
                kind: round(_percentile(values, 0.95), 2) for kind, values in by_kind.items()
            },
        }
    report = {
        "vendor": vendor,
        "documents": args.documents,
        "entries": entries,
        "queries": len(queries),
        "limit": 20,
        "candidates": candidates,
        "insert_seconds": round(load_seconds, 1) if load_seconds else None,
        "insert_rows_per_second": round(args.documents / load_seconds) if load_seconds else None,
        "python": platform.python_version(),
        "load_average_before": load_before,
        "load_average_after": Path("/proc/loadavg").read_text().split()[:3],
        "results": results,
    }
    out = ROOT / "var" / "bench" / f"search-{vendor}-candidates-{candidates or 'all'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
