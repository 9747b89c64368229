"""Upgrades: a database made by the previous release's code (tests/fixtures/previous-schema.sqlite3.gz, built
by tests/fixtures/build-previous-schema.sh at the commit named in previous-schema.expected.json) migrates
to the current code, and its records, their history and the search answers survive.

The documented path (docs/deploy.md, "Upgrades"): back up, migrate, check. Marked slow: once, in the
SQLite pass.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.ops.installs import CORRIDOR, ROOT, run

pytestmark = [pytest.mark.slow]

FIXTURES = ROOT / "tests" / "fixtures"


def _query(path: Path, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(path) as reading:
        return reading.execute(sql, args).fetchall()


def test_a_database_of_the_previous_release_migrates_with_its_records_history_and_search(
    tmp_path: Path,
) -> None:
    expected = json.loads((FIXTURES / "previous-schema.expected.json").read_text(encoding="utf-8"))
    path, uploads = tmp_path / "previous.sqlite3", tmp_path / "uploads"
    with gzip.open(FIXTURES / "previous-schema.sqlite3.gz", "rb") as packed:
        path.write_bytes(packed.read())
    url = f"sqlite:///{path}"
    events_before = set(_query(path, "select slug, title from timeline_event"))
    observations_before = set(_query(path, "select id, value from monitoring_flowobservation"))

    run(url, uploads, CORRIDOR, "backup", str(tmp_path / "backups"))
    migrated = run(url, uploads, sys.executable, "manage.py", "migrate", "--no-input")
    run(url, uploads, sys.executable, "manage.py", "migrate", "--check")

    assert "Traceback" not in migrated.stderr
    for table, count in expected["counts"].items():
        assert _query(path, f'select count(*) from "{table}"') == [(count,)], table
    assert set(_query(path, "select slug, title from timeline_event")) == events_before
    assert set(_query(path, "select id, value from monitoring_flowobservation")) == observations_before
    slug, title = expected["revised"]
    history = _query(
        path,
        "select title, history_type from timeline_historicalevent where slug = ? order by history_id",
        slug,
    )
    assert [list(row) for row in history] == expected["history"]
    assert history[-1] == (title, "~")
    for query, hits in expected["searches"].items():
        answer = run(
            url, uploads, CORRIDOR, "search", query, "--json", "--limit", "500", "--user", "upgrade-admin"
        )
        found = {f"{hit['kind']}:{hit['key']}" for hit in json.loads(answer.stdout)}
        assert set(hits) <= found, f"search {query!r} lost {sorted(set(hits) - found)} in the upgrade"
    exported = tmp_path / "events.json"
    run(
        url,
        uploads,
        CORRIDOR,
        "export",
        "events",
        "--format",
        "json",
        "-o",
        str(exported),
        "--user",
        "upgrade-admin",
    )
    assert title in exported.read_text(encoding="utf-8")
