from pathlib import Path

import pytest

from config.env import ConfigurationError, database_from_url, env_bool, env_list


def test_a_relative_sqlite_url_lives_under_the_project(tmp_path: Path) -> None:
    database = database_from_url("sqlite:///var/corridor.sqlite3", base_dir=tmp_path)

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "var" / "corridor.sqlite3")


def test_an_absolute_sqlite_url_is_kept(tmp_path: Path) -> None:
    assert (
        database_from_url("sqlite:////srv/corridor.sqlite3", base_dir=tmp_path)["NAME"]
        == "/srv/corridor.sqlite3"
    )


def test_a_postgres_url_gives_every_part(tmp_path: Path) -> None:
    database = database_from_url(
        "postgres://corridor:s%40cret@db.internal:6432/corridor?sslmode=require", base_dir=tmp_path
    )

    assert (database["ENGINE"], database["NAME"], database["USER"], database["PASSWORD"]) == (
        "django.db.backends.postgresql",
        "corridor",
        "corridor",
        "s@cret",
    )
    assert (database["HOST"], database["PORT"], database["OPTIONS"]) == (
        "db.internal",
        "6432",
        {"sslmode": "require"},
    )


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("mysql://x@y/z", "unsupported scheme 'mysql'"),
        ("postgres://x@y/", "names no database"),
        ("sqlite:///", "names no database file"),
        ("sqlite://relative", "names no database file"),
    ],
)
def test_a_bad_database_url_is_named_in_the_error(tmp_path: Path, url: str, fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        database_from_url(url, base_dir=tmp_path)


def test_a_boolean_that_is_not_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "maybe")

    with pytest.raises(ConfigurationError, match="SECURE_SSL_REDIRECT='maybe' is not a boolean"):
        env_bool("SECURE_SSL_REDIRECT", True)


def test_a_list_is_read_from_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLOWED_HOSTS", "corridor.example.org, ,10.0.0.1")

    assert env_list("ALLOWED_HOSTS", []) == ["corridor.example.org", "10.0.0.1"]


def test_production_settings_refuse_to_start_without_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib
    import sys

    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("config.settings.production", None)
    with pytest.raises(ConfigurationError, match="SECRET_KEY must be set"):
        importlib.import_module("config.settings.production")


def test_the_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "a-long-random-test-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "corridor.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
