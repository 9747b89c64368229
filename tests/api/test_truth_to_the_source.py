"""The issue's questions asked of the case study through the API: what the study states is reachable, and
no record says more than the study does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from corridor.actors.models import Interview, Organisation
from corridor.core.choices import Classification

pytestmark = pytest.mark.django_db

API = "/api/v1"


def test_a_field_operation_says_how_the_study_characterises_its_engagement() -> None:
    body = Client().get(f"{API}/field-operations/osce-mission-to-serbia").json()

    assert "frontline" in body["engagement_note"]
    assert [interview["date"]["text"] for interview in body["interviews"]] == ["5 May 2016"]
    assert any(source["locator"] == "annex" for source in body["sources"])


def test_an_organisation_answers_with_its_notes_and_the_quotes_it_rests_on() -> None:
    body = Client().get(f"{API}/organisations/osce").json()

    assert "renamed OSCE on 1 January 1995" in body["note"]
    assert body["sources"] and all(source["quote"] for source in body["sources"])
    assert body["established"] == "1970/1979"


def test_the_annex_interviews_have_their_own_list_and_detail() -> None:
    listed = Client().get(f"{API}/interviews").json()["items"]

    first_two = [item["organisation"] for item in listed][:2]
    assert first_two == ["osce-mission-to-serbia", "osce-mission-to-skopje"]
    assert len(listed) == 6
    serbia = listed[0]
    positions = " ".join(serbia["positions"])
    assert "National Legal Adviser / Focal Point for Trafficking in Human Beings" in positions
    detail = Client().get(f"{API}/interviews/{serbia['uid']}").json()
    assert detail["sources"][0]["quote"] == "OSCE Mission to Serbia, 5 May 2016"


def test_an_interview_at_an_organisation_the_reader_may_not_read_is_not_found(
    client_for: Callable[[str], Client], skopje: Organisation
) -> None:
    hidden = Organisation.objects.create(
        slug="hidden-operation",
        name="Hidden operation",
        kind="osce_field_operation",
        classification=Classification.RESTRICTED,
        owner=skopje,
    )
    interview = Interview.objects.create(
        organisation=hidden, date_start="2016-05-05", date_end="2016-05-05", date_precision="day"
    )

    assert Client().get(f"{API}/interviews/{interview.uid}").status_code == 404
    assert str(interview.uid) not in Client().get(f"{API}/interviews?limit=1000").content.decode()
    assert client_for("skopje-viewer").get(f"{API}/interviews/{interview.uid}").status_code == 200


def test_the_study_interviews_are_their_own_kind_on_the_timeline_not_monitoring_visits() -> None:
    interviews = Client().get(f"{API}/events?kind=interview&limit=100").json()["items"]
    visits = Client().get(f"{API}/events?kind=visit&limit=100").json()["items"]

    assert len(interviews) == 6
    assert not [event for event in visits if "interview" in event["title"].lower()]


def test_an_event_filter_takes_a_month_as_the_pages_do() -> None:
    response = Client().get(f"{API}/events?start=2015-11&end=2015-11")

    assert response.status_code == 200
    items = response.json()["items"]
    assert items and all(item["date"]["end"] >= "2015-11-01" for item in items)
    assert all(item["date"]["start"] <= "2015-11-30" for item in items)


def test_a_season_stays_a_season_and_a_range_prints_each_end_as_the_study_gives_it() -> None:
    spring = Client().get(f"{API}/events/migration-crisis-escalation-spring-2015").json()["date"]

    assert spring["text"] == "spring 2015 – September 2016"
    assert (spring["precision"], spring["start_precision"], spring["end_precision"]) == (
        "range",
        "season",
        "month",
    )


def test_nothing_the_study_does_not_state_is_added() -> None:
    focal_point_event = Client().get(f"{API}/events/serbia-migration-focal-point-early-2015").json()
    skopje = Client().get(f"{API}/field-operations/osce-mission-to-skopje").json()
    afghans = Client().get(f"{API}/observations?place=af").json()["items"]

    assert focal_point_event["actors"] == ["osce-mission-to-serbia"]
    migration = next(point for point in skopje["focal_points"] if point["topic"] == "migration")
    assert migration["established"] is None
    assert [(figure["metric"], figure["value"]) for figure in afghans] == [("refugees_abroad", 2800000)]


@pytest.mark.parametrize(
    ("query", "kind", "key"),
    [
        ('"business as usual"', "field_operation", "osce-mission-to-montenegro"),
        ('"security dimension"', "mandate", None),
        ("focal point 2012", "focal_point", "al-presence-migration-focal-point"),
    ],
)
def test_the_issue_s_searches_answer_through_the_api(query: str, kind: str, key: str | None) -> None:
    response = Client().get(f"{API}/search", {"q": query})

    assert response.status_code == 200
    found = [(hit["kind"], hit["key"]) for hit in response.json()]
    assert any(hit_kind == kind and key in (None, hit_key) for hit_kind, hit_key in found), found
