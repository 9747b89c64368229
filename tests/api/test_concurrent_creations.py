"""Creations racing on PostgreSQL: thirty requests at once never fail, never double a record, and retries
with one Idempotency-Key all get the first answer."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from corridor.api.models import IdempotencyKey
from corridor.basis.models import RecommendationResponse
from corridor.core.exceptions import ValidationFailed
from corridor.knowledge.models import Recommendation
from corridor.monitoring import services as monitoring_services
from corridor.monitoring.models import FlowObservation, MonitoringVisit
from corridor.operations.models import ActionPoint, Activity, Meeting
from corridor.timeline.models import Event
from tests.api.racing import ON_POSTGRESQL_ONLY, Answer, World, build_world, post, race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason=ON_POSTGRESQL_ONLY),
]

RACERS = 30


@pytest.fixture
def world() -> World:
    return build_world()


def _count(world: World, value: int | None = 5000, day: str = "2015-11-20") -> dict[str, Any]:
    return {
        "place": world.site.slug,
        "metric": "arrivals",
        "date": day,
        "value": value,
        "source_organisation": world.source.slug,
        "owner": world.skopje.slug,
    }


def _posting(
    world: World, person: str, url: str, body: dict[str, Any], **headers: str
) -> Callable[[], Answer]:
    client = world.client(person)
    return lambda: post(client, url, body, **headers)


def _statuses(answers: list[Any]) -> Counter[Any]:
    return Counter(answer.status if isinstance(answer, Answer) else repr(answer) for answer in answers)


def test_thirty_concurrent_posts_of_one_count_create_one_figure_the_rest_unchanged(world: World) -> None:
    body = _count(world)

    answers = race([_posting(world, "skopje-editor", "/api/v1/observations", body) for _ in range(RACERS)])

    assert _statuses(answers) == {201: 1, 200: RACERS - 1}
    assert Counter(answer.body["outcome"] for answer in answers) == {"created": 1, "unchanged": RACERS - 1}
    assert len({answer.body["observation"]["uid"] for answer in answers}) == 1
    assert FlowObservation.objects.filter(place=world.site).count() == 1


def test_concurrent_posts_of_one_count_with_different_values_each_get_an_honest_answer(world: World) -> None:
    values = [100 * (1 + index % 3) for index in range(RACERS)]

    answers = race(
        [_posting(world, "skopje-editor", "/api/v1/observations", _count(world, value)) for value in values]
    )

    assert set(_statuses(answers)) <= {200, 201}, _statuses(answers)
    outcomes = Counter(answer.body["outcome"] for answer in answers)
    assert outcomes["created"] == 1
    assert [answer.body["observation"]["value"] for answer in answers] == values
    rows = FlowObservation.objects.filter(place=world.site)
    written = {answer.body["observation"]["uid"] for answer in answers if answer.status == 201}
    assert {str(uid) for uid in rows.values_list("uid", flat=True)} == written
    current = rows.get(is_current=True)
    assert current.value in set(values)
    chain = [current]
    while chain[-1].revision_of is not None:
        chain.append(chain[-1].revision_of)
    assert len(chain) == rows.count() == outcomes["created"] + outcomes["revised"]


def test_thirty_concurrent_retries_with_one_idempotency_key_all_get_the_first_answer(world: World) -> None:
    body = _count(world)

    answers = race(
        [
            _posting(world, "skopje-editor", "/api/v1/observations", body, HTTP_IDEMPOTENCY_KEY="count-1")
            for _ in range(RACERS)
        ]
    )

    assert _statuses(answers) == {201: RACERS}
    assert [answer for answer in answers if answer != answers[0]] == []
    assert answers[0].body["outcome"] == "created"
    assert FlowObservation.objects.filter(place=world.site).count() == 1
    assert IdempotencyKey.objects.filter(key="count-1").count() == 1


def test_a_retry_waiting_on_a_creation_that_rolls_back_runs_the_creation_itself(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first request claims the key and then fails; the retry, blocked on the key meanwhile, must not
    replay an answer that was never given: it records the count itself."""
    body = _count(world)
    claimed, release = threading.Event(), threading.Event()
    real = monitoring_services.record_observation
    calls: list[str] = []

    def failing_once(**arguments: Any) -> Any:
        calls.append("called")
        if len(calls) == 1:
            claimed.set()
            release.wait(timeout=60)
            raise ValidationFailed({"value": ["the first attempt fails after claiming its key"]})
        return real(**arguments)

    monkeypatch.setattr("corridor.api.routers.monitoring.record_observation", failing_once)
    first = _posting(world, "skopje-editor", "/api/v1/observations", body, HTTP_IDEMPOTENCY_KEY="count-2")
    retry = _posting(world, "skopje-editor", "/api/v1/observations", body, HTTP_IDEMPOTENCY_KEY="count-2")

    def retry_once_the_key_is_claimed() -> Any:
        claimed.wait(timeout=60)
        waiting = threading.Thread(target=_release_when_a_backend_waits_on_a_lock, args=(release,))
        waiting.start()
        try:
            return retry()
        finally:
            waiting.join()

    failed, retried = race([first, retry_once_the_key_is_claimed])

    assert failed.status == 422
    assert (retried.status, retried.body["outcome"]) == (201, "created")
    assert FlowObservation.objects.filter(place=world.site).count() == 1
    assert IdempotencyKey.objects.get(key="count-2").status_code == 201


