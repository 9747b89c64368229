"""Readers for activities, trainings, meetings and action points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.operations.models import ActionPoint, Activity, Meeting, Training

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


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
