"""What the API and the pages refuse at the door, with a 4xx naming the problem, never a 500: text that
cannot be stored and brought back (NUL, lone surrogates), bodies over the limit, unknown keys, blank
required texts; and a 422 says where the refused value came from (body, query or path)."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import resolve

from corridor.accounts.models import User
from corridor.api.errors import location
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.operations.models import ActionPoint, Meeting
from corridor.timeline.models import Event
from corridor.timeline.services import record_event

EVENT = {
    "owner": "osce-mission-to-skopje",
    "kind": "incident",
    "title": "Fence works seen at Gevgelija",
    "date": "2016-03-09",
}


def post(client: Client, url: str, body: str) -> object:
    return client.post(url, body, content_type="application/json")


@pytest.fixture
def editor(client_for):  # type: ignore[no-untyped-def]
    client = client_for("skopje-editor")
    client.raise_request_exception = False
    return client


def only_error(response: object) -> dict[str, object]:
    detail = response.json()["detail"]  # type: ignore[attr-defined]
    assert len(detail) == 1, detail
    return dict(detail[0])


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_json_body_is_a_422_at_the_field(editor) -> None:  # type: ignore[no-untyped-def]
    events = Event.objects.count()
    body = json.dumps(EVENT).replace("Fence works seen at Gevgelija", "\\ud800")

    response = post(editor, "/api/v1/events", body)

    assert response.status_code == 422
    error = only_error(response)
    assert error["loc"] == ["body", "title"]
    assert "lone surrogate" in str(error["msg"])
    assert Event.objects.count() == events


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["title", "description", "note"])
def test_a_nul_character_in_a_json_body_is_a_422_at_the_field(editor, field: str) -> None:  # type: ignore[no-untyped-def]
    events = Event.objects.count()

    response = post(editor, "/api/v1/events", json.dumps({**EVENT, field: "Fence\x00works"}))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", field]
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_a_nul_character_in_a_list_of_references_is_a_422(editor) -> None:  # type: ignore[no-untyped-def]
    response = post(editor, "/api/v1/events", json.dumps({**EVENT, "places": ["gevgelija\x00"]}))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", "places"]


@pytest.mark.django_db
def test_a_nul_character_in_a_query_parameter_is_a_422_at_the_parameter() -> None:
    for url, name in [
        ("/api/v1/events?q=a%00b", "q"),
        ("/api/v1/search?q=presevo%00", "q"),
        ("/api/v1/countries?cursor=%00", "cursor"),
    ]:
        response = Client().get(url)

        assert response.status_code == 422, url
        assert only_error(response)["loc"] == ["query", name], url


@pytest.mark.django_db
def test_a_body_over_the_limit_is_a_413_with_a_json_body(editor) -> None:  # type: ignore[no-untyped-def]
    huge = json.dumps({**EVENT, "description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = post(editor, "/api/v1/events", huge)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "at most" in response.json()["detail"]


@pytest.mark.django_db
def test_a_form_over_the_limit_gets_a_plain_413_page(client: Client, make_user) -> None:  # type: ignore[no-untyped-def]
    client.force_login(make_user("someone"))

    body = urlencode({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})

    response = client.post("/events/new/", body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert "larger than Corridor accepts" in response.content.decode()


@pytest.mark.django_db
def test_a_misspelt_key_is_refused_and_nothing_is_stored(editor) -> None:  # type: ignore[no-untyped-def]
    events = Event.objects.count()

    response = post(editor, "/api/v1/events", json.dumps({**EVENT, "clasification": "restricted"}))

    assert response.status_code == 422
    error = only_error(response)
    assert error["loc"] == ["body", "clasification"]
    assert error["type"] == "extra_forbidden"
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_an_unknown_key_inside_a_nested_item_is_refused(editor) -> None:  # type: ignore[no-untyped-def]
    visit = {
        "operation": "osce-mission-to-skopje",
        "places": ["gevgelija"],
        "date": "2016-03-09",
        "findings": [{"aspect": "staffing", "concern": "minor", "text": "Two on duty", "severity": "low"}],
    }

    response = post(editor, "/api/v1/visits", json.dumps(visit))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", "findings", 0, "severity"]


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_a_blank_title_is_refused(editor, title: str) -> None:  # type: ignore[no-untyped-def]
    response = post(editor, "/api/v1/events", json.dumps({**EVENT, "title": title}))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", "title"]


@pytest.mark.django_db
def test_a_blank_finding_text_is_refused(editor) -> None:  # type: ignore[no-untyped-def]
    visit = {
        "operation": "osce-mission-to-skopje",
        "places": ["gevgelija"],
        "date": "2016-03-09",
        "findings": [{"aspect": "staffing", "concern": "minor", "text": "  "}],
    }

    response = post(editor, "/api/v1/visits", json.dumps(visit))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", "findings", 0, "text"]


@pytest.mark.django_db
def test_a_blank_action_point_is_refused(editor, skopje) -> None:  # type: ignore[no-untyped-def]
    meeting = Meeting.objects.filter(owner=skopje).first()
    assert meeting is not None
    points = ActionPoint.objects.count()

    response = post(editor, f"/api/v1/meetings/{meeting.slug}/action-points", json.dumps({"text": " "}))

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["body", "text"]
    assert ActionPoint.objects.count() == points


@pytest.mark.django_db
def test_the_service_refuses_a_blank_title_whatever_calls_it(skopje, skopje_focal_point: User) -> None:
    with pytest.raises(ValidationFailed) as refused:
        record_event(
            actor=skopje_focal_point,
            owner=skopje,
            kind="incident",
            title="   ",
            span=DateSpan.parse("2016-03-09"),
        )

    assert list(refused.value.errors) == ["title"]


@pytest.mark.django_db
def test_the_service_refuses_a_nul_character_whatever_calls_it(skopje, skopje_focal_point: User) -> None:
    with pytest.raises(ValidationFailed) as refused:
        record_event(
            actor=skopje_focal_point,
            owner=skopje,
            kind="incident",
            title="Fence",
            description="works\x00seen",
            span=DateSpan.parse("2016-03-09"),
        )

    assert refused.value.errors == {"description": ["null characters (\\x00) are not allowed"]}


@pytest.mark.django_db
def test_the_event_form_refuses_a_nul_character_at_the_field(
    client: Client, skopje_focal_point: User
) -> None:
    client.force_login(skopje_focal_point)
    events = Event.objects.count()

    response = client.post(
        "/events/new/",
        {"owner": "osce-mission-to-skopje", "kind": "incident", "title": "Fence\x00", "date": "2016-03-09"},
    )

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert Event.objects.count() == events


@pytest.mark.django_db
def test_a_refused_query_parameter_is_located_in_the_query() -> None:
    response = Client().get("/api/v1/events?start=2016&end=2015")

    assert response.status_code == 422
    assert only_error(response)["loc"] == ["query", "end"]


def test_a_refused_path_parameter_is_located_in_the_path() -> None:
    request = RequestFactory().post("/api/v1/meetings/some-meeting/action-points")
    request.resolver_match = resolve("/api/v1/meetings/some-meeting/action-points")

    assert location(request, "slug") == "path"
    assert location(request, "text") == "body"
