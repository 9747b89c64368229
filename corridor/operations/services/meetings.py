"""Writers for coordination meetings: decisions, action points, and the meeting's timeline entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.services import (
    apply_changes,
    check_version,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.operations.choices import ActionPointStatus, Recurrence
from corridor.operations.models import (
    ActionPoint,
    Meeting,
    MeetingDecision,
)
from corridor.timeline.services import sync_meeting_entry

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Place


@dataclass(frozen=True, slots=True)
class ActionPointInput:
    text: str
    responsible: Organisation | None = None
    due: DateSpan | None = None
    status: str = ActionPointStatus.OPEN


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
    classification: str = Classification.INTERNAL,
    note: str = "",
) -> Meeting:
    """Record a coordination meeting with its decisions and action points, and put it on the timeline."""
    require_can_write(actor, owner_id=owner.pk)
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
    return meeting


@transaction.atomic
def open_action_point(*, actor: Reader, meeting: Meeting, item: ActionPointInput) -> ActionPoint:
    """Add an action point to a meeting."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_can_change(actor, meeting)
    position = meeting.action_points.count()
    return _save_action_point(actor, meeting, item, position)


@transaction.atomic
def set_action_point_status(
    *, actor: Reader, action_point: ActionPoint, status: str, expected_version: int | None
) -> ActionPoint:
    """Mark an action point done, dropped or open again."""
    action_point = ActionPoint.objects.select_for_update().select_related("meeting").get(pk=action_point.pk)
    require_can_change(actor, action_point.meeting)
    check_version(action_point, expected_version)
    if action_point.status != status:
        action_point.status = status
        action_point.version += 1
        save_attributed(validated(action_point), actor=actor, reason=f"status: {status}")
    return action_point


def _save_action_point(actor: Reader, meeting: Meeting, item: ActionPointInput, index: int) -> ActionPoint:
    point = ActionPoint(
        meeting=meeting, text=item.text, responsible=item.responsible, status=item.status, position=index
    )
    point.span = item.due
    return save_attributed(
        validated(point, prefix=f"action_points.{index}.", exclude=["meeting"]), actor=actor
    )


MEETING_LINKS = ("participants",)


@transaction.atomic
def update_meeting(
    *, actor: Reader, meeting: Meeting, expected_version: int | None, **changes: Any
) -> Meeting:
    """Change a meeting (fields, participants, decisions); its timeline entry follows.

    `decisions` (texts, in order) replaces the decisions when it differs from them; action points are
    changed one by one (`open_action_point`, `update_action_point`), each with its own version.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_can_change(actor, meeting)
    check_version(meeting, expected_version)
    links = {name: changes.pop(name) for name in MEETING_LINKS if name in changes}
    decisions = changes.pop("decisions", None)
    if "span" in changes:
        span: DateSpan = changes.pop("span")
        changes.update(date_start=span.start, date_end=span.end, date_precision=span.precision)
    changed = apply_changes(meeting, changes)
    changed += [name for name, targets in links.items() if set(getattr(meeting, name).all()) != set(targets)]
    if decisions is not None and _decision_texts(meeting) != list(decisions):
        changed.append("decisions")
    if changed:
        meeting.version += 1
        save_attributed(validated(meeting), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
        for name, targets in links.items():
            getattr(meeting, name).set(targets)
        if "decisions" in changed:
            _replace_decisions(actor, meeting, decisions or ())
        sync_meeting_entry(actor=actor, meeting=meeting)
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

    Those who may change its meeting may change it; the meeting's version does not move.
    """
    unknown = sorted(set(changes) - ACTION_POINT_FIELDS)
    if unknown:
        raise ValidationFailed({name: ["not a field of an action point"] for name in unknown})
    action_point = ActionPoint.objects.select_for_update().select_related("meeting").get(pk=action_point.pk)
    require_can_change(actor, action_point.meeting)
    check_version(action_point, expected_version)
    if "due" in changes:
        due: DateSpan | None = changes.pop("due")
        changes.update(
            date_start=due.start if due else None,
            date_end=due.end if due else None,
            date_precision=due.precision if due else "",
        )
    changed = apply_changes(action_point, changes)
    if changed:
        action_point.version += 1
        named = sorted({"due" if name.startswith("date_") else name for name in changed})
        reason = f"changed: {', '.join(named)}"
        save_attributed(validated(action_point, exclude=["meeting"]), actor=actor, reason=reason)
    return action_point