def _release_when_a_backend_waits_on_a_lock(release: threading.Event) -> None:
    """Release the first request once another session of this database waits on a lock (the retry, on
    the key's unique index), or after a bounded number of looks."""
    try:
        with connection.cursor() as cursor:
            for _ in range(600):
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
                cursor.execute("SELECT pg_sleep(0.05)")
    finally:
        release.set()
        connection.close()


def _event(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    body = {
        "owner": world.skopje.slug,
        "kind": "incident",
        "title": "Fence closed at Gevgelija",
        "date": "2015-11-18",
        "places": [world.site.slug],
    }
    return "/api/v1/events", body, lambda: Event.objects.filter(title=body["title"]).count()


def _visit(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    body = {
        "operation": world.skopje.slug,
        "places": [world.site.slug],
        "date": "2016-03-09",
        "team": "PDU 1",
        "findings": [{"aspect": "staffing", "concern": "minor", "text": "Two officers on duty"}],
    }
    return "/api/v1/visits", body, lambda: MonitoringVisit.objects.filter(team="PDU 1").count()


def _activity(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    body = {
        "lead": world.skopje.slug,
        "title": "Frontline workers trained",
        "category": "governance_civil_society",
        "date": "2016-04",
        "places": [world.site.slug],
    }
    return "/api/v1/activities", body, lambda: Activity.objects.filter(title=body["title"]).count()


def _meeting(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    body = {"owner": world.skopje.slug, "title": "Border coordination", "date": "2016-02-01"}
    return "/api/v1/meetings", body, lambda: Meeting.objects.filter(title=body["title"]).count()


def _action_point(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    slug = post(world.client("skopje-editor"), "/api/v1/meetings", _meeting(world)[1]).body["slug"]
    body = {"text": "Share the daily figures"}
    return (
        f"/api/v1/meetings/{slug}/action-points",
        body,
        lambda: ActionPoint.objects.filter(text=body["text"]).count(),
    )


def _tracker_link(world: World) -> tuple[str, dict[str, Any], Callable[[], int]]:
    activity = post(world.client("skopje-editor"), *_activity(world)[:2]).body["slug"]
    recommendation = Recommendation.objects.create(
        slug="race-recommendation", text="Coordinate along the route", issuer=world.skopje, owner=world.skopje
    )
    return (
        f"/api/v1/recommendations/{recommendation.slug}/tracker",
        {"activity": activity, "note": "Answers it"},
        lambda: RecommendationResponse.objects.filter(recommendation=recommendation).count(),
    )


CREATIONS = {
    "event": _event,
    "visit": _visit,
    "activity": _activity,
    "meeting": _meeting,
    "action point": _action_point,
    "tracker link": _tracker_link,
}


@pytest.mark.parametrize("kind", list(CREATIONS))
def test_concurrent_retries_of_any_creation_with_one_key_create_one_record_and_answer_alike(
    world: World, kind: str
) -> None:
    url, body, made = CREATIONS[kind](world)

    answers = race(
        [_posting(world, "skopje-editor", url, body, HTTP_IDEMPOTENCY_KEY=f"{kind}-1") for _ in range(RACERS)]
    )

    assert _statuses(answers) == {201: RACERS}
    assert [answer for answer in answers if answer != answers[0]] == []
    assert made() == 1


def test_concurrent_links_of_one_activity_to_one_recommendation_make_one_link(world: World) -> None:
    url, body, made = _tracker_link(world)

    answers = race([_posting(world, "skopje-editor", url, body) for _ in range(RACERS)])

    assert _statuses(answers) == {201: RACERS}
    assert len({answer.body["uid"] for answer in answers}) == 1
    assert made() == 1
