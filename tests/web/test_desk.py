"""Your work: a member lands on their organisations' open action points (theirs first, soonest due first)
and what they recorded; closing or reopening a point asks first; a daily digest tells them what is due."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.test import Client

from corridor.accounts.choices import Role
from corridor.actors.models import Organisation
from corridor.core.dates import DateSpan
from corridor.operations.digest import send_digests
from corridor.operations.models import ActionPoint
from corridor.operations.services import record_meeting
from corridor.operations.versions import ActionPointInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(skopje_focal_point, skopje):  # type: ignore[no-untyped-def]
    unhcr = Organisation.objects.get(slug="unhcr")
    return record_meeting(
        actor=skopje_focal_point,
        owner=skopje,
        title="ZZ border coordination",
        span=DateSpan.parse("2026-12-01"),
        action_points=[
            ActionPointInput("ZZ UNHCR shares the shelter list", unhcr, DateSpan.parse("2026-12-05")),
            ActionPointInput("ZZ Mission drafts the spot report", skopje, DateSpan.parse("2026-12-10")),
            ActionPointInput("ZZ Mission visits Tabanovce", skopje, DateSpan.parse("2026-12-03")),
            ActionPointInput("ZZ Mission calls the police", skopje),
        ],
        classification="internal",
    )


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_member_lands_on_their_work_after_signing_in(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    skopje_focal_point.set_password("zz-secret-words")
    skopje_focal_point.save()

    signed_in = Client().post("/login/", {"username": "skopje.focal", "password": "zz-secret-words"})

    assert signed_in.status_code == 302 and signed_in["Location"] == "/my/"


def test_their_organisation_s_points_come_first_soonest_due_first(skopje_focal_point, meeting) -> None:  # type: ignore[no-untyped-def]
    page = _client(skopje_focal_point).get("/my/").content.decode()

    order = [
        page.index(text)
        for text in (
            "ZZ Mission visits Tabanovce",
            "ZZ Mission drafts the spot report",
            "ZZ Mission calls the police",
            "ZZ UNHCR shares the shelter list",
        )
    ]
    assert order == sorted(order)
    assert "Record a site&#x27;s day" in page or "Record a site's day" in page
    assert "ZZ border coordination" in page.split("What you recorded lately")[1]


def test_members_of_another_mission_see_none_of_them(meeting, make_user, serbia) -> None:  # type: ignore[no-untyped-def]
    page = _client(make_user("serbia.desk", serbia, Role.EDITOR)).get("/my/").content.decode()

    assert "ZZ " not in page


def test_someone_of_no_organisation_goes_on_to_the_dashboard(make_user) -> None:  # type: ignore[no-untyped-def]
    assert _client(make_user("nobody.desk")).get("/my/")["Location"] == "/"


def test_closing_asks_first_and_reopening_too(skopje_focal_point, meeting) -> None:  # type: ignore[no-untyped-def]
    client = _client(skopje_focal_point)
    point = ActionPoint.objects.get(text="ZZ Mission visits Tabanovce")

    asked = client.get(f"/action-points/{point.uid}/close/?next=/my/").content.decode()
    point.refresh_from_db()
    assert "Close this action point?" in asked and point.status == "open"

    closed = client.post(f"/action-points/{point.uid}/close/", {"version": point.version, "next": "/my/"})
    point.refresh_from_db()
    assert closed["Location"] == "/my/" and point.status == "done"

    assert "Reopen this action point?" in client.get(f"/action-points/{point.uid}/reopen/").content.decode()
    client.post(f"/action-points/{point.uid}/reopen/", {"version": point.version})
    point.refresh_from_db()
    assert point.status == "open"


def test_a_status_change_goes_back_only_to_this_site(skopje_focal_point, meeting) -> None:  # type: ignore[no-untyped-def]
    point = ActionPoint.objects.get(text="ZZ Mission visits Tabanovce")

    went = _client(skopje_focal_point).post(
        f"/action-points/{point.uid}/close/", {"version": point.version, "next": "https://evil.example/"}
    )

    assert went["Location"] == f"/meetings/{meeting.slug}/"


def test_the_digest_tells_each_member_what_is_overdue_and_due_soon(  # type: ignore[no-untyped-def]
    skopje_focal_point, meeting, make_user, serbia
) -> None:
    skopje_focal_point.email = "focal@example.org"
    skopje_focal_point.save()
    other = make_user("serbia.digest", serbia, Role.EDITOR)
    other.email = "serbia@example.org"
    other.save()

    sent = send_digests(today=date(2026, 12, 4))

    assert sent == 1 and [message.to for message in mail.outbox] == [["focal@example.org"]]
    body = mail.outbox[0].body
    overdue, soon = body.split("Due within a week:")
    assert "ZZ Mission visits Tabanovce" in overdue
    assert "ZZ Mission drafts the spot report" in soon and "ZZ UNHCR shares the shelter list" in soon
    assert "ZZ Mission calls the police" not in body
