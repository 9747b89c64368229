"""Writers for coordination meetings: decisions, action points, and the meeting's timeline entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import (
    new_record_classification,
    require_may_reclassify,
    require_public_references,
)
from corridor.accounts.choices import RecordKind
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.merge import changed_parts
from corridor.core.services import (
    apply_changes,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.core.versions import reconcile, save_snapshot
from corridor.operations.choices import Recurrence
from corridor.operations.models import (
    ActionPoint,
    Meeting,
    MeetingDecision,
)
from corridor.operations.versions import ACTION_POINTS, MEETINGS, ActionPointInput
from corridor.timeline.services import sync_meeting_entry

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Place


@transaction.atomic
def record_meeting(
    *,
    actor: Reader,
    owner: Organisation,
    title: str,
    span: DateSpan,
    convenor: Organisation | None = None,
    participants: Sequence[Organisation] = (),
    recurrence: str = Recurrence.ONCE,
    place: Place | None = None,
    agenda: str = "",
    decisions: Sequence[str] = (),
    action_points: Sequence[ActionPointInput] = (),
    classification: str | None = None,
    note: str = "",
) -> Meeting:
    """Record a coordination meeting with its decisions and action points, and put it on the timeline.

    `classification` None takes the owner's default for meetings.
    """
    require_can_write(actor, owner_id=owner.pk)
    classification = new_record_classification(
        actor, owner_id=owner.pk, kind=RecordKind.MEETING, chosen=classification
    )
    require_public_references(
        classification,
        [("convenor", convenor), ("place", place)]
        + [(f"participants.{index}", target) for index, target in enumerate(participants)]
        + [
            (f"action_points.{index}.responsible", item.responsible)
            for index, item in enumerate(action_points)
        ],
    )
    meeting = Meeting(
        slug=new_slug(Meeting, title, max_length=120),
        title=title,
        convenor=convenor,
        recurrence=recurrence,
        place=place,
        agenda=agenda,
        owner=owner,
        classification=classification,
        note=note,
    )
    meeting.span = span
    save_attributed(validated(meeting), actor=actor, reason="recorded")
    meeting.participants.set(participants)
    for index, text in enumerate(decisions):
        decision = MeetingDecision(meeting=meeting, text=text, position=index)
        save_attributed(validated(decision, prefix=f"decisions.{index}.", exclude=["meeting"]), actor=actor)
    for index, item in enumerate(action_points):
        _save_action_point(actor, meeting, item, index)
    sync_meeting_entry(actor=actor, meeting=meeting)
    save_snapshot(MEETINGS, meeting, actor=actor, reason="recorded")
    return meeting


@transaction.atomic
def open_action_point(*, actor: Reader, meeting: Meeting, item: ActionPointInput) -> ActionPoint:
    """Add an action point to a meeting."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_can_change(actor, meeting)
    require_public_references(meeting.classification, [("responsible", item.responsible)])
    position = meeting.action_points.count()
    return _save_action_point(actor, meeting, item, position)


@transaction.atomic
def set_action_point_status(
    *, actor: Reader, action_point: ActionPoint, status: str, expected_version: int | None
) -> ActionPoint:
    """Mark an action point done, dropped or open again."""
    return update_action_point(
        actor=actor, action_point=action_point, expected_version=expected_version, status=status
    )


def _save_action_point(actor: Reader, meeting: Meeting, item: ActionPointInput, index: int) -> ActionPoint:
    point = ActionPoint(
        meeting=meeting, text=item.text, responsible=item.responsible, status=item.status, position=index
    )
    point.span = item.due
    save_attributed(validated(point, prefix=f"action_points.{index}.", exclude=["meeting"]), actor=actor)
    save_snapshot(ACTION_POINTS, point, actor=actor, reason="recorded")
    return point


MEETING_LINKS = ("participants",)


