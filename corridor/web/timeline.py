"""The one timeline: events filtered by kind, operation, place and date range (an htmx partial)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.actors.selectors import field_operations_visible_to
from corridor.geo.selectors import visible_places
from corridor.timeline.choices import EventKind
from corridor.timeline.selectors import EventFilters, events_matching
from corridor.web.filtering import period


def timeline_context(request: HttpRequest, *, limit: int = 200) -> dict[str, Any]:
    """Events the reader may see, filtered by the query string as the events page filters them (the same
    `EventFilters`: a place includes the places within it, a country its sites); dates take the grammar."""
    params = request.GET
    errors: dict[str, str] = {}
    start, end = period(params, errors)
    kind = params.get("kind", "")
    filters = EventFilters(
        kind=kind if kind in EventKind.values else "",
        operation=params.get("operation", "").strip(),
        place=params.get("place", "").strip(),
        start=start,
        end=end,
    )
    events = events_matching(request.user, filters).prefetch_related(visible_places(request.user), "actors")
    shown = list(events.distinct().order_by("-date_start", "-id")[:limit])
    return {
        "events": shown,
        "event_kinds": EventKind.choices,
        "operations": field_operations_visible_to(request.user),
        "filters": {name: params.get(name, "") for name in ("from", "to", "kind", "operation", "place")},
        "filter_errors": errors,
        "limit": limit,
        "today": date.today(),
    }


def timeline(request: HttpRequest) -> HttpResponse:
    """The full timeline page, or just its list when htmx asks for it."""
    context = timeline_context(request)
    template = "web/partials/timeline_list.html" if request.htmx else "web/timeline.html"  # type: ignore[attr-defined]
    return render(request, template, context)
