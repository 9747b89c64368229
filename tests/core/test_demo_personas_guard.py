"""`corridor demo personas` resets well-known accounts to published passwords: it runs only where that
cannot hurt — a local SQLite file, or a database its operator declares throw-away — and never under
production settings, whatever DEBUG says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corridor.cli.casestudy import demo_personas_refusal

PRODUCTION_URL = "postgres://corridor:secret@db.example.org:5432/corridor"
SQLITE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/corridor/var/corridor.sqlite3"}
POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "corridor", "HOST": "db.example.org"}


def personas(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment}
    if "DJANGO_SETTINGS_MODULE" not in environment:
        env.pop("DJANGO_SETTINGS_MODULE", None)  # the command's own default, as an operator runs it
    return subprocess.run(
        [sys.executable, "-m", "corridor.cli.main", "demo", "personas", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_it_refuses_a_postgresql_database_named_only_by_database_url() -> None:
    # Given a production DATABASE_URL and no settings module (the command falls back to local settings)
    # When an operator runs the command
    result = personas(environment={"DATABASE_URL": PRODUCTION_URL})

    # Then it refuses before touching the database, with a message and exit code 2
    assert result.returncode == 2
    assert "Refusing to create demo users" in result.stderr
    assert "--throwaway-database" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_refuses_under_production_settings_even_on_sqlite_and_with_the_override(tmp_path: Path) -> None:
    environment = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "corridor.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'corridor.sqlite3'}",
    }

    result = personas("--throwaway-database", environment=environment)

    assert result.returncode == 2
    assert "production settings" in result.stderr
    assert not (tmp_path / "corridor.sqlite3").exists()


def test_the_old_force_flag_no_longer_exists() -> None:
    result = personas("--force", environment={"DATABASE_URL": PRODUCTION_URL})

    assert result.returncode == 2
    assert "unrecognized arguments: --force" in result.stderr


def test_a_local_sqlite_file_may_get_the_demo_users() -> None:
    assert demo_personas_refusal(environment="local", database=SQLITE, throwaway=False) is None


def test_an_in_memory_sqlite_database_is_not_a_local_file() -> None:
    in_memory = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}

    assert demo_personas_refusal(environment="local", database=in_memory, throwaway=False) is not None


def test_a_postgresql_database_is_refused_without_the_override() -> None:
    refusal = demo_personas_refusal(environment="local", database=POSTGRES, throwaway=False)

    assert refusal is not None and "'corridor' (postgresql)" in refusal


def test_a_database_declared_throwaway_may_get_the_demo_users() -> None:
    assert demo_personas_refusal(environment="local", database=POSTGRES, throwaway=True) is None


def test_production_settings_refuse_whatever_the_database_and_the_override() -> None:
    for database in (SQLITE, POSTGRES):
        for throwaway in (False, True):
            refusal = demo_personas_refusal(environment="production", database=database, throwaway=throwaway)
            assert refusal is not None and "production settings" in refusal


@pytest.mark.django_db
def test_the_sign_ins_name_the_sign_in_page_of_the_port_served(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from corridor.cli import casestudy
    from corridor.cli.main import main

    monkeypatch.setattr(
        casestudy, "demo_personas_refusal", lambda **_: None
    )  # the test database is not a file

    code = main(["demo", "personas", "--site", "http://127.0.0.1:8103/"])

    printed = capsys.readouterr().out
    assert code == 0
    assert "http://127.0.0.1:8103/login/" in printed and "8000" not in printed
