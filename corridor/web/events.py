"""Events: the list with filters, an event's page, and the forms that record and edit one.

An event that is the timeline entry of a monitoring visit or a meeting follows that record, so its page
offers the visit's or the meeting's form instead of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.accounts.access import can_edit
from corridor.actors.selectors import field_operations_visible_to, organisations_visible_to
from corridor.core.citations import citations_of
from corridor.core.dates import DateSpan, DateSpanError
from corridor.core.exceptions import NotFound
from corridor.geo.selectors import list_countries, places_visible_to
from corridor.knowledge.selectors import documents_visible_to
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.selectors import activities_related_to_event, meetings_visible_to
from corridor.reports.choices import OutputFormat
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event
from corridor.timeline.selectors import EventFilters, events_matching, get_event_for_user
from corridor.timeline.services import record_event, update_event
from corridor.web.editing import (
    as_text,
    event_places,
    organisations_user_records_for,
    posted,
    submitted,
    submitted_change,
    with_hidden,
)
from corridor.web.forms import EventForm

PAGE_SIZE = 50
FILTERS = ("q", "kind", "operation", "place", "from", "to")
EVENT_FIELDS = ("kind", "title", "date", "places", "actors", "description", "classification")
SEVERAL = ("places", "actors")
DATE_ALIASES = {"date_start": "date", "date_end": "date", "date_precision": "date"}
DATE_FILTER_HELP = "Use a date such as 2015-11-20, 2015-11 or 2016."


def _filters(params: Any) -> tuple[EventFilters, dict[str, str]]:
    """The filters from the query string, and an error per date filter that could not be read."""
    errors: dict[str, str] = {}
    bounds: dict[str, DateSpan | None] = {}
    for name in ("from", "to"):
        text = params.get(name, "").strip()
        try:
            bounds[name] = DateSpan.parse(text) if text else None
        except DateSpanError:
            bounds[name], errors[name] = None, DATE_FILTER_HELP
    start, end = bounds["from"], bounds["to"]
    kind = params.get("kind", "")
    return (
        EventFilters(
            kind=kind if kind in EventKind.values else "",
            operation=params.get("operation", "").strip(),
            place=params.get("place", "").strip().lower(),
            start=start.start if start else None,
            end=end.end if end else None,
            text=params.get("q", "")[:200],
        ),
        errors,
    )


def events(request: HttpRequest) -> HttpResponse:
    """Every event the reader may see, filtered by text, kind, operation, place and date range."""
    filters, errors = _filters(request.GET)
    places = places_visible_to(request.user).select_related("country").prefetch_related("country__names")
    countries = list_countries().prefetch_related("names")
    found = (
        events_matching(request.user, filters)
        .prefetch_related(
            Prefetch("places", places.order_by("name")), Prefetch("countries", countries.order_by("code"))
        )
        .order_by("-date_start", "-id")
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/events.html",
        {
            "page": page,
            "event_kinds": EventKind.choices,
            "operations": field_operations_visible_to(request.user),
            "filters": {name: request.GET.get(name, "") for name in FILTERS},
            "filter_errors": errors,
        },
    )


def _readable_event(request: HttpRequest, slug: str) -> Event:
    try:
        return get_event_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such event") from None


def _edit_url(event: Event) -> str:
    """Where the event is changed: its visit's or meeting's form when it is their timeline entry."""
    if event.visit_id:
        return reverse("web:visit_edit", args=[event.visit.slug])  # type: ignore[union-attr]
    if event.meeting_id:
        return reverse("web:meeting_edit", args=[event.meeting.slug])  # type: ignore[union-attr]
    return reverse("web:event_edit", args=[event.slug])


def event(request: HttpRequest, slug: str) -> HttpResponse:
    """What happened, when, where, who; its sources; the visit or meeting it records; related activities."""
    user = request.user
    found = _readable_event(request, slug)
    visit = visits_visible_to(user).filter(pk=found.visit_id).first() if found.visit_id else None
    meeting = meetings_visible_to(user).filter(pk=found.meeting_id).first() if found.meeting_id else None
    context = {
        "event": found,
        "places": places_visible_to(user)
        .filter(events=found)
        .select_related("country")
        .prefetch_related("country__names")
        .order_by("name"),
        "countries": found.countries.prefetch_related("names").order_by("code"),
        "actors": organisations_visible_to(user).filter(events=found).order_by("name"),
        "documents": documents_visible_to(user).filter(events=found).order_by("symbol", "title"),
        "citations": citations_of(found),
        "visit": visit,
        "meeting": meeting,
        "activities": activities_related_to_event(user, found),
        "can_change": can_edit(user, owner_id=found.owner_id),
        "edit_url": _edit_url(found),
        "report_formats": OutputFormat.choices,
    }
    return render(request, "web/event.html", context)


def _event_fields(event: Event) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "title": event.title,
        "date": event.span.code,
        "places": [place.slug for place in event.places.all()],
        "actors": [organisation.slug for organisation in event.actors.all()],
        "description": event.description,
        "classification": event.classification,
        "version": event.version,
    }


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an event from the version the user started from; show both versions if someone saved first."""
    user = request.user
    found = _readable_event(request, slug)
    if found.visit_id or found.meeting_id:
        messages.info(request, "This timeline entry follows its record: change it here.")
        return redirect(_edit_url(found))
    if not can_edit(user, owner_id=found.owner_id):
        raise PermissionDenied("only editors of the owning organisation change this event")
    visible_places, organisations = event_places(user), organisations_visible_to(user)
    form = EventForm(
        request.POST or None, initial=_event_fields(found), places=visible_places, organisations=organisations
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def saved() -> tuple[dict[str, Any], int]:
            found.refresh_from_db()
            fields = _event_fields(found)
            return {name: as_text(fields[name]) for name in EVENT_FIELDS}, found.version

        changed, conflict = submitted_change(
            form,
            lambda: update_event(
                actor=user,
                event=found,
                expected_version=data["version"],
                kind=data["kind"],
                title=data["title"],
                span=data["date"],
                places=with_hidden(data["places"], found.places.all(), visible_places),
                actors=with_hidden(data["actors"], found.actors.all(), organisations),
                description=data["description"],
                classification=data["classification"],
            ),
            mine=posted(request.POST, EVENT_FIELDS, several=SEVERAL),
            saved=saved,
            aliases=DATE_ALIASES,
        )
        if changed is not None:
            messages.success(request, "Event saved.")
            return redirect("web:event", found.slug)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "conflict": conflict,
            "title": f"Edit “{found.title}”",
            "cancel_url": reverse("web:event", args=[found.slug]),
        },
    )


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(
        request.POST or None,
        owners=organisations_user_records_for(request.user),
        places=event_places(request.user),
        organisations=organisations_visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        event = submitted(
            form,
            lambda: record_event(
                actor=request.user,
                owner=data["owner"],
                kind=data["kind"],
                title=data["title"],
                span=data["date"],
                description=data["description"],
                places=list(data["places"]),
                actors=list(data["actors"]),
                classification=data["classification"],
            ),
            refused_field="owner",
            aliases={"date_start": "date", "date_end": "date"},
        )
        if event is not None:
            messages.success(request, "Event recorded on the timeline.")
            return redirect("web:event", event.slug)
    return render(request, "web/form.html", {"form": form, "title": "Record an event"})
