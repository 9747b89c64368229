"""No write changes a record its writer may not edit: every write operation of the API and every form of
the pages, tried against the Mission to Skopje's records by readers who may not edit them.

The Mission's public, internal and restricted records (planted, with public records naming hidden ones)
are attacked with each write — edits with the right version, creations for the Mission, action points on
its meetings, basis decisions on its activities, tracker links and unlinks, restores, closes — by an
anonymous visitor, a partner agency's editor, another mission's editor, an analyst cleared to internal
and a viewer of the Mission itself. Afterwards every record the Mission owns, with its rows and its
current figures, must be exactly as before. A new write operation fails `test_every_write_is_tried`
until it is given here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from corridor.accounts.choices import Role
from corridor.actors.models import Organisation
from corridor.api.v1 import api
from corridor.basis.models import RecommendationResponse
from corridor.core.choices import Classification
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit
from corridor.operations.models import ActionPoint, Activity, Meeting, MeetingDecision
from corridor.timeline.models import Event
from tests.invariants.planted import Planted, plant

pytestmark = pytest.mark.django_db

LEVELS = ("public", "internal", "restricted")
ATTACKERS = {
    "anonymous": None,
    "partner": ("unhcr", Role.EDITOR, Classification.PUBLIC),
    "other mission": ("osce-mission-to-serbia", Role.EDITOR, Classification.PUBLIC),
    "analyst cleared to internal": ("osce-secretariat-cpc", Role.ANALYST, Classification.INTERNAL),
    "the Mission's own viewer": ("osce-mission-to-skopje", Role.VIEWER, Classification.PUBLIC),
}


def _owned_by(skopje: Organisation) -> dict[str, Any]:
    """Everything the Mission owns that a write could change: versions, values, rows, current figures."""
    return {
        "events": sorted(
            Event.objects.filter(owner=skopje).values_list("pk", "version", "title", "classification")
        ),
        "visits": sorted(
            MonitoringVisit.objects.filter(owner=skopje).values_list(
                "pk", "version", "team", "classification"
            )
        ),
        "findings": sorted(
            Finding.objects.filter(visit__owner=skopje).values_list("pk", "version", "concern", "text")
        ),
        "activities": sorted(
            Activity.objects.filter(owner=skopje).values_list("pk", "version", "title", "classification")
        ),
        "meetings": sorted(
            Meeting.objects.filter(owner=skopje).values_list("pk", "version", "title", "classification")
        ),
        "decisions": sorted(MeetingDecision.objects.filter(meeting__owner=skopje).values_list("pk", "text")),
        "action points": sorted(
            ActionPoint.objects.filter(meeting__owner=skopje).values_list("pk", "version", "text", "status")
        ),
        "figures": sorted(
            FlowObservation.objects.filter(owner=skopje, is_current=True).values_list(
                "pk", "value", "classification"
            )
        ),
        "links": sorted(
            RecommendationResponse.objects.filter(activity__owner=skopje).values_list("pk", "activity_id")
        )
        + sorted(RecommendationResponse.objects.filter(event__owner=skopje).values_list("pk", "event_id")),
        "activity bases": sorted(Activity.objects.filter(owner=skopje).values_list("pk", "mandate_clauses")),
    }


def _records(planted: Planted, kind: str) -> list[Any]:
    found = [planted.records[kind][level] for level in ("internal", "restricted")]
    if kind in planted.public:
        found.append(planted.public[kind])
    return found


Attempt = Callable[[Client, Planted], None]


def _json(client: Client, method: str, path: str, body: dict[str, Any], version: int | None = None) -> None:
    headers = {"HTTP_IF_MATCH": f'"{version}"'} if version is not None else {}
    getattr(client, method)(path, json.dumps(body), content_type="application/json", **headers)


def _patch_each(kind: str, path: str, body: dict[str, Any], key: str = "slug") -> Attempt:
    def attempt(client: Client, planted: Planted) -> None:
        for record in _records(planted, kind):
            _json(client, "patch", path.format(key=getattr(record, key)), body, record.version)

    return attempt


def _post(path: str, body: dict[str, Any]) -> Attempt:
    return lambda client, planted: _json(client, "post", path, body)


def _action_points(client: Client, planted: Planted) -> None:
    for point in ActionPoint.objects.filter(meeting__owner__slug="osce-mission-to-skopje"):
        _json(client, "patch", f"/api/v1/action-points/{point.uid}", {"status": "dropped"}, point.version)


def _basis(client: Client, planted: Planted) -> None:
    for activity in _records(planted, "activity"):
        body = {"verdict": "confirmed", "clause": "osce-mission-to-skopje:monitor-humanitarian-trafficking"}
        _json(client, "post", f"/api/v1/activities/{activity.slug}/basis", body, activity.version)


def _new_points(client: Client, planted: Planted) -> None:
    for meeting in _records(planted, "meeting"):
        _json(client, "post", f"/api/v1/meetings/{meeting.slug}/action-points", {"text": "Taken over"})


def _tracker(client: Client, planted: Planted) -> None:
    for activity in _records(planted, "activity"):
        _json(
            client,
            "post",
            "/api/v1/recommendations/zzpub-recommendation/tracker",
            {"activity": activity.slug},
        )


def _unlink(client: Client, planted: Planted) -> None:
    for response in RecommendationResponse.objects.all():
        client.delete(f"/api/v1/recommendations/{response.recommendation.slug}/tracker/{response.uid}")


def _same_count_for_ones_own(client: Client, planted: Planted) -> None:
    """The Mission's count again, for the writer's own organisation or for the Mission."""
    for owner in ("osce-mission-to-skopje", "osce-mission-to-serbia", "unhcr", "osce-secretariat-cpc"):
        body = {
            "place": "gevgelija",
            "metric": "arrivals",
            "date": "2016-03-01",
            "value": 1,
            "source_organisation": "unhcr",
            "owner": owner,
        }
        _json(client, "post", "/api/v1/observations", body)


SKOPJE = "osce-mission-to-skopje"
API_WRITES: dict[str, Attempt] = {
    "PATCH /api/v1/action-points/{uid}": _action_points,
    "POST /api/v1/activities": _post(
        "/api/v1/activities",
        {"lead": SKOPJE, "title": "ZZ taken", "category": "monitoring", "date": "2016-03"},
    ),
    "PATCH /api/v1/activities/{slug}": _patch_each(
        "activity", "/api/v1/activities/{key}", {"title": "ZZ taken"}
    ),
    "POST /api/v1/activities/{slug}/basis": _basis,
    "POST /api/v1/events": _post(
        "/api/v1/events", {"owner": SKOPJE, "kind": "incident", "title": "ZZ taken", "date": "2016-03-01"}
    ),
    "PATCH /api/v1/events/{slug}": _patch_each("event", "/api/v1/events/{key}", {"title": "ZZ taken"}),
    "POST /api/v1/forecasting/forecasts": _post(
        "/api/v1/forecasting/forecasts", {"place": "rs", "horizon": 1}
    ),
    "POST /api/v1/forecasting/scenarios": _post(
        "/api/v1/forecasting/scenarios", {"close": "mk-rs", "start": "2016-03-09", "days": 2}
    ),
    "POST /api/v1/meetings": _post(
        "/api/v1/meetings", {"owner": SKOPJE, "title": "ZZ taken", "date": "2016-03-01"}
    ),
    "POST /api/v1/meetings/{slug}/action-points": _new_points,
    "POST /api/v1/observations": _same_count_for_ones_own,
    "POST /api/v1/recommendations/{slug}/tracker": _tracker,
    "DELETE /api/v1/recommendations/{slug}/tracker/{uid}": _unlink,
    "POST /api/v1/reports": _post("/api/v1/reports", {"kind": "mission", "operation": SKOPJE}),
    "POST /api/v1/visits": _post(
        "/api/v1/visits",
        {"operation": SKOPJE, "places": ["gevgelija"], "date": "2016-03-01", "team": "ZZ taken"},
    ),
    "PATCH /api/v1/visits/{slug}": _patch_each("visit", "/api/v1/visits/{key}", {"team": "ZZ taken"}),
}


def _form_each(kind: str, view: str, fields: Callable[[Any], dict[str, Any]], key: str = "slug") -> Attempt:
    def attempt(client: Client, planted: Planted) -> None:
        for record in _records(planted, kind):
            client.post(reverse(view, args=[getattr(record, key)]), fields(record))

    return attempt


def _restore(kind: str, view: str) -> Attempt:
    def attempt(client: Client, planted: Planted) -> None:
        for record in _records(planted, kind):
            client.post(reverse(view, args=[record.slug, 1]))

    return attempt


def _point_forms(client: Client, planted: Planted) -> None:
    for point in ActionPoint.objects.filter(meeting__owner__slug=SKOPJE):
        client.post(reverse("web:action_point_close", args=[point.uid]), {"version": point.version})
        client.post(reverse("web:action_point_reopen", args=[point.uid]), {"version": point.version})
        fields = {"text": "ZZ taken", "status": "dropped", "version": point.version}
        client.post(reverse("web:action_point_edit", args=[point.uid]), fields)


PAGE_WRITES: dict[str, Attempt] = {
    "web:event_edit": _form_each(
        "event",
        "web:event_edit",
        lambda record: {
            "kind": "incident",
            "title": "ZZ taken",
            "date": "2016-03-01",
            "version": record.version,
            "classification": record.classification,
        },
    ),
    "web:visit_edit": _form_each(
        "visit",
        "web:visit_edit",
        lambda record: {
            "places": ["gevgelija"],
            "date": "2016-03-01",
            "team": "ZZ taken",
            "overnight": "unknown",
            "version": record.version,
            "classification": record.classification,
            "findings-TOTAL_FORMS": "0",
            "findings-INITIAL_FORMS": "0",
        },
    ),
    "web:activity_edit": _form_each(
        "activity",
        "web:activity_edit",
        lambda record: {
            "title": "ZZ taken",
            "category": "monitoring",
            "date": "2016-03",
            "funding": "unknown",
            "version": record.version,
            "classification": record.classification,
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
    ),
    "web:meeting_edit": _form_each(
        "meeting",
        "web:meeting_edit",
        lambda record: {
            "title": "ZZ taken",
            "date": "2016-03-01",
            "recurrence": "once",
            "version": record.version,
            "classification": record.classification,
        },
    ),
    "web:action_point_new": _form_each(
        "meeting", "web:action_point_new", lambda record: {"text": "ZZ taken", "status": "open"}
    ),
    "web:action_point_edit": _point_forms,
    "web:activity_basis": _form_each(
        "activity",
        "web:activity_basis",
        lambda record: {
            "verdict": "confirmed",
            "clause": "osce-mission-to-skopje:monitor-humanitarian-trafficking",
            "version": record.version,
        },
    ),
    "web:event_restore": _restore("event", "web:event_restore"),
    "web:visit_restore": _restore("visit", "web:visit_restore"),
    "web:activity_restore": _restore("activity", "web:activity_restore"),
    "web:meeting_restore": _restore("meeting", "web:meeting_restore"),
    "web:recommendation_unlink": lambda client, planted: [
        client.post(reverse("web:recommendation_unlink", args=[r.recommendation.slug, r.uid]))
        for r in RecommendationResponse.objects.all()
    ],
    "web:event_new": lambda client, planted: client.post(
        "/events/new/",
        {
            "owner": SKOPJE,
            "kind": "incident",
            "title": "ZZ taken",
            "date": "2016-03-01",
            "classification": "internal",
        },
    ),
    "web:count_new": lambda client, planted: client.post(
        "/counts/new/",
        {
            "owner": SKOPJE,
            "place": "gevgelija",
            "date": "2016-03-01",
            "arrivals": "1",
            "source_organisation": "unhcr",
            "classification": "internal",
        },
    ),
    "web:organisation_defaults": lambda client, planted: client.post(
        f"/account/organisations/{SKOPJE}/defaults/", {"event": "public", "observation": "public"}
    ),
}


def test_every_write_is_tried() -> None:
    schema = api.get_openapi_schema()
    writes = {
        f"{method.upper()} {path}"
        for path, ops in schema["paths"].items()
        for method in ops
        if method != "get"
    }

    assert writes ^ set(API_WRITES) == set()


@pytest.fixture
def attackers(make_user) -> dict[str, Client]:  # type: ignore[no-untyped-def]
    clients = {}
    for name, who in ATTACKERS.items():
        client = Client()
        if who is not None:
            slug, role, clearance = who
            client.force_login(
                make_user(
                    name.replace(" ", ".").replace("'", ""),
                    Organisation.objects.get(slug=slug),
                    role,
                    clearance,
                )
            )
        clients[name] = client
    return clients


def test_no_write_changes_a_record_its_writer_may_not_edit(skopje, unhcr, attackers) -> None:  # type: ignore[no-untyped-def]
    from corridor.accounts.models import ClassificationDefault

    planted = plant(skopje, unhcr)
    Event.objects.filter(owner=skopje, slug__startswith="zzq").update(version=1)
    before = _owned_by(skopje)

    for name, client in attackers.items():
        for attempt in [*API_WRITES.values(), *PAGE_WRITES.values()]:
            attempt(client, planted)
        assert _owned_by(skopje) == before, f"{name} changed the Mission's records"

    assert not ClassificationDefault.objects.filter(organisation=skopje).exists()
    assert not Event.objects.filter(title="ZZ taken").exists()
