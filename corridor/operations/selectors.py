"""Readers for activities, trainings, meetings and action points."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Q, QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.operations.models import ActionPoint, Activity, Meeting, MeetingDecision, Training

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.timeline.models import Event


def activities_visible_to(user: Reader) -> QuerySet[Activity]:
    return restrict(Activity.objects.select_related("lead"), user)


def get_activity_for_user(user: Reader, *, slug: str) -> Activity:
    return get_visible(Activity.objects.select_related("lead"), user, slug=slug)


def activities_by_category(user: Reader) -> dict[tuple[int, str], int]:
    """Count of visible activities per (lead organisation id, category): the engagement matrix."""
    rows = activities_visible_to(user).order_by().values("lead_id", "category").annotate(count=Count("id"))
    return {(row["lead_id"], row["category"]): row["count"] for row in rows}


def trainings_visible_to(user: Reader) -> QuerySet[Training]:
    return restrict(Training.objects.select_related("activity__lead"), user, via="activity__")


def meetings_visible_to(user: Reader) -> QuerySet[Meeting]:
    return restrict(Meeting.objects.select_related("convenor", "place"), user)


def action_points_visible_to(user: Reader) -> QuerySet[ActionPoint]:
    return restrict(ActionPoint.objects.select_related("meeting", "responsible"), user, via="meeting__")


def get_meeting_for_user(user: Reader, *, slug: str) -> Meeting:
    return get_visible(Meeting.objects.select_related("convenor", "place"), user, slug=slug)


def get_action_point_for_user(user: Reader, *, uid: UUID) -> ActionPoint:
    """One action point, read through its meeting: `NotFound` when the meeting is hidden from `user`."""
    return get_visible(
        ActionPoint.objects.select_related("meeting", "responsible"), user, via="meeting__", uid=uid
    )


def activities_related_to_event(user: Reader, event: Event, *, limit: int = 20) -> list[Activity]:
    """Visible activities whose dates touch the event's and that share a place with it or are led by one
    of its actors: what the field operations were doing there and then."""
    place_ids = list(event.places.values_list("pk", flat=True))
    actor_ids = list(event.actors.values_list("pk", flat=True))
    if not place_ids and not actor_ids:
        return []
    linked = Activity.objects.filter(Q(places__in=place_ids) | Q(lead__in=actor_ids)).values("pk")
    return list(
        activities_visible_to(user)
        .filter(pk__in=linked, date_start__lte=event.date_end, date_end__gte=event.date_start)
        .order_by("date_start", "id")[:limit]
    )


def action_points_for(user: Reader, organisation_ids: Collection[int]) -> QuerySet[ActionPoint]:
    """The open action points a member of `organisation_ids` follows: those their organisations are
    responsible for first, then the others of their organisations' meetings; each group by due date
    (undated last). Only points of meetings `user` may read."""
    from django.db.models import BooleanField, Case, F, Value, When

    return (
        action_points_visible_to(user)
        .filter(status="open")
        .filter(Q(responsible_id__in=organisation_ids) | Q(meeting__owner_id__in=organisation_ids))
        .annotate(
            theirs=Case(
                When(responsible_id__in=organisation_ids, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-theirs", F("date_end").asc(nulls_last=True), "meeting__date_start", "position")
    )


@dataclass(frozen=True)
class ActivityFilters:
    """What a reader narrows activities to: the lead operation's slug, a category, a place (as
    `places_within` reads it), a period the activity's span touches, words of its title or description."""

    operation: str = ""
    category: str = ""
    place: str = ""
    start: date | None = None
    end: date | None = None
    text: str = ""


def activities_matching(
    user: Reader, filters: ActivityFilters, base: QuerySet[Activity] | None = None
) -> QuerySet[Activity]:
    """The visible activities (`base`, as the caller reads them) that pass every filter, each once."""
    from corridor.actors.selectors import organisations_visible_to
    from corridor.geo.selectors import places_within

    found = activities_visible_to(user) if base is None else base
    if filters.operation:
        # By id (see `visits_matching`): a hidden or unknown operation matches nothing.
        named = organisations_visible_to(user).filter(slug=filters.operation).values_list("pk", flat=True)
        found = found.filter(lead_id=named.first())
    if filters.category:
        found = found.filter(category=filters.category)
    if filters.place:
        within = places_within(user, filters.place).values("pk")
        found = found.filter(pk__in=Activity.objects.filter(places__in=within).values("pk"))
    if filters.start:
        found = found.filter(date_end__gte=filters.start)
    if filters.end:
        found = found.filter(date_start__lte=filters.end)
    text = filters.text.strip()
    if text:
        found = found.filter(Q(title__icontains=text) | Q(description__icontains=text))
    return found


@dataclass(frozen=True)
class MeetingFilters:
    """What a reader narrows meetings to: the recording organisation's slug (or the convenor's), a place
    (as `places_within` reads it), a period, words of the title, agenda or decisions."""

    operation: str = ""
    place: str = ""
    start: date | None = None
    end: date | None = None
    text: str = ""


def meetings_matching(
    user: Reader, filters: MeetingFilters, base: QuerySet[Meeting] | None = None
) -> QuerySet[Meeting]:
    """The visible meetings (`base`, as the caller reads them) that pass every filter, each once."""
    from corridor.actors.selectors import organisations_visible_to
    from corridor.geo.selectors import places_within

    found = meetings_visible_to(user) if base is None else base
    if filters.operation:
        named = organisations_visible_to(user).filter(slug=filters.operation)
        found = found.filter(Q(owner__in=named) | Q(convenor__in=named))
    if filters.place:
        found = found.filter(place__in=places_within(user, filters.place))
    if filters.start:
        found = found.filter(date_end__gte=filters.start)
    if filters.end:
        found = found.filter(date_start__lte=filters.end)
    text = filters.text.strip()
    if text:
        decided = MeetingDecision.objects.filter(text__icontains=text).values("meeting_id")
        found = found.filter(Q(title__icontains=text) | Q(agenda__icontains=text) | Q(pk__in=decided))
    return found
