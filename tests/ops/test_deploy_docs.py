"""docs/deploy.md stays true to the code: every environment variable the settings read is listed with its
meaning, the CI install check runs the document's commands, and the compose file runs the documented
services from the image the Containerfile builds."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
READERS = re.compile(r"env_(?:str|int|bool|list|choice|float)\(\s*\"([A-Z_]+)\"")


def _variables_read() -> set[str]:
    found: set[str] = set()
    for folder in ("config", "corridor"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(READERS.findall(path.read_text(encoding="utf-8")))
    found |= set(
        re.findall(r"os\.environ\.get\(\"([A-Z_]+)\"", (ROOT / "corridor/ops/metrics.py").read_text())
    )
    return found


def test_every_environment_variable_the_settings_read_is_in_the_table_with_a_meaning() -> None:
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([^|]+) \|", DEPLOY, flags=re.MULTILINE))

    missing = sorted(_variables_read() - set(rows))

    assert not missing, f"docs/deploy.md lists no row for {missing}"
    assert all(len(meaning.strip()) > 15 for meaning in rows.values())


def test_the_ci_install_check_runs_the_commands_the_document_gives() -> None:
    script = (ROOT / "scripts" / "ci-production-install.sh").read_text(encoding="utf-8")
    commands = [
        "manage.py migrate --no-input",
        "manage.py collectstatic --no-input",
        "manage.py check --deploy --fail-level WARNING",
        "corridor casestudy load",
        "createsuperuser --no-input",
        "gunicorn config.wsgi:application",
        "corridor jobs worker",
        "DJANGO_SETTINGS_MODULE=config.settings.production",
    ]
    for command in commands:
        assert command in DEPLOY, f"docs/deploy.md does not give {command!r}"
        assert command in script, f"scripts/ci-production-install.sh does not run {command!r}"
    assert "scripts/ci-production-install.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_compose_file_runs_the_app_and_the_worker_from_the_image_with_a_clean_stop() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    containerfile = (ROOT / "Containerfile").read_text(encoding="utf-8")

    services = compose["services"]
    assert {"db", "migrate", "web", "worker"} <= set(services)
    assert services["worker"]["command"] == ["corridor", "jobs", "worker"]
    assert all(services[name]["stop_signal"] == "SIGTERM" for name in ("web", "worker"))
    assert services["web"]["volumes"] == services["worker"]["volumes"]  # uploads shared
    assert "DJANGO_SETTINGS_MODULE=config.settings.production" in containerfile
    assert '"gunicorn", "config.wsgi:application"' in containerfile
    assert "collectstatic" in containerfile and "/healthz" in containerfile
    example = (ROOT / "compose.env.example").read_text(encoding="utf-8")
    for name in re.findall(r"^([A-Z_]+)=", example, flags=re.MULTILINE):
        assert f"| `{name}` |" in DEPLOY
