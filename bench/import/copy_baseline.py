"""The baseline: PostgreSQL's COPY of the same HXL CSV into a plain table with the same columns.

    DATABASE_URL=postgres://… python bench/import/copy_baseline.py var/bench/observations-10m.csv

The table `bench_copy_baseline` (place text, date date, metric text, value bigint, nationality text,
source_organisation text, owner text) is an ordinary (logged) table with no index, constraint or
history. The two header rows (text and hashtags) are skipped and the rest is streamed to
`COPY … FROM STDIN (FORMAT csv)` in 1 MiB blocks, as `psql \\copy` would. The table is dropped after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

TABLE = (
    "CREATE TABLE IF NOT EXISTS bench_copy_baseline (place text, date date, metric text, "
    "value bigint, nationality text, source_organisation text, owner text)"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--unlogged", action="store_true", help="an UNLOGGED table (COPY's best case)")
    args = parser.parse_args()
    url = urlparse(os.environ["DATABASE_URL"])
    with psycopg.connect(
        host=url.hostname,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.path[1:],
    ) as connection:
        table = TABLE.replace("CREATE TABLE", "CREATE UNLOGGED TABLE") if args.unlogged else TABLE
        connection.execute("DROP TABLE IF EXISTS bench_copy_baseline")
        connection.execute(table)
        connection.commit()
        started = time.perf_counter()
        with connection.cursor() as cursor, args.file.open("rb") as source:
            source.readline()
            source.readline()
            with cursor.copy("COPY bench_copy_baseline FROM STDIN (FORMAT csv)") as copy:
                while block := source.read(1 << 20):
                    copy.write(block)
            connection.commit()
        elapsed = time.perf_counter() - started
        rows = connection.execute("SELECT count(*) FROM bench_copy_baseline").fetchone()[0]
        connection.execute("DROP TABLE bench_copy_baseline")
        connection.commit()
    result = {
        "copy": "unlogged" if args.unlogged else "logged",
        "file": args.file.name,
        "rows": rows,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(rows / elapsed),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
