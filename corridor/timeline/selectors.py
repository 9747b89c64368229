"""Readers for the timeline."""

from datetime import date

from django.db.models import QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.timeline.models import Event


def events_visible_to(user: object) -> QuerySet[Event]:
    return restrict(Event.objects.all(), user)


def get_event_for_user(user: object, *, slug: str) -> Event:
    return get_visible(Event.objects.all(), user, slug=slug)


def events_overlapping(user: object, *, start: date, end: date) -> QuerySet[Event]:
    """Events whose span touches [start, end]: an 'early 2015' event overlaps March 2015."""
    return events_visible_to(user).filter(date_start__lte=end, date_end__gte=start)
