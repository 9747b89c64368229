"""Settings every bench/api_load script shares: where the bench database is and how to reach Django.

The benchmark runs against its own PostgreSQL database (`corridor_bench`) so that ten million synthetic
observations never land in the team database or the test databases.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "corridor"
PG_PASSWORD = "corridor"
BENCH_DB = os.environ.get("BENCH_DB", "corridor_bench")
DATABASE_URL = f"postgres://{PG_USER}:{PG_PASSWORD}@{PG_HOST}:{PG_PORT}/{BENCH_DB}"
PSYCOPG_DSN = f"host={PG_HOST} port={PG_PORT} user={PG_USER} password={PG_PASSWORD} dbname={BENCH_DB}"
VENV_BIN = REPO / ".venv" / "bin"

# The synthetic region: every record it adds carries this slug prefix, so it can be counted and skipped.
PREFIX = "bench-"
SITE_COUNT = 685
METRICS = ("arrivals", "departures", "transits", "present")
FIRST_DAY = "2016-01-01"
DAYS = 3653  # 2016-01-01 … 2025-12-31: 685 sites × 4 metrics × 3653 days = 10,009,220 observations
ACTIVITY_COUNT = 20_000
EVENT_COUNT = 20_000
FIELD_OPERATIONS = (
    "osce-mission-to-serbia",
    "osce-mission-to-skopje",
    "osce-mission-in-kosovo",
    "osce-presence-in-albania",
    "osce-mission-to-bih",
    "osce-mission-to-montenegro",
)


def site_slug(number: int) -> str:
    """The slug of synthetic site `number` (1-based); run.py and the pgbench scripts build the same."""
    return f"{PREFIX}site-{number:04d}"


def django_env(settings: str = "config.settings.local") -> dict[str, str]:
    """The environment a Django process needs to talk to the bench database."""
    return {**os.environ, "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": settings}


def setup_django(settings: str = "config.settings.local") -> None:
    """Configure Django in this process against the bench database."""
    os.environ.update({"DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": settings})
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()
