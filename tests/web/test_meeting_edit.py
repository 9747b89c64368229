"""Editing a meeting and its action points from the pages: versions, conflicts, errors, who may."""

from __future__ import annotations

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.operations.models import ActionPoint, Meeting
from corridor.operations.services import (
    ActionPointInput,
    record_meeting,
    set_action_point_status,
    update_action_point,
    update_meeting,
)
from corridor.timeline.models import Event


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def focal_client(skopje_focal_point) -> Client:  # type: ignore[no-untyped-def]
    return signed_in(skopje_focal_point)


@pytest.fixture
def meeting(skopje_focal_point, skopje, unhcr) -> Meeting:  # type: ignore[no-untyped-def]
    return record_meeting(
        actor=skopje_focal_point,
        owner=skopje,
        title="Weekly coordination, Gevgelija",
        span=DateSpan.parse("2016-03-09"),
        convenor=unhcr,
        participants=[skopje, unhcr],
        recurrence="weekly",
        decisions=["Share daily counts"],
        action_points=[ActionPointInput("Send Tabanovce counts to UNHCR", responsible=skopje)],
        classification="internal",
    )


@pytest.fixture
def point(meeting) -> ActionPoint:  # type: ignore[no-untyped-def]
    return meeting.action_points.get()


def meeting_form(meeting: Meeting, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "version": str(meeting.version),
        "title": meeting.title,
        "date": meeting.span.code,
        "place": "",
        "convenor": meeting.convenor.slug if meeting.convenor else "",
        "participants": [o.slug for o in meeting.participants.all()],
        "recurrence": meeting.recurrence,
        "agenda": meeting.agenda,
        "decisions": "\n".join(d.text for d in meeting.decisions.all()),
        "classification": meeting.classification,
    }
    values.update(changes)
    return values


def point_form(point: ActionPoint, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "version": str(point.version),
        "text": point.text,
        "responsible": point.responsible.slug if point.responsible else "",
        "due": point.span.code if point.span else "",
        "status": point.status,
    }
    values.update(changes)
    return values


@pytest.mark.django_db
def test_the_meeting_page_offers_changes_only_to_editors_of_its_organisation(  # type: ignore[no-untyped-def]
    meeting, point, focal_client, make_user, skopje, serbia
) -> None:
    viewer = signed_in(make_user("skopje.viewer", skopje, Role.VIEWER))
    serbian = signed_in(make_user("serbia.ed", serbia, Role.EDITOR))
    url = f"/meetings/{meeting.slug}/"

    mine = focal_client.get(url).content.decode()

    assert f'href="/meetings/{meeting.slug}/edit/"' in mine
    assert f'href="/meetings/{meeting.slug}/action-points/new/"' in mine
    assert f'href="/action-points/{point.uid}/close/"' in mine
    assert f'href="/action-points/{point.uid}/edit/"' in mine
    for other in (viewer, serbian):
        page = other.get(url).content.decode()
        assert "Edit the meeting" not in page and "/close/" not in page
    assert viewer.get(f"/meetings/{meeting.slug}/edit/").status_code == 403
    assert serbian.post(f"/action-points/{point.uid}/close/", {"version": "1"}).status_code == 403
    assert ActionPoint.objects.get(pk=point.pk).status == "open"


@pytest.mark.django_db
def test_a_hidden_meeting_and_its_action_points_answer_not_found(meeting, point, outsider) -> None:  # type: ignore[no-untyped-def]
    partner = signed_in(outsider)

    assert partner.get(f"/meetings/{meeting.slug}/").status_code == 404
    assert partner.get(f"/meetings/{meeting.slug}/edit/").status_code == 404
    assert partner.get(f"/action-points/{point.uid}/edit/").status_code == 404
    assert partner.post(f"/action-points/{point.uid}/close/", {"version": "1"}).status_code == 404


