"""Import a generated HXL CSV through `import_file` and report rows per second and peak memory.

    DATABASE_URL=postgres://… python bench/import/run_import.py var/bench/observations-10m.csv

The database must be migrated and hold the case study (`corridor casestudy load`). The import runs as
the platform, all or nothing, exactly as `corridor import FILE` does, with the upload limits raised to
fit the benchmark's file (10 million rows, about 1 GB; the defaults refuse a file that large).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--profile", type=Path, help="write cProfile statistics here")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import django

    django.setup()
    from django.db import connection

    from corridor.exchange.services import PLATFORM, ImportLimits, import_file

    unlimited = 10**15
    limits = ImportLimits(max_bytes=unlimited, max_rows=unlimited, max_cells=unlimited)

    phases: list[tuple[float, str]] = []
    started = time.perf_counter()

    def progress(fraction: float, message: str) -> None:
        if not phases or phases[-1][1] != message.split(" ")[0]:
            phases.append((time.perf_counter() - started, message.split(" ")[0]))

    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    report = import_file(
        actor=PLATFORM,
        source=args.file,
        kind="observations",
        dry_run=args.dry_run,
        progress=progress,
        limits=limits,
    )
    elapsed = time.perf_counter() - started
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").dump_stats(args.profile)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "database": connection.vendor,
        "file": args.file.name,
        "rows": report.rows_read,
        "created": report.created,
        "revised": report.revised,
        "unchanged": report.unchanged,
        "errors": report.error_count,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(report.rows_read / elapsed),
        "peak_rss_mb": round(peak_mb),
        "phases": [(round(at, 1), name) for at, name in phases],
    }
    print(json.dumps(result))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
