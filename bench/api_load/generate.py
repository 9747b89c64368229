"""Build (or complete) the bench database: schema, case study, and a synthetic region of 10 M observations.

    .venv/bin/python bench/api_load/generate.py

Steps, each skipped when its result is already there (so the script resumes after an interruption and is
a no-op on a complete database): start PostgreSQL if it is down; create `corridor_bench` owned by the
`corridor` role; `manage.py migrate`; `corridor casestudy load`; 685 synthetic sites; 10,009,220 daily
observations by COPY (observations.py); 20,000 events and 20,000 activities with their links (region.py);
VACUUM ANALYZE, as autovacuum would have done on a database that grew over years.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

import psycopg
from common import (
    BENCH_DB,
    PG_HOST,
    PG_PASSWORD,
    PG_PORT,
    PG_USER,
    PSYCOPG_DSN,
    REPO,
    VENV_BIN,
    django_env,
    setup_django,
)

SERVER_DSN = f"host={PG_HOST} port={PG_PORT} user={PG_USER} password={PG_PASSWORD} dbname=postgres"


def ensure_server() -> None:
    ready = subprocess.run(["pg_isready", "-q", "-h", PG_HOST, "-p", str(PG_PORT)], check=False)
    if ready.returncode != 0:
        subprocess.run([str(REPO / "scripts" / "postgres-start.sh")], check=True)


def ensure_database() -> None:
    with psycopg.connect(SERVER_DSN, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (BENCH_DB,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}" OWNER {PG_USER}')
            print(f"created database {BENCH_DB}")


def ensure_schema_and_case_study() -> None:
    env = django_env()
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )
    with psycopg.connect(PSYCOPG_DSN) as conn:
        loaded = conn.execute(
            "SELECT count(*) FROM actors_organisation WHERE kind = 'osce_field_operation'"
        ).fetchone()
    if loaded is None or loaded[0] < 6:
        subprocess.run([str(VENV_BIN / "corridor"), "casestudy", "load"], cwd=REPO, env=env, check=True)
    else:
        print("case study: already loaded")


def _observation_inputs(site_ids: list[int]) -> tuple[dict[int, int], list[int]]:
    """Each site's owner (its series are owned by the same field operation) and the sources in turn."""
    from corridor.actors.models import Organisation
    from corridor.geo.models import Place

    owners = dict(Place.objects.filter(id__in=site_ids).values_list("id", "owner_id"))
    sources = list(
        Organisation.objects.filter(kind__in=["un_agency", "national_authority", "intergovernmental"])
        .order_by("slug")
        .values_list("id", flat=True)
    )
    return owners, sources


def finish(written: int) -> None:
    with psycopg.connect(PSYCOPG_DSN, autocommit=True) as conn:
        if written:
            began = time.monotonic()
            conn.execute("VACUUM (ANALYZE) monitoring_flowobservation")
            print(f"VACUUM ANALYZE monitoring_flowobservation: {time.monotonic() - began:.0f} s")
        conn.execute("ANALYZE")
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()
            for table in ("monitoring_flowobservation", "operations_activity", "timeline_event", "geo_place")
        }
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))").fetchone()
    for table, row in counts.items():
        print(f"{table}: {row[0] if row else '?':,}")
    print(f"database {BENCH_DB}: {size[0] if size else '?'}")


def main() -> int:
    began = time.monotonic()
    ensure_server()
    ensure_database()
    ensure_schema_and_case_study()
    setup_django()
    from observations import ensure_observations
    from region import ensure_activities, ensure_events, ensure_sites

    site_ids = ensure_sites(random.Random(1))
    owners, sources = _observation_inputs(site_ids)
    written = ensure_observations(PSYCOPG_DSN, site_ids=site_ids, owners=owners, sources=sources)
    ensure_events(random.Random(2), site_ids)
    ensure_activities(random.Random(3), site_ids)
    finish(written)
    print(f"done in {time.monotonic() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
