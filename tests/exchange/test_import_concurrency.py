"""Reading and checking a file happens before the import's write transaction opens, so colleagues can keep
writing while a long file is parsed (SQLite's transactions take the write lock when they begin)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import DatabaseError, connections

from corridor.core.models import Source
from corridor.exchange.pipeline import PROGRESS_EVERY
from corridor.exchange.services import PLATFORM, import_file
from corridor.exchange.spool import RowSpool

OBSERVATIONS = PROGRESS_EVERY + 500
"""Enough rows for the progress callback to report while the file is still being read."""


@pytest.fixture
def db(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """The test database without a test transaction around the test, as in production (pytest-django's
    `db` would hold SQLite's write lock for the whole test). The test leaves nothing behind: its import
    is a dry run, and the concurrent write removes what it wrote."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        yield


def _write_from_another_connection(outcome: list[str]) -> None:
    """Write (and remove) a row through this thread's own database connection; record what happened."""
    try:
        source = Source.objects.create(slug="test-written-meanwhile", kind="editorial", title="Meanwhile")
        source.delete()
        outcome.append("written")
    except DatabaseError as error:
        outcome.append(f"refused: {error}")
    finally:
        connections.close_all()


def _observations_file(tmp_path: Path) -> Path:
    first = date(2016, 1, 1)
    lines = ["place,date,metric,value,source_organisation,owner"] + [
        f"gevgelija,{first + timedelta(days=day)},present,{day},unhcr,osce-secretariat-cpc"
        for day in range(OBSERVATIONS)
    ]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_another_connection_can_write_while_the_file_is_being_read(db, tmp_path) -> None:
    # Given a long file, imported (as a dry run) outside any test transaction, as in production
    path = _observations_file(tmp_path)
    outcome: list[str] = []
    phases: list[str] = []

    def progress(fraction: float, message: str) -> None:
        phases.append(message)
        if message.startswith("checked") and not outcome:
            # When a colleague writes while the file is still being read
            writer = threading.Thread(target=_write_from_another_connection, args=(outcome,))
            writer.start()
            writer.join()

    report = import_file(actor=PLATFORM, source=path, kind="observations", dry_run=True, progress=progress)

    # Then their write went through, and the import is unaffected
    assert outcome == ["written"]
    assert phases.index(f"checked {PROGRESS_EVERY:,} rows") < phases.index("writing")
    assert (report.errors, report.rows_read, report.created) == ([], OBSERVATIONS, OBSERVATIONS)
    assert not Source.objects.filter(slug="test-written-meanwhile").exists()


def test_checked_rows_wait_on_disk_in_chunks_and_come_back_in_order() -> None:
    with RowSpool(chunk=100) as spool:
        for number in range(1_050):
            spool.add((number, [date(2016, 1, 1) + timedelta(days=number)]))
            assert len(spool._pending) < 100  # never more than one chunk in memory

        again = list(spool)
        spool.add((1_050, []))

        assert [number for number, _ in again] == list(range(1_050))
        assert again[-1][1] == [date(2018, 11, 15)]
        assert [number for number, _ in spool][-2:] == [1_049, 1_050]
