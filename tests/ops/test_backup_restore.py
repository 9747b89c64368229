"""Backups that restore: the case study and the real data loaded, changes recorded, a backup made, restored
into a fresh database — and every table's rows, every export, every search answer and every uploaded
file are identical. On SQLite (the online backup API) and on PostgreSQL (pg_dump / pg_restore).

The commands run in other processes, as an operator runs them, on databases of their own (tests.ops.installs).
Marked slow: once, in the SQLite pass.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.installs import (
    CORRIDOR,
    django_shell,
    drop_database,
    every_row,
    files_under,
    new_database,
    require_engine,
    run,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]  # the test database is set up, to be copied

CHANGES = """
from corridor.accounts.models import User
from corridor.timeline.models import Event
from corridor.timeline.services import update_event

admin = User.objects.create_superuser("backup-admin", "backup-admin@example.org", "never-used-7f3a9c2e")
event = Event.objects.order_by("pk").first()
update_event(actor=admin, event=event, expected_version=event.version, title=event.title + " (revised)")
print("changed", event.slug)
"""
EXPORTS = ("observations", "events", "activities", "places")
SEARCHES = ("border", "Gevgelija", "registration*", '"winter clothes"', "Slovenia OR Croatia")


@pytest.fixture(scope="module")
def case_study(
    tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker
) -> Path | None:  # type: ignore[no-untyped-def]
    """The SQLite test database (migrated, the case study loaded) copied to a file, outside any test's
    transaction (a backup from a connection inside one waits for ever); None on PostgreSQL."""
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("backup") / "case-study.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
    return path


def _source(engine: str, folder: Path, uploads: Path, case_study: Path | None) -> str:
    """A database with the case study, the real data and recorded changes, and a file waiting in uploads."""
    url = new_database(engine, "corridor_backup_source", folder)
    if engine == "sqlite" and case_study is not None:
        shutil.copyfile(case_study, url.removeprefix("sqlite:///"))
    else:
        run(url, uploads, sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
        run(url, uploads, CORRIDOR, "casestudy", "load")
    run(url, uploads, CORRIDOR, "realdata", "load")
    assert "changed" in django_shell(url, uploads, CHANGES)
    (uploads / "staged").mkdir(parents=True)
    (uploads / "staged" / "crossings.csv").write_bytes(b"place,date,count\ngevgelija,2015-11-18,6 112\n")
    return url


def _answers(url: str, uploads: Path, folder: Path) -> dict[str, bytes]:
    """Every export (as the administrator, who reads everything) and every search answer."""
    found: dict[str, bytes] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for kind in EXPORTS:
        for fmt in ("json", "csv"):
            target = folder / f"{kind}.{fmt}"
            run(
                url,
                uploads,
                CORRIDOR,
                "export",
                kind,
                "--format",
                fmt,
                "-o",
                str(target),
                "--user",
                "backup-admin",
            )
            found[f"export {kind} {fmt}"] = target.read_bytes()
    for query in SEARCHES:
        for user in ((), ("--user", "backup-admin")):
            answer = run(url, uploads, CORRIDOR, "search", query, "--json", "--limit", "200", *user).stdout
            found[f"search {query} {user}"] = answer.encode()
    return found


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_a_restored_backup_holds_every_row_export_search_answer_and_file(
    engine: str, tmp_path: Path, case_study: Path | None
) -> None:
    require_engine(engine)
    uploads, restored_uploads = tmp_path / "uploads", tmp_path / "restored-uploads"
    source = _source(engine, tmp_path, uploads, case_study)
    target = new_database(engine, "corridor_backup_restored", tmp_path)
    try:
        made = run(source, uploads, CORRIDOR, "backup", str(tmp_path / "backups"))
        (archive,) = (tmp_path / "backups").glob("corridor-backup-*.tar")
        restored = run(target, restored_uploads, CORRIDOR, "restore", str(archive))

        assert "Wrote" in made.stdout
        assert "1 upload file(s); its schema is the code's" in restored.stdout
        before, after = every_row(source), every_row(target)
        assert sorted(before) == sorted(after)
        history = [table for table in before if "historical" in table]
        assert history and sum(len(before[table]) for table in history) > 0
        assert any("(revised)" in repr(row) for row in before["timeline_historicalevent"])
        for table, rows in before.items():
            assert after[table] == rows, f"{table} differs after the restore"
        assert list(files_under(restored_uploads)) == list(files_under(uploads))
        assert _answers(target, restored_uploads, tmp_path / "after") == _answers(source, uploads, tmp_path)
    finally:
        drop_database(source)
        drop_database(target)


def test_a_restore_changes_nothing_in_a_database_that_holds_tables(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    source = new_database("sqlite", "source", tmp_path)
    run(source, uploads, sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    run(source, uploads, CORRIDOR, "backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("*.tar")
    rows = every_row(source)

    refused = subprocess.run(
        [CORRIDOR, "restore", str(archive)],
        env=_env(source, uploads),
        capture_output=True,
        text=True,
        check=False,
    )

    assert refused.returncode == 1
    assert "already holds" in refused.stderr and "restore into a new, empty database" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    assert every_row(source) == rows


def test_a_damaged_backup_is_refused_naming_the_part(tmp_path: Path) -> None:
    uploads = tmp_path / "uploads"
    source = new_database("sqlite", "source", tmp_path)
    run(source, uploads, sys.executable, "manage.py", "migrate", "--no-input", "-v", "0")
    run(source, uploads, CORRIDOR, "backup", str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("*.tar")
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "database.sqlite3":
                data = data[:-100] + b"\x00" * 100
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    target = new_database("sqlite", "target", tmp_path)

    refused = subprocess.run(
        [CORRIDOR, "restore", str(damaged)],
        env=_env(target, uploads),
        capture_output=True,
        text=True,
        check=False,
    )

    assert refused.returncode == 1
    assert "damaged.tar: the part database.sqlite3 does not match its checksum" in refused.stderr
    assert not Path(target.removeprefix("sqlite:///")).exists() or every_row(target) == {}


def _env(url: str, uploads: Path) -> dict[str, str]:
    from tests.ops.installs import environment

    return environment(url, uploads)
