"""The spot report on one event: what, where, when, its context, and its sources (study 6.2: Horgoš).

Context is a window of `window_days` before the event starts and after it ends: daily counts in the
event's countries before and after, and the events, activities and visits there in that window.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from corridor.geo.selectors import list_countries, places_visible_to
from corridor.knowledge.selectors import documents_visible_to
from corridor.monitoring.models import MonitoringVisit
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.models import Activity
from corridor.reports.builders.collect import Names, Sources
from corridor.reports.builders.common import activities_overlapping, countries_of_events
from corridor.reports.builders.flows import build_flows
from corridor.reports.builders.lines import activity_lines, linked, timeline_entries, visit_lines
from corridor.reports.builders.maps import build_map
from corridor.reports.data.common import ActivityLine, Period, Statement, TimelineEntry, VisitLine
from corridor.reports.data.flows import Flows
from corridor.reports.data.kinds import FlowChange, SpotReport
from corridor.timeline.models import Event
from corridor.timeline.selectors import events_overlapping, get_event_for_user

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

RELATED = 30


def build_spot(reader: Reader, *, event: str, window_days: int = 14) -> SpotReport:
    """Build the spot report on event `event`, as `reader` may see it."""
    sources = Sources(names=Names.for_reader(reader))
    chosen = get_event_for_user(reader, slug=event)
    (entry,) = timeline_entries([chosen], sources)
    window = Period(
        chosen.date_start - timedelta(days=window_days), chosen.date_end + timedelta(days=window_days)
    )
    place_ids = linked(Event.places.through, "event_id", "place_id", [chosen.pk])[chosen.pk]
    country_ids = countries_of_events(reader, [chosen])[chosen.pk]
    places = list(places_visible_to(reader).filter(pk__in=place_ids).order_by("name"))
    codes = sorted(
        {place.country.code for place in places if place.country}
        | set(list_countries().filter(pk__in=country_ids).values_list("code", flat=True))
    )
    flows = build_flows(reader, sources, period=window, countries=codes)
    actor_ids = set(linked(Event.actors.through, "event_id", "organisation_id", [chosen.pk])[chosen.pk])
    return SpotReport(
        event=entry,
        event_kind=chosen.kind,
        places=tuple(
            Statement(
                text=f"{place.name} ({place.get_kind_display().lower()}"
                + (f", {place.country.name})" if place.country else ")"),
                refs=(sources.record(place, kind="place", title=place.name),),
            )
            for place in places
        ),
        documents=tuple(
            Statement(
                text=f"{document.symbol} {document.title}".strip(),
                refs=(
                    sources.record(
                        document, kind="document", title=document.title, date_text=document.date_text
                    ),
                ),
            )
            for document in documents_visible_to(reader).filter(events=chosen).order_by("date_start", "slug")
        ),
        window_days=window_days,
        context_period=window,
        flow_changes=_changes(flows, chosen.date_start, chosen.date_end),
        flows=flows,
        map=build_map(reader, sources, flows=flows, countries=codes, site_ids=[p.pk for p in places]),
        related_events=_related_events(
            reader, sources, chosen, window, set(place_ids), country_ids, actor_ids
        ),
        related_activities=_related_activities(
            reader, sources, window, set(place_ids), country_ids, actor_ids
        ),
        related_visits=_related_visits(reader, sources, window, set(place_ids), country_ids),
        refs=sources.refs(),
        classification=sources.highest_classification,
    )


def _changes(flows: Flows, start: date, end: date) -> tuple[FlowChange, ...]:
    """Per place and source, the counts in the window before the event and in the window after it."""
    changes = []
    for row, series in zip((row for row in flows.rows if not row.is_site), flows.series, strict=True):
        before = [p.value for p in series.points if p.day < start and p.value is not None]
        after = [p.value for p in series.points if p.day > end and p.value is not None]
        changes.append(
            FlowChange(
                place_slug=row.place_slug,
                place_name=row.place_name,
                source=row.source,
                before_total=sum(before),
                before_days=len(before),
                after_total=sum(after),
                after_days=len(after),
                ref=row.ref,
            )
        )
    return tuple(changes)


def _related_events(
    reader: Reader,
    sources: Sources,
    event: Event,
    window: Period,
    place_ids: set[int],
    country_ids: set[int],
    actor_ids: set[int],
) -> tuple[TimelineEntry, ...]:
    """Other events in the window at the same places or in the same countries, or with the same actors."""
    candidates = list(events_overlapping(reader, start=window.start, end=window.end).exclude(pk=event.pk))
    countries = countries_of_events(reader, candidates)
    ids = [e.pk for e in candidates]
    places = linked(Event.places.through, "event_id", "place_id", ids)
    actors = linked(Event.actors.through, "event_id", "organisation_id", ids)
    related = [
        e
        for e in candidates
        if place_ids & set(places[e.pk]) or country_ids & countries[e.pk] or actor_ids & set(actors[e.pk])
    ]
    related.sort(key=lambda e: (abs((e.date_start - event.date_start).days), e.slug))
    return timeline_entries(related[:RELATED], sources)


def _related_activities(
    reader: Reader,
    sources: Sources,
    window: Period,
    place_ids: set[int],
    country_ids: set[int],
    actor_ids: set[int],
) -> tuple[ActivityLine, ...]:
    """Activities overlapping the window at the event's places or in its countries, or led by its actors."""
    candidates = list(activities_overlapping(reader, window))
    ids = [a.pk for a in candidates]
    places = linked(Activity.places.through, "activity_id", "place_id", ids)
    countries = linked(Activity.countries.through, "activity_id", "country_id", ids)
    related = [
        a
        for a in candidates
        if place_ids & set(places[a.pk]) or country_ids & set(countries[a.pk]) or a.lead_id in actor_ids
    ]
    return activity_lines(related[:RELATED], sources)


def _related_visits(
    reader: Reader, sources: Sources, window: Period, place_ids: set[int], country_ids: set[int]
) -> tuple[VisitLine, ...]:
    """Monitoring visits overlapping the window to the event's places or to places in its countries."""
    visits = list(visits_visible_to(reader).filter(date_start__lte=window.end, date_end__gte=window.start))
    places = linked(MonitoringVisit.places.through, "monitoringvisit_id", "place_id", [v.pk for v in visits])
    country_of = dict(
        places_visible_to(reader)
        .filter(pk__in={pk for pks in places.values() for pk in pks})
        .values_list("pk", "country_id")
    )
    related = [
        v
        for v in visits
        if place_ids & set(places[v.pk]) or country_ids & {country_of.get(pk) for pk in places[v.pk]}
    ]
    return visit_lines(related[:RELATED], sources)