@transaction.atomic
def update_meeting(
    *, actor: Reader, meeting: Meeting, expected_version: int | None, **changes: Any
) -> Meeting:
    """Change a meeting (fields, participants, decisions); its timeline entry follows.

    `decisions` (texts, in order) replaces the decisions when it differs from them; action points are
    changed one by one (`open_action_point`, `update_action_point`), each with its own version. An edit
    made from an older version is merged with what was saved since (`core.versions.reconcile`).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_can_change(actor, meeting)
    reconciled = reconcile(MEETINGS, meeting, expected_version, changes)
    before = MEETINGS.state_of(meeting)
    wanted = MEETINGS.state_with(before, reconciled.changes)
    changed = changed_parts(MEETINGS.shape, before, wanted)
    meeting.reconciled = reconciled  # type: ignore[attr-defined]
    if not changed:
        return meeting
    changes = MEETINGS.changes_to(before, wanted)
    if "classification" in changes:
        require_may_reclassify(
            actor, owner_id=meeting.owner_id, old=meeting.classification, new=changes["classification"]
        )
    participants = changes.pop("participants", None)
    decisions = changes.pop("decisions", None)
    if "span" in changes:
        moved: DateSpan = changes.pop("span")
        changes.update(date_start=moved.start, date_end=moved.end, date_precision=moved.precision)
    current = list(meeting.participants.all())
    named_before = {"place": meeting.place, "convenor": meeting.convenor}
    apply_changes(meeting, changes)
    reclassified = "classification" in changed
    require_public_references(
        meeting.classification,
        [
            (name, getattr(meeting, name))
            for name in ("place", "convenor")
            if reclassified or getattr(meeting, name) != named_before[name]
        ]
        + [
            (f"participants.{index}", target)
            for index, target in enumerate(participants if participants is not None else current)
            if reclassified or target not in current
        ],
    )
    meeting.version += 1
    save_attributed(validated(meeting), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    if participants is not None:
        meeting.participants.set(participants)
    if decisions is not None:
        _replace_decisions(actor, meeting, decisions)
    sync_meeting_entry(actor=actor, meeting=meeting)
    save_snapshot(MEETINGS, meeting, actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    return meeting


def _decision_texts(meeting: Meeting) -> list[str]:
    return list(meeting.decisions.order_by("position").values_list("text", flat=True))


def _replace_decisions(actor: Reader, meeting: Meeting, decisions: Sequence[str]) -> None:
    meeting.decisions.all().delete()
    for index, text in enumerate(decisions):
        decision = MeetingDecision(meeting=meeting, text=text, position=index)
        save_attributed(validated(decision, prefix=f"decisions.{index}.", exclude=["meeting"]), actor=actor)


ACTION_POINT_FIELDS = frozenset({"text", "responsible", "due", "status"})


@transaction.atomic
def update_action_point(
    *, actor: Reader, action_point: ActionPoint, expected_version: int | None, **changes: Any
) -> ActionPoint:
    """Change an action point's text, responsible organisation, due date (`due`, a span or None) or status.

    Those who may change its meeting may change it; the meeting's version does not move. An edit made from
    an older version is merged with what was saved since (`core.versions.reconcile`).
    """
    unknown = sorted(set(changes) - ACTION_POINT_FIELDS)
    if unknown:
        raise ValidationFailed({name: ["not a field of an action point"] for name in unknown})
    action_point = ActionPoint.objects.select_for_update().select_related("meeting").get(pk=action_point.pk)
    require_can_change(actor, action_point.meeting)
    reconciled = reconcile(ACTION_POINTS, action_point, expected_version, changes)
    before = ACTION_POINTS.state_of(action_point)
    wanted = ACTION_POINTS.state_with(before, reconciled.changes)
    changed = changed_parts(ACTION_POINTS.shape, before, wanted)
    action_point.reconciled = reconciled  # type: ignore[attr-defined]
    if not changed:
        return action_point
    changes = ACTION_POINTS.changes_to(before, wanted)
    if "due" in changes:
        due: DateSpan | None = changes.pop("due")
        action_point.span = due
    if "responsible" in changes:
        require_public_references(
            action_point.meeting.classification, [("responsible", changes["responsible"])]
        )
    apply_changes(action_point, changes)
    action_point.version += 1
    reason = f"changed: {', '.join(sorted(changed))}"
    save_attributed(validated(action_point, exclude=["meeting"]), actor=actor, reason=reason)
    save_snapshot(ACTION_POINTS, action_point, actor=actor, reason=reason)
    return action_point
