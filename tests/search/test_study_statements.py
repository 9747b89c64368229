"""What the study says is found by search: engagement, mandates, focal points, interviews; years in a query
narrow to records dated then; and a reader's scores never depend on records they may not read."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from corridor.actors.models import Organisation
from corridor.core.choices import Classification
from corridor.search.selectors import search
from corridor.timeline.models import Event

pytestmark = pytest.mark.django_db


def _keys(query: str, kind: str) -> list[str]:
    return [hit.key for hit in search(None, query, kinds=[kind])]


def test_the_engagement_the_study_characterises_is_found() -> None:
    assert "osce-mission-to-montenegro" in _keys('"business as usual"', "field_operation")
    assert "osce-mission-to-serbia" in _keys("frontline", "field_operation")


def test_mandate_summaries_focal_points_and_interviews_are_found() -> None:
    assert _keys('"security dimension"', "mandate")
    assert "al-presence-migration-focal-point" in _keys('"since as early as"', "focal_point")
    assert _keys('"Trafficking in Human Beings"', "interview")


def test_a_year_in_the_query_finds_the_record_dated_then() -> None:
    response = Client().get("/api/v1/search", {"q": "focal point 2012"})

    assert response.status_code == 200
    found = [(hit["kind"], hit["key"]) for hit in response.json()]
    assert ("focal_point", "al-presence-migration-focal-point") in found[:3]
    assert ("event", "albania-migration-focal-point-2012") in found[:3]
    assert all(hit["date"] is None or hit["date"].startswith("2012") for hit in response.json()[:3])


def test_a_year_that_dates_no_match_is_read_as_a_word(skopje: Organisation) -> None:
    Event.objects.create(
        slug="quillomorph-anniversary",
        kind="statement",
        title="Quillomorph recalls the agreement of 1999",
        classification=Classification.PUBLIC,
        owner=skopje,
        date_start=date(2016, 1, 1),
        date_end=date(2016, 1, 1),
        date_precision="day",
    )

    assert _keys("quillomorph 1999", "event") == ["quillomorph-anniversary"]
    assert _keys("quillomorph 2015", "event") == []


def test_hidden_records_do_not_change_an_anonymous_reader_s_scores_or_order(skopje: Organisation) -> None:
    query = "border police"
    before = [(hit.kind, hit.key, hit.score) for hit in search(AnonymousUser(), query, limit=30)]
    for number in range(40):
        Event.objects.create(
            slug=f"hidden-border-police-{number}",
            kind="incident",
            title="Border police border police border police",
            description="border police " * number,
            classification=Classification.RESTRICTED if number % 2 else Classification.INTERNAL,
            owner=skopje,
            date_start=date(2016, 1, 1),
            date_end=date(2016, 1, 1),
            date_precision="day",
        )

    after = [(hit.kind, hit.key, hit.score) for hit in search(AnonymousUser(), query, limit=30)]

    assert before and after == before
