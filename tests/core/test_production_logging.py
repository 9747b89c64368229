"""Production logs JSON lines to stdout (a 500 leaves its traceback), at a level set by LOG_LEVEL; every
API error answers JSON `{"detail": …}`, never an HTML page, with DEBUG off as in production."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from config.env import ConfigurationError, env_choice
from config.logging import LEVELS, JsonLineFormatter

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "corridor.example.org",
}


def production_logging(tmp_path: Path, **environment: str) -> dict[str, object]:
    script = "from django.conf import settings; import json; print(json.dumps(settings.LOGGING))"
    env = {**os.environ, **PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **environment}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_production_logs_json_lines_to_stdout_at_the_level_asked(tmp_path: Path) -> None:
    config = production_logging(tmp_path, LOG_LEVEL="warning")

    assert config["handlers"]["stdout"]["stream"] == "ext://sys.stdout"  # type: ignore[index]
    assert config["formatters"]["json"]["()"] == "config.logging.JsonLineFormatter"  # type: ignore[index]
    assert config["loggers"]["django.request"]["level"] == "WARNING"  # type: ignore[index]


def test_a_log_level_that_is_not_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "chatty")

    with pytest.raises(ConfigurationError, match="LOG_LEVEL='chatty'"):
        env_choice("LOG_LEVEL", "INFO", LEVELS)


def test_a_server_error_line_holds_the_request_and_the_traceback() -> None:
    request = RequestFactory().get("/api/v1/events?q=secret")
    try:
        raise RuntimeError("the database went away")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/api/v1/events",),
            sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )

    line = json.loads(JsonLineFormatter().format(record))

    assert line["level"] == "ERROR" and line["logger"] == "django.request"
    assert line["message"] == "Internal Server Error: /api/v1/events"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/api/v1/events", 500)
    assert "RuntimeError: the database went away" in line["traceback"]
    assert "timestamp" in line and "secret" not in json.dumps(line)


@pytest.mark.django_db
def test_an_api_server_error_answers_json_and_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("corridor.api.routers.timeline.events_visible_to", broken)
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/events")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Internal Server Error."}
    assert any(record.exc_info for record in caplog.records if record.name == "django.request")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/no-such-thing", 404),
        ("get", "/api/v1/events/no-such-event", 404),
        ("put", "/api/v1/events", 405),
        ("post", "/api/v1/events", 401),
        ("post", "/api/v1/events", 400),
    ],
)
def test_every_api_error_answers_json(method: str, url: str, status: int) -> None:
    client = Client(raise_request_exception=False)
    headers = {"HTTP_AUTHORIZATION": "Bearer crd_unknown"} if status == 401 else {}
    body = '{"broken": ' if status == 400 else "{}"
    if status == 400:
        client.force_login(_editor())

    if method == "get":
        response = client.get(url, **headers)
    else:
        response = getattr(client, method)(url, body, content_type="application/json", **headers)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def _editor():  # type: ignore[no-untyped-def]
    from corridor.accounts.choices import Role
    from corridor.accounts.models import Membership, User
    from corridor.actors.models import Organisation

    user = User.objects.create_user(username="skopje.editor", password="not-a-real-password")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="osce-mission-to-skopje"), role=Role.EDITOR
    )
    return user
