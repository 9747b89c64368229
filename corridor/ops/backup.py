"""`corridor backup` / `corridor restore`: the database and the uploaded files, in one tar file.

A backup holds `manifest.json` (format, time, database engine, the migrations the database holds, and
the SHA-256 of every other part), the database — `database.dump` from `pg_dump --format=custom` on
PostgreSQL, `database.sqlite3` copied with SQLite's online backup API (consistent while the app writes) —
and `uploads/…`, the files waiting in `EXCHANGE_UPLOAD_DIR` (`UPLOAD_DIR`). Reports live in the
database. The file is written under a temporary name and renamed when complete: a backup that exists is
whole.

A restore checks everything before it changes anything: the manifest, every part's checksum, the engine,
that the target database holds no table and that no upload file would be overwritten with other content.
Only then is the database loaded (`pg_restore --single-transaction`: all or nothing; on SQLite, a copy
made beside the target and renamed into place) and the files put back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
PREFIX = "corridor-backup-"
UPLOADS = "uploads"


class BackupError(Exception):
    """A backup could not be made or restored; the message says what, where, and that nothing changed."""


@dataclass(frozen=True)
class Restored:
    """What a restore put back, and how many of the code's migrations the restored database lacks."""

    archive: Path
    engine: str
    created_at: str
    upload_files: int
    pending_migrations: int

    def __str__(self) -> str:
        pending = (
            "its schema is the code's"
            if not self.pending_migrations
            else f"it lacks {self.pending_migrations} of the code's migrations: run `manage.py migrate`"
        )
        return (
            f"Restored {self.archive.name} (made {self.created_at}, {self.engine}): the database and "
            f"{self.upload_files} upload file(s); {pending}."
        )


def upload_dir() -> Path:
    return Path(getattr(settings, "EXCHANGE_UPLOAD_DIR", settings.VAR_DIR / "uploads"))


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"cannot back up a {vendor} database (PostgreSQL and SQLite only)")
    return vendor


