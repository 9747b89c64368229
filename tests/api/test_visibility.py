"""Every list and detail endpoint shows each kind of caller exactly what they may read."""

from __future__ import annotations

import pytest

from tests.api_fixtures import LEVELS, READERS

LISTS = {
    "places": ("/api/v1/places?limit=1000&q=ZZ", "slug"),
    "events": ("/api/v1/events?limit=1000&q=ZZ", "slug"),
    "visits": ("/api/v1/visits?limit=1000&start=2016-03-01&end=2016-03-03", "slug"),
    "activities": (
        "/api/v1/activities?limit=1000&start=2016-03-01&end=2016-03-03&category=monitoring",
        "slug",
    ),
    "meetings": ("/api/v1/meetings?limit=1000&start=2016-03-01&end=2016-03-03", "slug"),
    "observations": (
        "/api/v1/observations?limit=1000&place=gevgelija&start=2016-03-01&end=2016-03-03",
        "uid",
    ),
    "documents": ("/api/v1/documents?limit=1000&q=ZZ", "slug"),
    "commitments": ("/api/v1/commitments?limit=1000&theme=general", "slug"),
    "recommendations": ("/api/v1/recommendations?limit=1000&issuer=osce-mission-to-skopje", "slug"),
}
DETAILS = {
    "places": "/api/v1/places/{key}",
    "events": "/api/v1/events/{key}",
    "visits": "/api/v1/visits/{key}",
    "activities": "/api/v1/activities/{key}",
    "meetings": "/api/v1/meetings/{key}",
    "documents": "/api/v1/documents/{key}",
}


def _key(record: object, field: str) -> str:
    return str(getattr(record, field))


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("kind", list(LISTS))
def test_a_list_holds_exactly_the_levels_the_reader_may_read(kind, reader, marked, client_for) -> None:  # type: ignore[no-untyped-def]
    url, field = LISTS[kind]

    response = client_for(reader).get(url)

    assert response.status_code == 200, response.content
    listed = {item[field] for item in response.json()["items"]}
    expected = {_key(marked[kind][level], field) for level in READERS[reader]}
    hidden = {_key(marked[kind][level], field) for level in LEVELS if level not in READERS[reader]}
    assert expected <= listed
    assert not hidden & listed


@pytest.mark.django_db
@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("kind", list(DETAILS))
@pytest.mark.parametrize("level", LEVELS)
def test_a_record_the_reader_may_not_read_answers_404(kind, level, reader, marked, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(reader).get(DETAILS[kind].format(key=marked[kind][level].slug))

    assert response.status_code == (200 if level in READERS[reader] else 404)
    if response.status_code == 404:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_an_anonymous_client_gets_nothing_that_is_not_public(client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("anonymous")
    for url in (
        "/api/v1/events?limit=1000",
        "/api/v1/activities?limit=1000",
        "/api/v1/places?limit=1000",
        "/api/v1/documents?limit=1000",
        "/api/v1/observations?limit=1000",
        "/api/v1/visits?limit=1000",
        "/api/v1/meetings?limit=1000",
        "/api/v1/commitments?limit=1000",
    ):
        items = client.get(url).json()["items"]
        assert {item["classification"] for item in items} <= {"public"}, url


@pytest.mark.django_db
def test_the_six_field_operations_are_listed(client_for) -> None:  # type: ignore[no-untyped-def]
    body = client_for("anonymous").get("/api/v1/field-operations").json()

    assert len(body["items"]) == 6
    skopje = next(item for item in body["items"] if item["slug"] == "osce-mission-to-skopje")
    assert skopje["headquarters"] == "skopje"
    assert skopje["mandate"]["breadth"] == "specific"
    assert skopje["mandate"]["clauses"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("events", "timeline.Event"),
        ("activities", "operations.Activity"),
        ("commitments", "knowledge.Commitment"),
        ("places", "geo.Place"),
    ],
)
def test_a_cleared_analyst_pages_through_every_case_study_record(path, model, client_for) -> None:  # type: ignore[no-untyped-def]
    from django.apps import apps

    client = client_for("vienna-analyst")
    seen: list[str] = []
    url = f"/api/v1/{path}?limit=37"
    while url:
        body = client.get(url).json()
        seen += [item["slug"] for item in body["items"]]
        url = f"/api/v1/{path}?limit=37&cursor={body['next']}" if body["next"] else ""

    assert len(seen) == len(set(seen)) == apps.get_model(model).objects.count()
