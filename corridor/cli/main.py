"""The `corridor` command: a thin shell over the services. Run `corridor --help`.

Each command group lives in its own module with a `register(commands)` function; add it to `GROUPS`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from corridor.cli import api, casestudy, digest, exchange, forecast, jobs, knowledge, ops, reports

GROUPS = [casestudy, api, exchange, reports, knowledge, forecast, jobs, digest, ops]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corridor", description="Corridor: field operations on migration.")
    commands = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from django.db import DatabaseError

    try:
        return int(args.handler(args))
    except DatabaseError:
        pending = _pending_migrations()
        if not pending:
            raise
        print(
            f"corridor: the database is not set up: {pending} migrations are not applied to it. "
            "Run `make migrate` (or `python manage.py migrate`) first.",
            file=sys.stderr,
        )
        return 2


def _pending_migrations() -> int:
    """How many migrations the default database lacks (asked only after a database error)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


if __name__ == "__main__":
    sys.exit(main())
