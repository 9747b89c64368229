"""The one timeline: events filtered by kind, operation, place and date range (an htmx partial)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.actors.selectors import field_operations_visible_to
from corridor.core.dates import DateSpan, DateSpanError
from corridor.geo.selectors import visible_places
from corridor.timeline.choices import EventKind
from corridor.timeline.selectors import events_visible_to


def _span(text: str) -> DateSpan | None:
    try:
        return DateSpan.parse(text) if text.strip() else None
    except DateSpanError:
        return None


def timeline_context(request: HttpRequest, *, limit: int = 200) -> dict[str, Any]:
    """Events the reader may see, filtered by the query string; dates accept the usual grammar."""
    params = request.GET
    events = events_visible_to(request.user).prefetch_related(visible_places(request.user), "actors")
    errors = {}
    start, end = _span(params.get("from", "")), _span(params.get("to", ""))
    for name, parsed in (("from", start), ("to", end)):
        if params.get(name, "").strip() and parsed is None:
            errors[name] = "Use a date such as 2015-11-20, 2015-11 or 2016."
    if start:
        events = events.filter(date_end__gte=start.start)
    if end:
        events = events.filter(date_start__lte=end.end)
    if params.get("kind") in EventKind.values:
        events = events.filter(kind=params["kind"])
    if params.get("operation"):
        events = events.filter(actors__slug=params["operation"])
    if params.get("place"):
        events = events.filter(places__slug=params["place"])
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
