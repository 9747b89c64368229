"""Retries, one after another: what the racing tests check on PostgreSQL holds on every database — a count
sent again is unchanged, a key's first answer is replayed byte for byte, and a key whose creation failed
is free for the retry."""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridor.api.models import IdempotencyKey
from corridor.basis.models import RecommendationResponse
from corridor.core.exceptions import ValidationFailed
from corridor.jobs.models import Job
from corridor.monitoring import services as monitoring_services
from corridor.monitoring.models import FlowObservation
from tests.forecasting.flows import load_route_flows

COUNT = {
    "place": "gevgelija",
    "metric": "arrivals",
    "date": "2015-11-21",
    "value": 5000,
    "source_organisation": "unhcr",
    "owner": "osce-mission-to-skopje",
}


def _post(client: Any, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def _figures() -> Any:
    return FlowObservation.objects.filter(place__slug="gevgelija", date_start="2015-11-21", metric="arrivals")


@pytest.mark.django_db
def test_one_count_sent_thirty_times_is_created_once_and_then_unchanged(client_for: Any) -> None:
    client = client_for("skopje-editor")

    answers = [_post(client, "/api/v1/observations", COUNT) for _ in range(30)]

    assert [(a.status_code, a.json()["outcome"]) for a in answers] == [(201, "created")] + [
        (200, "unchanged")
    ] * 29
    assert len({a.json()["observation"]["uid"] for a in answers}) == 1
    assert _figures().count() == 1


@pytest.mark.django_db
def test_retries_with_one_key_get_the_first_answer_byte_for_byte(client_for: Any) -> None:
    client = client_for("skopje-editor")

    first = _post(client, "/api/v1/observations", COUNT, HTTP_IDEMPOTENCY_KEY="count-1")
    retries = [_post(client, "/api/v1/observations", COUNT, HTTP_IDEMPOTENCY_KEY="count-1") for _ in range(3)]

    assert (first.status_code, first.json()["outcome"]) == (201, "created")
    assert [(r.status_code, r.content) for r in retries] == [(201, first.content)] * 3
    assert _figures().count() == 1


@pytest.mark.django_db
def test_a_key_whose_creation_failed_is_free_for_the_retry(
    client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for("skopje-editor")
    real = monitoring_services.record_observation
    attempts: list[str] = []

    def failing_once(**arguments: Any) -> Any:
        attempts.append("attempt")
        if len(attempts) == 1:
            raise ValidationFailed({"value": ["the first attempt fails"]})
        return real(**arguments)

    monkeypatch.setattr("corridor.api.routers.monitoring.record_observation", failing_once)

    failed = _post(client, "/api/v1/observations", COUNT, HTTP_IDEMPOTENCY_KEY="count-2")
    claimed_after_failure = IdempotencyKey.objects.filter(key="count-2").exists()
    retried = _post(client, "/api/v1/observations", COUNT, HTTP_IDEMPOTENCY_KEY="count-2")

    assert failed.status_code == 422
    assert claimed_after_failure is False
    assert (retried.status_code, retried.json()["outcome"]) == (201, "created")
    assert _figures().count() == 1


@pytest.mark.django_db
def test_linking_one_activity_twice_answers_with_the_same_link(client_for: Any) -> None:
    client = client_for("skopje-focal-point")
    url = "/api/v1/recommendations/odihr-2016-abide-by-commitments/tracker"
    body = {"activity": "skopje-frontline-workers-training-2016", "note": "Trains frontline workers"}

    first = _post(client, url, body)
    again = _post(client, url, body)

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json()["uid"] == again.json()["uid"]
    assert RecommendationResponse.objects.filter(uid=first.json()["uid"]).count() == 1


REPORT = {"kind": "regional", "start": "2015-10-01", "end": "2016-03-31", "formats": ["html"]}
FORECAST = {"place": "mk", "horizon": 3}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "body"), [("/api/v1/reports", REPORT), ("/api/v1/forecasting/forecasts", FORECAST)]
)
def test_a_retried_submission_with_the_same_key_queues_one_job(
    client_for: Any, url: str, body: dict[str, Any]
) -> None:
    load_route_flows()
    client = client_for("skopje-focal-point")
    jobs_before = Job.objects.count()

    first = _post(client, url, body, HTTP_IDEMPOTENCY_KEY="submit-1")
    retry = _post(client, url, body, HTTP_IDEMPOTENCY_KEY="submit-1")

    assert first.status_code == 202, first.content
    assert (retry.status_code, retry.content) == (202, first.content)
    assert Job.objects.count() == jobs_before + 1
