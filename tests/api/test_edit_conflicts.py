"""Edits from an older version through the API: merged when they do not overlap with what was saved since
(200, new ETag); otherwise 412 with the three-way detail, as the caller may read it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridor.accounts.models import User
from corridor.core.dates import DateSpan
from corridor.geo.models import Country, Place
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.services import log_visit
from corridor.monitoring.versions import FindingInput

VISIT = {
    "operation": "osce-mission-to-skopje",
    "places": ["gevgelija"],
    "date": "2016-03-09",
    "team": "PDU 1",
    "purpose": "Registration",
    "findings": [{"aspect": "staffing", "concern": "minor", "text": "Two officers on duty"}],
}


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _patch(client: Any, url: str, body: dict[str, Any], version: str) -> Any:
    return client.patch(url, json.dumps(body), content_type="application/json", HTTP_IF_MATCH=version)


def _named(username: str, first: str, last: str) -> None:
    User.objects.filter(username=username).update(first_name=first, last_name=last)


@pytest.mark.django_db
def test_a_stale_if_match_whose_changes_do_not_overlap_is_merged_and_answers_200_with_the_new_etag(
    client_for: Any,
) -> None:
    editor, focal_point = client_for("skopje-editor"), client_for("skopje-focal-point")
    slug = _post(editor, "/api/v1/visits", VISIT).json()["slug"]

    theirs = _patch(focal_point, f"/api/v1/visits/{slug}", {"team": "PDU 2"}, '"1"')
    mine = _patch(editor, f"/api/v1/visits/{slug}", {"purpose": "Registration and shelter"}, '"1"')

    assert (theirs.status_code, theirs["ETag"]) == (200, '"2"')
    assert (mine.status_code, mine["ETag"]) == (200, '"3"')
    assert (mine.json()["team"], mine.json()["purpose"]) == ("PDU 2", "Registration and shelter")


@pytest.mark.django_db
def test_a_conflicting_edit_answers_412_with_base_theirs_mine_merged_and_each_conflict_at_its_path(
    client_for: Any,
) -> None:
    editor, focal_point = client_for("skopje-editor"), client_for("skopje-focal-point")
    _named("skopje-focal-point", "Ana", "Petrovska")
    created = _post(editor, "/api/v1/visits", VISIT).json()
    slug, finding = created["slug"], created["findings"][0]["uid"]
    theirs_findings = [{**created["findings"][0], "concern": "serious"}]
    my_findings = [{**created["findings"][0], "concern": "none"}]
    _patch(focal_point, f"/api/v1/visits/{slug}", {"team": "PDU 2", "findings": theirs_findings}, '"1"')

    clash = _patch(editor, f"/api/v1/visits/{slug}", {"team": "PDU 3", "findings": my_findings}, '"1"')

    body = clash.json()
    assert (clash.status_code, clash["ETag"]) == (412, '"2"')
    assert (body["expected_version"], body["current_version"]) == (1, 2)
    assert body["conflicts"] == [
        {"path": "team", "base": "PDU 1", "theirs": "PDU 2", "mine": "PDU 3"},
        {"path": f"findings/{finding}/concern", "base": "minor", "theirs": "serious", "mine": "none"},
    ]
    assert (body["base"]["team"], body["theirs"]["team"], body["mine"]["team"]) == ("PDU 1", "PDU 2", "PDU 3")
    assert body["merged"]["team"] == "PDU 2"
    assert body["base"]["places"] == body["theirs"]["places"] == ["gevgelija"]
    assert body["saved_by"] == "Ana Petrovska"
    assert body["saved_at"]
    assert MonitoringVisit.objects.get(slug=slug).team == "PDU 2"


@pytest.mark.django_db
def test_the_412_never_names_someone_the_caller_may_not_know(client_for: Any) -> None:
    editor, root = client_for("skopje-editor"), client_for("superuser")
    _named("root", "Platform", "Administrator")
    slug = _post(editor, "/api/v1/visits", VISIT).json()["slug"]
    _patch(root, f"/api/v1/visits/{slug}", {"team": "PDU 2"}, '"1"')

    clash = _patch(editor, f"/api/v1/visits/{slug}", {"team": "PDU 3"}, '"1"')

    body = clash.json()
    assert clash.status_code == 412
    assert (body["saved_by"], bool(body["saved_at"])) == ("a Corridor user", True)
    assert "root" not in clash.content.decode() and "Administrator" not in clash.content.decode()


@pytest.mark.django_db
def test_the_412_withholds_places_the_caller_may_not_read(client_for: Any, skopje: Any, serbia: Any) -> None:
    editor = client_for("skopje-editor")
    hidden = Place.objects.create(
        slug="zz-serbian-hidden-site",
        name="ZZ hidden",
        kind="camp",
        country=Country.objects.get(code="RS"),
        owner=serbia,
        classification="restricted",
    )
    visit = log_visit(
        actor=User.objects.create_superuser("operator", password="not-a-real-password"),
        operation=skopje,
        places=[Place.objects.get(slug="gevgelija"), hidden],
        span=DateSpan.parse("2016-03-09"),
        team="PDU 1",
        findings=[FindingInput("staffing", "minor", "Two officers on duty")],
        classification="internal",
    )
    _patch(client_for("skopje-focal-point"), f"/api/v1/visits/{visit.slug}", {"team": "PDU 2"}, '"1"')

    clash = _patch(editor, f"/api/v1/visits/{visit.slug}", {"team": "PDU 3"}, '"1"')

    body = clash.json()
    assert clash.status_code == 412
    assert [body[state]["places"] for state in ("base", "theirs", "mine", "merged")] == [["gevgelija"]] * 4
    assert "zz-serbian-hidden-site" not in clash.content.decode()
