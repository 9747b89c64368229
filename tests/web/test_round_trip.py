"""Every edit form round-trips: opened and saved without a change, it changes nothing and makes no version.

One test walks every record of every kind that has an edit form — all of the case study's, and records
written through the services with every part filled — opens its form as a platform administrator (who may
edit them all), submits it as a browser would, and checks that the record's version and its whole state
(values, links, rows) are what they were.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.test import Client

from corridor.core.dates import DateSpan
from corridor.core.versions import Versioned
from corridor.geo.models import Place
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.services import FindingInput, log_visit
from corridor.monitoring.versions import VISITS
from corridor.operations.models import ActionPoint, Activity, Meeting
from corridor.operations.services import (
    ActionPointInput,
    ParticipationInput,
    TrainingInput,
    record_activity,
    record_meeting,
)
from corridor.operations.versions import ACTION_POINTS, ACTIVITIES, MEETINGS
from corridor.timeline.models import Event
from corridor.timeline.versions import EVENTS
from tests.web.forms_in_pages import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(skopje_focal_point, skopje, unhcr) -> None:  # type: ignore[no-untyped-def]
    """Records with every part a form shows filled in, and text as browsers send it back."""
    gevgelija, tabanovce = Place.objects.get(slug="gevgelija"), Place.objects.get(slug="tabanovce")
    log_visit(
        actor=skopje_focal_point,
        operation=skopje,
        places=[gevgelija, tabanovce],
        span=DateSpan.on(date(2016, 3, 9)),
        team="PDU 1",
        overnight=True,
        purpose="Checked the registration line\r\nand the shelter.",
        findings=[FindingInput("staffing", "critical", "Two officers for 3,000 people  ")],
        follow_up="Raise with the ministry",
        classification="internal",
    )
    log_visit(
        actor=skopje_focal_point,
        operation=skopje,
        places=[gevgelija],
        span=DateSpan.parse("early 2016-03"),
        overnight=False,
    )
    record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Frontline training",
        category="governance_civil_society",
        span=DateSpan.parse("2016-04"),
        partners=[unhcr],
        places=[gevgelija],
        training=TrainingInput(
            "social workers", 40, [ParticipationInput(total=12, institution_name="Centre", female=7, male=5)]
        ),
    )
    record_meeting(
        actor=skopje_focal_point,
        owner=skopje,
        title="Weekly coordination",
        span=DateSpan.on(date(2016, 3, 10)),
        convenor=unhcr,
        participants=[unhcr, skopje],
        place=gevgelija,
        agenda="Counts\nShelter",
        decisions=["Share counts daily", "Meet on Friday"],
        action_points=[ActionPointInput("Send counts", unhcr, DateSpan.parse("2016-03-11"))],
    )


EDITABLE: dict[str, tuple[Versioned, str]] = {
    "visit": (VISITS, "/visits/{key}/edit/"),
    "event": (EVENTS, "/events/{key}/edit/"),
    "activity": (ACTIVITIES, "/activities/{key}/edit/"),
    "meeting": (MEETINGS, "/meetings/{key}/edit/"),
    "action point": (ACTION_POINTS, "/action-points/{key}/edit/"),
}


def _records() -> Iterator[tuple[str, Any, str]]:
    for visit in MonitoringVisit.objects.order_by("pk"):
        yield "visit", visit, visit.slug
    for event in Event.objects.filter(visit__isnull=True, meeting__isnull=True).order_by("pk"):
        yield "event", event, event.slug
    for activity in Activity.objects.order_by("pk"):
        yield "activity", activity, activity.slug
    for meeting in Meeting.objects.order_by("pk"):
        yield "meeting", meeting, meeting.slug
    for point in ActionPoint.objects.order_by("pk"):
        yield "action point", point, str(point.uid)


def test_every_edit_form_saved_unchanged_changes_nothing(filled, make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("round.trip", superuser=True))
    changed, walked = [], {name: 0 for name in EDITABLE}

    for name, record, key in _records():
        kind, path = EDITABLE[name]
        before_version, before = record.version, kind.state_of(record)
        url = path.format(key=key)
        page = client.get(url)
        assert page.status_code == 200, url
        response = client.post(url, form_fields(page.content.decode()))
        record.refresh_from_db()
        walked[name] += 1
        if response.status_code != 302 or record.version != before_version or kind.state_of(record) != before:
            changed.append(f"{url}: {response.status_code}, version {before_version} → {record.version}")

    assert changed == []
    assert all(count > 0 for count in walked.values()), walked
    assert walked["event"] > 50 and walked["activity"] > 40