@pytest.mark.django_db
def test_a_meeting_edit_saves_a_new_version_with_its_decisions_and_timeline_entry(  # type: ignore[no-untyped-def]
    focal_client, meeting
) -> None:
    response = focal_client.post(
        f"/meetings/{meeting.slug}/edit/",
        meeting_form(
            meeting,
            title="Weekly coordination, Gevgelija and Tabanovce",
            place="gevgelija",
            decisions="Share daily counts\r\n\r\nMeet again on Friday\r\n",
        ),
    )

    meeting.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.slug}/"
    assert meeting.version == 2 and meeting.place.slug == "gevgelija"
    assert [d.text for d in meeting.decisions.all()] == ["Share daily counts", "Meet again on Friday"]
    entry = Event.objects.get(meeting=meeting)
    assert entry.title == "Weekly coordination, Gevgelija and Tabanovce"
    page = focal_client.get(response["Location"]).content.decode()
    assert "Meet again on Friday" in page and f'href="/events/{entry.slug}/"' in page


@pytest.mark.django_db
def test_a_stale_meeting_edit_keeps_the_decisions_both_sides_wrote(  # type: ignore[no-untyped-def]
    focal_client, meeting, skopje_focal_point
) -> None:
    update_meeting(
        actor=skopje_focal_point, meeting=meeting, expected_version=1, decisions=["Share counts daily"]
    )

    response = focal_client.post(
        f"/meetings/{meeting.slug}/edit/",
        meeting_form(meeting, version="1", decisions="Share daily counts\nOpen a second line"),
    )

    meeting.refresh_from_db()
    page = focal_client.get(response["Location"]).content.decode()
    assert response.status_code == 302 and "yours and theirs are both kept" in page
    assert [d.text for d in meeting.decisions.all()] == ["Share counts daily", "Open a second line"]
    assert meeting.version == 3


@pytest.mark.django_db
def test_a_stale_meeting_edit_of_the_same_field_asks_and_changes_nothing(  # type: ignore[no-untyped-def]
    focal_client, meeting, skopje_focal_point
) -> None:
    update_meeting(actor=skopje_focal_point, meeting=meeting, expected_version=1, agenda="Counts")

    response = focal_client.post(
        f"/meetings/{meeting.slug}/edit/", meeting_form(meeting, version="1", agenda="Registration")
    )

    page = response.content.decode()
    meeting.refresh_from_db()
    assert "saved this record while you were editing it" in page
    assert "Registration" in page and "Counts" in page
    assert (meeting.agenda, meeting.version) == ("Counts", 2)


@pytest.mark.django_db
def test_a_meeting_edit_shows_its_errors_at_the_field(focal_client, meeting) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        f"/meetings/{meeting.slug}/edit/", meeting_form(meeting, date="the week after", recurrence="daily")
    )

    page = response.content.decode()
    assert page.count('class="field has-error"') == 2
    assert "is not a date Corridor reads" in page and "Select a valid choice" in page
    assert Meeting.objects.get(pk=meeting.pk).version == 1


@pytest.mark.django_db
def test_an_action_point_is_added_from_the_meeting(focal_client, meeting) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        f"/meetings/{meeting.slug}/action-points/new/",
        {
            "text": "Open a second registration line",
            "responsible": "unhcr",
            "due": "2016-03-14",
            "status": "open",
        },
    )

    added = meeting.action_points.get(text="Open a second registration line")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.slug}/"
    assert (added.responsible.slug, added.date_text, added.position) == ("unhcr", "14 March 2016", 1)


@pytest.mark.django_db
def test_an_action_point_gets_a_new_owner_due_date_and_status(focal_client, point) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        f"/action-points/{point.uid}/edit/",
        point_form(point, responsible="unhcr", due="late 2016-03", status="dropped"),
    )

    point.refresh_from_db()
    assert response.status_code == 302
    assert (point.responsible.slug, point.date_text, point.status, point.version) == (
        "unhcr",
        "late March 2016",
        "dropped",
        2,
    )


