"""Writes: who may create and change what, versions (If-Match), retries (Idempotency-Key), and 422 paths."""

from __future__ import annotations

import json

import pytest

from corridor.accounts.services import create_token, revoke_token
from corridor.monitoring.models import MonitoringVisit
from corridor.timeline.models import Event
from tests.api_fixtures import READERS, WRITERS

EVENT = {
    "owner": "osce-mission-to-skopje",
    "kind": "border_policy_change",
    "title": "Entry limited to SY, IQ, AF",
    "date": "2015-11-18",
    "places": ["gevgelija"],
    "countries": ["MK"],
    "classification": "internal",
}
VISIT = {
    "operation": "osce-mission-to-skopje",
    "places": ["gevgelija"],
    "date": "2016-03-09",
    "team": "PDU 1",
    "overnight": True,
    "findings": [{"aspect": "staffing", "concern": "minor", "text": "Two officers on duty"}],
    "classification": "restricted",
}


def _post(client, url: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def _patch(client, url: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.patch(url, json.dumps(body), content_type="application/json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_only_skopjes_editors_and_above_create_for_skopje(caller, client_for) -> None:  # type: ignore[no-untyped-def]
    response = _post(client_for(caller), "/api/v1/events", EVENT)

    expected = 201 if caller in WRITERS else 401 if caller == "anonymous" else 403
    assert response.status_code == expected, response.content
    assert Event.objects.filter(title=EVENT["title"]).exists() is (expected == 201)


@pytest.mark.django_db
def test_a_created_visit_is_on_the_timeline(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-focal-point")

    created = _post(client, "/api/v1/visits", VISIT)

    assert created.status_code == 201, created.content
    body = created.json()
    assert [{**finding, "uid": None} for finding in body["findings"]] == [
        {**finding, "uid": None} for finding in VISIT["findings"]
    ]
    assert body["date"]["text"] == "9 March 2016"
    timeline = client.get("/api/v1/events?kind=visit&start=2016-03-09&end=2016-03-09&q=monitoring visit to")
    entries = [
        event
        for event in timeline.json()["items"]
        if event["title"].endswith("monitoring visit to Gevgelija")
    ]
    assert [(event["places"], event["date"]["text"]) for event in entries] == [
        (["gevgelija"], "9 March 2016")
    ]


@pytest.mark.django_db
def test_an_update_needs_the_version_it_edits(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-focal-point")
    slug = _post(client, "/api/v1/visits", VISIT).json()["slug"]
    etag = client.get(f"/api/v1/visits/{slug}")["ETag"]

    missing = _patch(client, f"/api/v1/visits/{slug}", {"team": "PDU 2"})
    first = _patch(client, f"/api/v1/visits/{slug}", {"team": "PDU 2"}, HTTP_IF_MATCH=etag)
    stale = _patch(client, f"/api/v1/visits/{slug}", {"team": "PDU 3"}, HTTP_IF_MATCH=etag)

    assert missing.status_code == 428
    assert (first.status_code, first["ETag"], first.json()["team"]) == (200, '"2"', "PDU 2")
    assert stale.status_code == 412
    assert stale.json()["current_version"] == 2
    assert MonitoringVisit.objects.get(slug=slug).team == "PDU 2"


@pytest.mark.django_db
def test_another_operations_editor_cannot_see_or_change_a_restricted_visit(client_for) -> None:  # type: ignore[no-untyped-def]
    slug = _post(client_for("skopje-focal-point"), "/api/v1/visits", VISIT).json()["slug"]
    serbian = client_for("serbia-editor")

    read = serbian.get(f"/api/v1/visits/{slug}")
    change = _patch(serbian, f"/api/v1/visits/{slug}", {"team": "taken over"}, HTTP_IF_MATCH='"1"')

    assert (read.status_code, change.status_code) == (404, 404)
    assert MonitoringVisit.objects.get(slug=slug).team == "PDU 1"


@pytest.mark.django_db
def test_a_viewer_of_the_owning_operation_reads_but_cannot_change(client_for) -> None:  # type: ignore[no-untyped-def]
    slug = _post(client_for("skopje-focal-point"), "/api/v1/visits", VISIT).json()["slug"]
    viewer = client_for("skopje-viewer")

    assert viewer.get(f"/api/v1/visits/{slug}").status_code == 200
    assert _patch(viewer, f"/api/v1/visits/{slug}", {"team": "x"}, HTTP_IF_MATCH='"1"').status_code == 403


@pytest.mark.django_db
def test_a_retried_creation_with_the_same_key_creates_one_record(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-editor")

    first = _post(client, "/api/v1/events", EVENT, HTTP_IDEMPOTENCY_KEY="sync-2015-11-18-1")
    retry = _post(client, "/api/v1/events", EVENT, HTTP_IDEMPOTENCY_KEY="sync-2015-11-18-1")
    reused = _post(
        client, "/api/v1/events", {**EVENT, "title": "Other"}, HTTP_IDEMPOTENCY_KEY="sync-2015-11-18-1"
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json()["slug"] == first.json()["slug"]
    assert Event.objects.filter(title=EVENT["title"]).count() == 1
    assert reused.status_code == 422


@pytest.mark.django_db
def test_validation_errors_name_the_path_of_each_bad_field(client_for) -> None:  # type: ignore[no-untyped-def]
    body = {
        **VISIT,
        "places": ["gevgelija", "nowhere"],
        "findings": [{"aspect": "weather", "concern": "x", "text": "rain"}],
    }

    unknown_place = _post(client_for("skopje-focal-point"), "/api/v1/visits", body)
    bad_date = _post(client_for("skopje-focal-point"), "/api/v1/visits", {**VISIT, "date": "November 2015"})
    missing_field = _post(
        client_for("skopje-focal-point"), "/api/v1/visits", {"operation": "osce-mission-to-skopje"}
    )

    assert unknown_place.status_code == 422
    assert unknown_place.json()["detail"][0]["loc"] == ["body", "places", "1"]
    assert bad_date.json()["detail"][0]["loc"] == ["body", "date"]
    assert "not a date this system reads" in bad_date.json()["detail"][0]["msg"]
    assert missing_field.status_code == 422
    assert {tuple(error["loc"]) for error in missing_field.json()["detail"]} >= {("body", "date")}


@pytest.mark.django_db
def test_a_bad_finding_is_refused_at_its_index(client_for) -> None:  # type: ignore[no-untyped-def]
    body = {
        **VISIT,
        "findings": [VISIT["findings"][0], {"aspect": "weather", "concern": "minor", "text": "rain"}],
    }

    response = _post(client_for("skopje-focal-point"), "/api/v1/visits", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "findings", "1", "aspect"]


@pytest.mark.django_db
def test_an_observation_posted_twice_is_unchanged_and_a_new_figure_is_a_revision(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-editor")
    body = {
        "place": "gevgelija",
        "metric": "arrivals",
        "date": "2015-11-20",
        "value": 5000,
        "source_organisation": "unhcr",
        "owner": "osce-mission-to-skopje",
    }

    first = _post(client, "/api/v1/observations", body)
    again = _post(client, "/api/v1/observations", body)
    revised = _post(client, "/api/v1/observations", {**body, "value": 5240})

    assert (first.status_code, first.json()["outcome"]) == (201, "created")
    assert (again.status_code, again.json()["outcome"]) == (200, "unchanged")
    assert revised.json()["outcome"] == "revised"
    assert revised.json()["observation"]["revision_of"] == first.json()["observation"]["uid"]
    history = client.get(
        "/api/v1/observations?place=gevgelija&start=2015-11-20&end=2015-11-20&include_revised=true"
    )
    assert sorted(item["value"] for item in history.json()["items"]) == [5000, 5240]


@pytest.mark.django_db
def test_an_activity_with_a_training_and_an_action_point_round_trip(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("skopje-focal-point")
    activity = _post(
        client,
        "/api/v1/activities",
        {
            "lead": "osce-mission-to-skopje",
            "title": "Frontline workers, Gevgelija",
            "category": "governance_civil_society",
            "date": "2016-04",
            "places": ["gevgelija"],
            "mandate_clauses": [],
            "quantities": [{"name": "workers trained", "value": 18, "unit": "persons"}],
            "training": {
                "audience": "social workers",
                "target_total": 60,
                "participations": [
                    {"institution_name": "Centre for Social Work", "total": 18, "female": 14, "male": 4}
                ],
            },
        },
    )
    meeting = _post(
        client,
        "/api/v1/meetings",
        {
            "owner": "osce-mission-to-skopje",
            "title": "Weekly coordination",
            "date": "2016-04-06",
            "convenor": "unhcr",
            "participants": ["unhcr", "osce-mission-to-skopje"],
            "recurrence": "weekly",
            "decisions": ["Share counts"],
            "action_points": [
                {"text": "Send counts", "responsible": "osce-mission-to-skopje", "due": "2016-04-08"}
            ],
        },
    )

    assert activity.status_code == 201, activity.content
    assert activity.json()["training"]["participations"][0]["female"] == 14
    assert meeting.status_code == 201, meeting.content
    point = meeting.json()["action_points"][0]
    done = _patch(client, f"/api/v1/action-points/{point['uid']}", {"status": "done"}, HTTP_IF_MATCH='"1"')
    assert (done.status_code, done.json()["status"]) == (200, "done")


@pytest.mark.django_db
def test_a_bad_or_revoked_token_is_refused_not_treated_as_anonymous(make_user, skopje) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    user = make_user("token-owner", skopje, "editor")
    new = create_token(user=user, name="sync")

    assert Client(HTTP_AUTHORIZATION="Bearer crd_not-a-token").get("/api/v1/events").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new.secret}").get("/api/v1/events").status_code == 200
    revoke_token(user=user, token_id=new.token.pk)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new.secret}").get("/api/v1/events").status_code == 401
    assert new.secret not in str(list(user.api_tokens.values()))
