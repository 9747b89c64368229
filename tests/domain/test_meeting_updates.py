"""Changing a meeting and its action points: versions, decisions, the timeline entry, who may."""

from __future__ import annotations

import pytest

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ConcurrentUpdate, NotFound, PermissionDenied, ValidationFailed
from corridor.operations.models import ActionPoint, Meeting
from corridor.operations.selectors import get_action_point_for_user, get_meeting_for_user
from corridor.operations.services import (
    ActionPointInput,
    record_meeting,
    update_action_point,
    update_meeting,
)
from corridor.timeline.models import Event


@pytest.fixture
def meeting(skopje_focal_point, skopje, unhcr) -> Meeting:  # type: ignore[no-untyped-def]
    return record_meeting(
        actor=skopje_focal_point,
        owner=skopje,
        title="Weekly coordination, Gevgelija",
        span=DateSpan.parse("2016-03-09"),
        convenor=unhcr,
        participants=[skopje, unhcr],
        decisions=["Share daily counts"],
        action_points=[ActionPointInput("Send Tabanovce counts", responsible=skopje)],
        classification="internal",
    )


@pytest.mark.django_db
def test_an_edited_meeting_gets_a_new_version_its_decisions_and_a_matching_timeline_entry(  # type: ignore[no-untyped-def]
    meeting, skopje_focal_point, skopje
) -> None:
    updated = update_meeting(
        actor=skopje_focal_point,
        meeting=meeting,
        expected_version=1,
        title="Weekly coordination, Gevgelija and Tabanovce",
        span=DateSpan.parse("2016-03-10"),
        participants=[skopje],
        decisions=["Share daily counts", "Meet again on Friday"],
    )

    entry = Event.objects.get(meeting=meeting)
    assert updated.version == 2
    assert list(updated.decisions.values_list("text", flat=True)) == [
        "Share daily counts",
        "Meet again on Friday",
    ]
    assert list(updated.participants.all()) == [skopje]
    assert (entry.title, entry.date_text) == ("Weekly coordination, Gevgelija and Tabanovce", "10 March 2016")
    assert "decisions" in updated.history.latest().history_change_reason


@pytest.mark.django_db
def test_a_meeting_edit_that_changes_nothing_keeps_the_version(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    updated = update_meeting(
        actor=skopje_focal_point,
        meeting=meeting,
        expected_version=1,
        title=meeting.title,
        decisions=["Share daily counts"],
    )

    assert updated.version == 1


@pytest.mark.django_db
def test_a_stale_meeting_edit_is_refused_and_changes_nothing(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    update_meeting(actor=skopje_focal_point, meeting=meeting, expected_version=1, agenda="Counts")

    with pytest.raises(ConcurrentUpdate):
        update_meeting(actor=skopje_focal_point, meeting=meeting, expected_version=1, agenda="Other")

    assert Meeting.objects.get(pk=meeting.pk).agenda == "Counts"


@pytest.mark.django_db
def test_an_editor_of_another_mission_may_not_change_the_meeting(meeting, make_user, serbia) -> None:  # type: ignore[no-untyped-def]
    serbian = make_user("serbia.ed", serbia, Role.EDITOR)

    with pytest.raises(PermissionDenied):
        update_meeting(actor=serbian, meeting=meeting, expected_version=1, title="Taken over")


@pytest.mark.django_db
def test_an_action_point_changes_owner_due_date_and_status_with_its_own_version(  # type: ignore[no-untyped-def]
    meeting, skopje_focal_point, unhcr
) -> None:
    point = meeting.action_points.get()

    updated = update_action_point(
        actor=skopje_focal_point,
        action_point=point,
        expected_version=1,
        responsible=unhcr,
        due=DateSpan.parse("late 2016-03"),
        status="done",
    )

    assert (updated.version, updated.responsible, updated.status) == (2, unhcr, "done")
    assert updated.date_text == "late March 2016"
    assert Meeting.objects.get(pk=meeting.pk).version == 1
    assert updated.history.latest().history_change_reason == "changed: due, responsible, status"


@pytest.mark.django_db
def test_an_action_point_due_date_can_be_cleared(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    point = meeting.action_points.get()
    update_action_point(
        actor=skopje_focal_point, action_point=point, expected_version=1, due=DateSpan.parse("2016-03-11")
    )

    cleared = update_action_point(actor=skopje_focal_point, action_point=point, expected_version=2, due=None)

    assert cleared.span is None and cleared.version == 3


@pytest.mark.django_db
def test_a_stale_change_of_another_field_is_merged_with_the_saved_one(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    point = meeting.action_points.get()
    update_action_point(actor=skopje_focal_point, action_point=point, expected_version=1, text="Send counts")

    merged = update_action_point(
        actor=skopje_focal_point, action_point=point, expected_version=1, status="dropped"
    )

    saved = ActionPoint.objects.get(pk=point.pk)
    assert (saved.text, saved.status, saved.version) == ("Send counts", "dropped", 3)
    assert merged.reconciled.parts_theirs_changed == ["text"]


@pytest.mark.django_db
def test_a_stale_change_of_the_same_field_is_refused_with_both_values(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    point = meeting.action_points.get()
    update_action_point(actor=skopje_focal_point, action_point=point, expected_version=1, text="Send counts")

    with pytest.raises(ConcurrentUpdate) as clash:
        update_action_point(
            actor=skopje_focal_point, action_point=point, expected_version=1, text="Call UNHCR"
        )

    assert ActionPoint.objects.get(pk=point.pk).text == "Send counts"
    [conflict] = clash.value.detail.conflicts
    assert (conflict.part, conflict.theirs, conflict.mine) == ("text", "Send counts", "Call UNHCR")


@pytest.mark.django_db
def test_an_action_point_refuses_a_field_it_does_not_have(meeting, skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    point = meeting.action_points.get()

    with pytest.raises(ValidationFailed) as refused:
        update_action_point(actor=skopje_focal_point, action_point=point, expected_version=1, meeting=None)

    assert "meeting" in refused.value.errors


@pytest.mark.django_db
def test_an_action_point_of_a_hidden_meeting_is_not_found(meeting, outsider) -> None:  # type: ignore[no-untyped-def]
    point = meeting.action_points.get()

    with pytest.raises(NotFound):
        get_action_point_for_user(outsider, uid=point.uid)
    with pytest.raises(NotFound):
        get_meeting_for_user(outsider, slug=meeting.slug)
    with pytest.raises(NotFound):
        update_action_point(actor=outsider, action_point=point, expected_version=1, status="done")
