"""Ten million daily observations streamed into PostgreSQL with COPY FROM STDIN, in constant memory.

Each synthetic site gets one daily series per metric (arrivals, departures, transits, present) from one
source over ten years, so the unique key (one current row per place, day, metric, breakdown and source)
holds by construction. Rows are written one series at a time and committed every few sites, so an
interrupted run resumes at the first site whose rows are missing (a site's rows are committed together).
Every NOT NULL column is filled as the application fills it: uid (uuid4), created/updated timestamps,
version 1, the classification and owner of the series, note '', date_start = date_end at day precision,
value with its status (about 1 % stated 'not available', value NULL), qualifier, empty breakdown, source,
reliability, is_current true, no slug and no revision.
"""

from __future__ import annotations

import math
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta

import psycopg
from common import DAYS, FIRST_DAY, METRICS

COLUMNS = (
    "uid, created_at, updated_at, version, classification, owner_id, note, date_start, date_end, "
    "date_precision, slug, metric, value, value_status, value_qualifier, sex, age_group, nationality, "
    "reliability, is_current, place_id, revision_of_id, source_organisation_id"
)
SITES_PER_COMMIT = 10
CLASSIFICATIONS = ("public",) * 7 + ("internal",) * 2 + ("restricted",)
RELIABILITIES = ("official", "official", "estimate", "unverified")


def _series(
    rng: random.Random, *, days: list[str], place: int, owner: int, source: int, metric: str, stamp: str
) -> bytes:
    """One site's daily series for one metric as COPY text lines."""
    classification = rng.choice(CLASSIFICATIONS)
    reliability = rng.choice(RELIABILITIES)
    base = rng.uniform(20, 2000)
    phase = rng.uniform(0, 2 * math.pi)
    head = f"\t{stamp}\t{stamp}\t1\t{classification}\t{owner}\t\t"
    tail = f"\t\t\t\t{reliability}\tt\t{place}\t\\N\t{source}\n"
    lines = []
    for index, day in enumerate(days):
        if rng.random() < 0.01:
            value, status, qualifier = "\\N", "not_available", "exact"
        else:
            wave = 1 + 0.6 * math.sin(phase + index * 2 * math.pi / 365.25)
            value = str(int(base * wave * rng.uniform(0.7, 1.3)))
            status, qualifier = "reported", ("about" if rng.random() < 0.05 else "exact")
        lines.append(
            f"{uuid.uuid4()}{head}{day}\t{day}\tday\t\\N\t{metric}\t{value}\t{status}\t{qualifier}{tail}"
        )
    return "".join(lines).encode()


def _loaded_sites(conn: psycopg.Connection, site_ids: list[int]) -> dict[int, int]:
    rows = conn.execute(
        "SELECT place_id, count(*) FROM monitoring_flowobservation"
        " WHERE place_id = ANY(%s) GROUP BY place_id",
        (site_ids,),
    ).fetchall()
    return {place: count for place, count in rows}


def ensure_observations(dsn: str, *, site_ids: list[int], owners: dict[int, int], sources: list[int]) -> int:
    """Stream the missing sites' series; return the number of rows written."""
    first = date.fromisoformat(FIRST_DAY)
    days = [(first + timedelta(days=offset)).isoformat() for offset in range(DAYS)]
    expected = DAYS * len(METRICS)
    stamp = datetime.now(UTC).isoformat()
    written = 0
    with psycopg.connect(dsn) as conn:
        conn.execute("SET synchronous_commit = off")
        loaded = _loaded_sites(conn, site_ids)
        partial = [place for place, count in loaded.items() if count != expected]
        if partial:
            conn.execute("DELETE FROM monitoring_flowobservation WHERE place_id = ANY(%s)", (partial,))
            conn.commit()
        todo = [(n, place) for n, place in enumerate(site_ids) if loaded.get(place) != expected]
        print(f"observations: {len(site_ids) - len(todo)} sites complete, {len(todo)} to load")
        began = time.monotonic()
        for start in range(0, len(todo), SITES_PER_COMMIT):
            with (
                conn.cursor() as cursor,
                cursor.copy(f"COPY monitoring_flowobservation ({COLUMNS}) FROM STDIN") as copy,
            ):
                for number, place in todo[start : start + SITES_PER_COMMIT]:
                    rng = random.Random(number)  # a site's series are the same whenever it is (re)loaded
                    source = sources[number % len(sources)]
                    for metric in METRICS:
                        copy.write(
                            _series(
                                rng,
                                days=days,
                                place=place,
                                owner=owners[place],
                                source=source,
                                metric=metric,
                                stamp=stamp,
                            )
                        )
                        written += DAYS
            conn.commit()
            rate = written / max(time.monotonic() - began, 1e-9)
            done = min(start + SITES_PER_COMMIT, len(todo))
            print(f"  {done}/{len(todo)} sites, {written:,} rows, {rate:,.0f} rows/s", flush=True)
    return written
