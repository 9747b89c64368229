"""The `corridor` command on a database that was never migrated: a plain instruction, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def corridor(*args: str, database: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)  # the command's own settings, as a user runs it
    return subprocess.run(
        [sys.executable, "-m", "corridor.cli.main", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


def test_a_command_on_an_unmigrated_database_says_to_migrate(tmp_path: Path) -> None:
    result = corridor("search", "presevo", database=tmp_path / "empty.sqlite3")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "migrations are not applied" in result.stderr and "make migrate" in result.stderr
