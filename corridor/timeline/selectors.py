"""Readers for the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.actors.selectors import organisations_visible_to
from corridor.geo.selectors import places_within
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


@dataclass(frozen=True, slots=True)
class EventFilters:
    """What a reader narrows the events to; empty values do not filter.

    `operation` is an actor's slug; `place` a place's slug, matching events there, at places within it (two
    levels down) and, for a country, anywhere in that country; `start`/`end` keep events whose span touches
    the period; `text` is looked for in the title and the description.
    """

    kind: str = ""
    operation: str = ""
    place: str = ""
    start: date | None = None
    end: date | None = None
    text: str = ""


def events_matching(
    user: Reader, filters: EventFilters, base: QuerySet[Event] | None = None
) -> QuerySet[Event]:
    """The visible events (`base`, as the caller reads them) that pass every filter, one row per event
    (links are matched in subqueries). The events page, the timeline and the API all filter through it."""
    events = events_visible_to(user) if base is None else base
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.start:
        events = events.filter(date_end__gte=filters.start)
    if filters.end:
        events = events.filter(date_start__lte=filters.end)
    if filters.operation:
        actors = organisations_visible_to(user).filter(slug=filters.operation)
        events = events.filter(pk__in=Event.objects.filter(actors__in=actors).values("pk"))
    if filters.place:
        events = events.filter(
            pk__in=Event.objects.filter(places__in=places_within(user, filters.place).values("pk")).values(
                "pk"
            )
        )
    text = filters.text.strip()
    if text:
        events = events.filter(Q(title__icontains=text) | Q(description__icontains=text))
    return events
