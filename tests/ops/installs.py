"""Databases for tests that run Corridor's commands in other processes: made, filled, read whole, dropped.

A test names an engine ("sqlite" or "postgresql") and gets a database URL of its own. PostgreSQL is the
machine's server on 127.0.0.1:5432 (user corridor); off CI, a test on it is skipped when no server
answers, and on CI (CI set) that is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORRIDOR = str(Path(sys.executable).with_name("corridor"))
PG = {"host": "127.0.0.1", "port": 5432, "user": "corridor", "password": "corridor"}


def postgres_reachable() -> bool:
    try:
        socket.create_connection((PG["host"], PG["port"]), timeout=2).close()
    except OSError:
        return False
    return True


def require_engine(engine: str) -> None:
    if engine == "postgresql" and not postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432, and CI must test on it")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 (scripts/postgres-start.sh starts the machine's)")


def _admin_connection() -> Any:
    import psycopg

    return psycopg.connect(dbname="postgres", autocommit=True, **PG)


def new_database(engine: str, name: str, folder: Path) -> str:
    """A new, empty database's URL (a PostgreSQL one of the same name is dropped first)."""
    if engine == "sqlite":
        path = folder / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" OWNER corridor')
    return f"postgres://corridor:corridor@127.0.0.1:5432/{name}"


def drop_database(url: str) -> None:
    if url.startswith("postgres://"):
        with _admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def environment(url: str, uploads: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
        "UPLOAD_DIR": str(uploads),
        "PYTHONPATH": str(ROOT),
    }


def run(url: str, uploads: Path, *command: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command on the database at `url`; fail the test with its output if it fails."""
    done = subprocess.run(
        list(command),
        cwd=ROOT,
        env=environment(url, uploads),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        )
    return done


def django_shell(url: str, uploads: Path, code: str) -> str:
    return run(url, uploads, sys.executable, "manage.py", "shell", "-c", code).stdout


def every_row(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, read straight from the database (no Django)."""
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as reading:
            tables = [
                name
                for (name,) in reading.execute(
                    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
                )
            ]
            return {
                table: sorted(map(tuple, reading.execute(f'select * from "{table}"')), key=repr)
                for table in tables
            }
    import psycopg

    with psycopg.connect(dbname=url.rsplit("/", 1)[1], **PG) as reading:
        tables = [
            name
            for (name,) in reading.execute(
                "select tablename from pg_tables where schemaname = 'public' order by tablename"
            )
        ]
        return {
            table: sorted((tuple(row) for row in reading.execute(f'select * from "{table}"')), key=repr)
            for table in tables
        }


def files_under(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path.relative_to(folder).as_posix(), path.read_bytes()