def make_backup(*, folder: Path, keep: int | None = None, now: datetime | None = None) -> Path:
    """Write a backup into `folder` and return its path; with `keep`, delete all but the newest `keep`."""
    now = now or datetime.now(tz=UTC)
    folder.mkdir(parents=True, exist_ok=True)
    kind = engine()
    target = folder / f"{PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}.tar"
    if target.exists():
        raise BackupError(f"{target} exists already (a backup made this second); nothing was written")
    with tempfile.TemporaryDirectory(prefix="corridor-backup-") as scratch:
        work = Path(scratch)
        database = work / ("database.dump" if kind == "postgresql" else "database.sqlite3")
        if kind == "postgresql":
            _pg_dump(database)
        else:
            _sqlite_copy_out(database)
        parts: dict[str, str] = {database.name: _sha256(database)}
        uploads = (
            sorted(path for path in upload_dir().rglob("*") if path.is_file())
            if upload_dir().is_dir()
            else []
        )
        for path in uploads:
            parts[f"{UPLOADS}/{path.relative_to(upload_dir()).as_posix()}"] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(timespec="seconds"),
            "engine": kind,
            "migrations": applied_migrations(),
            "parts": parts,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        partial = target.with_name(f".{target.name}.partial")
        try:
            with tarfile.open(partial, "w") as archive:
                archive.add(work / MANIFEST, arcname=MANIFEST)
                archive.add(database, arcname=database.name)
                for path in uploads:
                    archive.add(path, arcname=f"{UPLOADS}/{path.relative_to(upload_dir()).as_posix()}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    if keep is not None:
        for old in sorted(folder.glob(f"{PREFIX}*.tar"))[:-keep] if keep > 0 else []:
            old.unlink()
    return target


def restore_backup(*, archive: Path) -> Restored:
    """Restore `archive` into the configured database (which must hold no table) and the upload folder."""
    if not archive.is_file():
        raise BackupError(f"{archive}: no such backup file; nothing was changed")
    kind = engine()
    with tempfile.TemporaryDirectory(prefix="corridor-restore-") as scratch:
        work = Path(scratch)
        manifest = _unpack(archive, work)
        if manifest["engine"] != kind:
            raise BackupError(
                f"{archive.name}: the backup is of a {manifest['engine']} database, but DATABASE_URL names a "
                f"{kind} one; nothing was changed"
            )
        tables = connection.introspection.table_names()
        if tables:
            raise BackupError(
                f"{archive.name}: the database {settings.DATABASES['default']['NAME']!r} already holds "
                f"{len(tables)} table(s) (e.g. {sorted(tables)[0]}); restore into a new, empty database. "
                "Nothing was changed"
            )
        uploads = [name for name in manifest["parts"] if name.startswith(f"{UPLOADS}/")]
        for name in uploads:
            existing = upload_dir() / name.removeprefix(f"{UPLOADS}/")
            if existing.exists() and _sha256(existing) != manifest["parts"][name]:
                raise BackupError(
                    f"{archive.name}: {existing} exists with other content than the backup's {name}; "
                    "nothing was changed"
                )
        if kind == "postgresql":
            _pg_restore(work / "database.dump", archive)
        else:
            _sqlite_copy_in(work / "database.sqlite3")
        for name in uploads:
            target = upload_dir() / name.removeprefix(f"{UPLOADS}/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(work / name, target)
    return Restored(
        archive=archive,
        engine=kind,
        created_at=manifest["created_at"],
        upload_files=len(uploads),
        pending_migrations=_pending_migrations(),
    )


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _pending_migrations() -> int:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _unpack(archive: Path, work: Path) -> dict[str, Any]:
    """Extract the archive into `work` and check its manifest and every part's checksum."""
    try:
        with tarfile.open(archive, "r") as opened:
            opened.extractall(work, filter="data")
    except (tarfile.TarError, OSError) as broken:
        raise BackupError(f"{archive.name}: not a readable backup ({broken}); nothing was changed") from None
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as broken:
        raise BackupError(
            f"{archive.name}: {MANIFEST} is missing or unreadable ({broken}); nothing was changed"
        ) from None
    for field in ("format", "created_at", "engine", "migrations", "parts"):
        if field not in manifest:
            raise BackupError(f"{archive.name}: {MANIFEST} has no field {field!r}; nothing was changed")
    if manifest["format"] != FORMAT:
        raise BackupError(
            f"{archive.name}: {MANIFEST} field 'format' is {manifest['format']!r}; this version reads "
            f"{FORMAT}. Nothing was changed"
        )
    for name, digest in manifest["parts"].items():
        part = work / name
        if not part.is_file():
            raise BackupError(
                f"{archive.name}: the part {name} named in {MANIFEST} is missing; nothing was changed"
            )
        if _sha256(part) != digest:
            raise BackupError(
                f"{archive.name}: the part {name} does not match its checksum in {MANIFEST} (damaged); "
                "nothing was changed"
            )
    return dict(manifest)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as read:
        for block in iter(lambda: read.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    database = settings.DATABASES["default"]
    arguments = []
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = {**os.environ, "PGDATABASE": str(database["NAME"])}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    raw_options = database.get("OPTIONS")
    options: dict[str, object] = raw_options if isinstance(raw_options, dict) else {}
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if option in options:
            environment[variable] = str(options[option])
    return arguments, environment


def _run(command: list[str], what: str, environment: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (Debian: postgresql-client); {what} not done"
        ) from None
    if done.returncode != 0:
        raise BackupError(
            f"{what} failed ({command[0]} exit {done.returncode}): {done.stderr.strip()[-2000:]}"
        )


def _pg_dump(target: Path) -> None:
    arguments, environment = _pg_environment()
    _run(
        ["pg_dump", *arguments, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        "the database dump",
        environment,
    )


def _pg_restore(dump: Path, archive: Path) -> None:
    """Load the dump in one transaction. Comments on extensions are left out: only an extension's owner (a
    superuser, for unaccent) may set them, and the database's owner restores."""
    arguments, environment = _pg_environment()
    connection.close()
    try:
        listed = subprocess.run(
            ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            "pg_restore is not installed (Debian: postgresql-client); nothing was changed"
        ) from None
    if listed.returncode != 0:
        raise BackupError(
            f"{archive.name}: pg_restore cannot read database.dump: {listed.stderr.strip()[-500:]}"
        )
    wanted = dump.with_name("restore.list")
    wanted.write_text(
        "".join(line + "\n" for line in listed.stdout.splitlines() if "COMMENT - EXTENSION" not in line),
        encoding="utf-8",
    )
    _run(
        [
            "pg_restore",
            *arguments,
            "--dbname",
            environment["PGDATABASE"],
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--use-list",
            str(wanted),
            str(dump),
        ],
        f"restoring {archive.name} (the database is left as it was)",
        environment,
    )


def _sqlite_copy_out(target: Path) -> None:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _sqlite_copy_in(source: Path) -> None:
    name = Path(str(settings.DATABASES["default"]["NAME"]))
    connection.close()
    name.parent.mkdir(parents=True, exist_ok=True)
    partial = name.with_name(f".{name.name}.restoring")
    try:
        with sqlite3.connect(source) as read, sqlite3.connect(partial) as write:
            read.backup(write)
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        os.replace(partial, name)
    finally:
        partial.unlink(missing_ok=True)


def backups_in(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.glob(f"{PREFIX}*.tar"))
