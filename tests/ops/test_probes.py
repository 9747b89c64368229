"""/healthz, /readyz and /metrics: JSON for load balancers and monitoring, no session, no secrets; every
answer names its request id, and production log lines carry it."""

from __future__ import annotations

import io
import json
import logging
import uuid
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from config.logging import json_logging
from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job, Worker
from corridor.jobs.recovery import sweep_jobs
from corridor.ops import health


def _worker(*, beat_ago: timedelta) -> Worker:
    beat = timezone.now() - beat_ago
    return Worker.objects.create(uid=uuid.uuid4(), host="app-1", pid=4242, started_at=beat, beat_at=beat)


def _job(status: str = JobStatus.QUEUED, **fields: object) -> Job:
    return Job.objects.create(uid=uuid.uuid4(), kind="tests.sleep", status=status, **fields)


def test_healthz_answers_without_the_database_or_a_session() -> None:
    response = Client().get("/healthz", HTTP_HOST="10.0.0.7")  # a load balancer, by address

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.cookies == {}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readyz_is_ok_with_a_fresh_worker_and_a_short_queue() -> None:
    _worker(beat_ago=timedelta(seconds=3))

    response = Client().get("/readyz/", HTTP_HOST="10.0.0.7")

    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["migrations"] == {"ok": True, "pending": 0}
    assert body["checks"]["workers"]["alive"] == 1
    assert response.cookies == {}


@pytest.mark.django_db
def test_readyz_is_degraded_but_serving_when_no_worker_beats_and_the_queue_waits() -> None:
    _worker(beat_ago=timedelta(minutes=5))
    job = _job()
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    response = Client().get("/readyz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["workers"] == {"ok": False, "alive": 0, "last_heartbeat_seconds": None}
    assert body["checks"]["queue"]["ok"] is False and body["checks"]["queue"]["oldest_seconds"] >= 1200


@pytest.mark.django_db
def test_readyz_shows_a_job_stranded_on_a_dead_worker_until_the_sweep_settles_it() -> None:
    dead = _worker(beat_ago=timedelta(minutes=3))
    job = _job(JobStatus.RUNNING, worker=dead, started_at=timezone.now() - timedelta(minutes=4))

    before = Client().get("/readyz").json()["checks"]["jobs"]
    sweep_jobs()
    after = Client().get("/readyz").json()["checks"]["jobs"]

    assert before["ok"] is False and before["running_on_stopped_workers"] == 1
    job.refresh_from_db()
    assert job.status in (JobStatus.FAILED, JobStatus.QUEUED)
    assert after["ok"] is True and after["running_on_stopped_workers"] == 0
    assert after["settled_after_worker_stopped_last_hour"] == 1


@pytest.mark.django_db
def test_readyz_is_unavailable_when_migrations_are_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "pending_migrations", lambda: 3)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "pending": 3}


@pytest.mark.django_db
def test_readyz_is_unavailable_when_the_database_cannot_be_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import OperationalError, connection

    def broken(*args: object, **kwargs: object) -> object:
        raise OperationalError("connection refused to host secret-db.internal")

    monkeypatch.setattr(connection, "cursor", broken)

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": {"ok": False, "error": "OperationalError"}},
    }
    assert b"secret-db" not in response.content


def test_the_probes_only_read() -> None:
    response = Client().post("/readyz")

    assert response.status_code == 405


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_any_other_replaced() -> None:
    kept = Client().get("/healthz", HTTP_X_REQUEST_ID="4f1c2a9e-nginx.1")
    replaced = Client().get("/healthz", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b; <script>")
    fresh = Client().get("/healthz")

    assert kept["X-Request-ID"] == "4f1c2a9e-nginx.1"
    assert len(replaced["X-Request-ID"]) == 32 and "script" not in replaced["X-Request-ID"]
    assert len(fresh["X-Request-ID"]) == 32 and fresh["X-Request-ID"] != replaced["X-Request-ID"]


@pytest.mark.django_db
def test_a_production_log_line_about_a_request_names_its_request_id() -> None:
    stream = io.StringIO()
    config = json_logging("INFO")
    logging.config.dictConfig(config)
    handler = logging.getLogger("django.request").handlers[0]
    handler.setStream(stream)  # type: ignore[attr-defined]
    try:
        response = Client().get("/no-such-page/", HTTP_X_REQUEST_ID="req-123")
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert response.status_code == 404
    assert any(line.get("request_id") == "req-123" and line.get("status") == 404 for line in lines), lines


def test_metrics_are_not_found_unless_enabled() -> None:
    assert Client().get("/metrics").status_code == 404


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, METRICS_TOKEN="")
def test_metrics_count_requests_by_route_and_report_jobs_and_queue_age() -> None:
    _worker(beat_ago=timedelta(seconds=2))
    job = _job()
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(seconds=90))
    client = Client()
    client.get("/api/v1/events/no-such-event")

    text = client.get("/metrics").content.decode()

    assert 'corridor_http_requests_total{method="GET",route="/api/v1/events/<slug>",status="' in text
    assert "no-such-event" not in text
    assert "corridor_http_request_duration_seconds_bucket" in text
    assert 'corridor_jobs{status="queued"} 1.0' in text
    assert "corridor_job_workers_alive 1.0" in text
    age = next(line for line in text.splitlines() if line.startswith("corridor_job_queue_age_seconds "))
    assert float(age.split()[1]) >= 90


@pytest.mark.django_db
@override_settings(METRICS_ENABLED=True, METRICS_TOKEN="s3cret-scrape")
def test_metrics_with_a_token_answer_only_to_it() -> None:
    refused = Client().get("/metrics")
    wrong = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer nope")
    allowed = Client().get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape")

    assert refused.status_code == wrong.status_code == 401
    assert allowed.status_code == 200 and b"corridor_jobs" in allowed.content