@pytest.mark.django_db
def test_an_action_point_form_shows_its_errors_at_the_field(focal_client, point) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(f"/action-points/{point.uid}/edit/", point_form(point, text="", due="soon"))

    page = response.content.decode()
    assert page.count('class="field has-error"') == 2
    assert ActionPoint.objects.get(pk=point.pk).version == 1


@pytest.mark.django_db
def test_a_stale_action_point_edit_shows_both_versions_and_changes_nothing(  # type: ignore[no-untyped-def]
    focal_client, point, skopje_focal_point
) -> None:
    update_action_point(
        actor=skopje_focal_point, action_point=point, expected_version=1, text="Send counts daily"
    )

    response = focal_client.post(
        f"/action-points/{point.uid}/edit/", point_form(point, version="1", text="Send counts weekly")
    )

    page = response.content.decode()
    point.refresh_from_db()
    assert "saved this record while you were editing it" in page
    assert "Send counts weekly" in page and "Send counts daily" in page
    assert (point.text, point.version) == ("Send counts daily", 2)


@pytest.mark.django_db
def test_an_action_point_is_closed_from_the_meeting_page(focal_client, meeting, point) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(f"/action-points/{point.uid}/close/", {"version": "1"})

    point.refresh_from_db()
    page = focal_client.get(response["Location"]).content.decode()
    assert response["Location"] == f"/meetings/{meeting.slug}/"
    assert (point.status, point.version) == ("done", 2)
    assert "Action point closed." in page and f"/action-points/{point.uid}/close/" not in page


@pytest.mark.django_db
def test_closing_a_point_someone_dropped_first_says_so_and_changes_nothing(  # type: ignore[no-untyped-def]
    focal_client, point, skopje_focal_point
) -> None:
    set_action_point_status(
        actor=skopje_focal_point, action_point=point, status="dropped", expected_version=1
    )

    response = focal_client.post(f"/action-points/{point.uid}/close/", {"version": "1"})

    page = focal_client.get(response["Location"]).content.decode()
    point.refresh_from_db()
    assert response.status_code == 302 and "status after you opened the page" in page
    assert "now “Dropped”" in page
    assert (point.status, point.version) == ("dropped", 2)


@pytest.mark.django_db
def test_closing_a_point_someone_reworded_first_closes_it_and_keeps_their_words(  # type: ignore[no-untyped-def]
    focal_client, point, skopje_focal_point
) -> None:
    update_action_point(actor=skopje_focal_point, action_point=point, expected_version=1, text="Call UNHCR")

    focal_client.post(f"/action-points/{point.uid}/close/", {"version": "1"})

    point.refresh_from_db()
    assert (point.text, point.status, point.version) == ("Call UNHCR", "done", 3)


@pytest.mark.django_db
def test_closing_asks_first_and_only_a_post_closes(focal_client, point) -> None:  # type: ignore[no-untyped-def]
    asked = focal_client.get(f"/action-points/{point.uid}/close/")

    assert asked.status_code == 200 and "Close this action point?" in asked.content.decode()
    assert ActionPoint.objects.get(pk=point.pk).status == "open"


@pytest.mark.django_db
def test_a_meeting_recorded_in_the_form_keeps_its_place(focal_client) -> None:  # type: ignore[no-untyped-def]
    focal_client.post(
        "/meetings/new/",
        {
            "owner": "osce-mission-to-skopje",
            "title": "Border coordination at Tabanovce",
            "date": "2016-03-02",
            "place": "tabanovce",
            "recurrence": "once",
            "classification": "internal",
            "points-TOTAL_FORMS": "0",
            "points-INITIAL_FORMS": "0",
        },
    )

    recorded = Meeting.objects.get(title="Border coordination at Tabanovce")
    assert recorded.place is not None and recorded.place.slug == "tabanovce"
