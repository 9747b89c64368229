"""Readers for the timeline."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.timeline.models import Event

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def events_visible_to(user: Reader) -> QuerySet[Event]:
    return restrict(Event.objects.all(), user)


def get_event_for_user(user: Reader, *, slug: str) -> Event:
    return get_visible(Event.objects.all(), user, slug=slug)


def events_overlapping(user: Reader, *, start: date, end: date) -> QuerySet[Event]:
    """Events whose span touches [start, end]: an 'early 2015' event overlaps March 2015."""
    return events_visible_to(user).filter(date_start__lte=end, date_end__gte=start)
