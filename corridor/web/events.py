"""Events: the list with filters, an event's page, and the forms that record and edit one.

An event that is the timeline entry of a monitoring visit or a meeting follows that record, so its page
offers the visit's or the meeting's form instead of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.accounts.access import may_change
from corridor.accounts.choices import RecordKind
from corridor.actors.models import Organisation
from corridor.actors.selectors import field_operations_visible_to, organisations_visible_to
from corridor.core.choices import Classification
from corridor.core.citations import citations_of
from corridor.core.dates import DateSpan
from corridor.core.exceptions import NotFound
from corridor.geo.models import Place
from corridor.geo.selectors import list_countries, places_visible_to
from corridor.knowledge.selectors import documents_visible_to
from corridor.monitoring.selectors import visits_visible_to
from corridor.operations.selectors import activities_related_to_event, meetings_visible_to
from corridor.reports.choices import OutputFormat
from corridor.timeline.choices import EventKind
from corridor.timeline.models import Event
from corridor.timeline.selectors import EventFilters, events_matching, get_event_for_user
from corridor.timeline.services import record_event, update_event
from corridor.timeline.versions import EVENTS
from corridor.web.edit_flow import describe_choice, describe_names, edit_page, require_may_change
from corridor.web.editing import (
    event_places,
    organisations_user_records_for,
    require_may_record,
    slugs_of,
    submitted,
    with_hidden,
)
from corridor.web.filtering import period
from corridor.web.forms import EventForm, offer_classification
from corridor.web.history import history_context, restore_page

PAGE_SIZE = 50
FILTERS = ("q", "kind", "operation", "place", "from", "to")
EVENT_FIELDS = ("kind", "title", "date", "places", "actors", "description", "classification")
SEVERAL = ("places", "actors")
DATE_ALIASES = {"date_start": "date", "date_end": "date", "date_precision": "date"}


def _filters(params: Any) -> tuple[EventFilters, dict[str, str]]:
    """The filters from the query string (the API's names too: `actor`, `start`, `end`), and an error per
    date that could not be read."""
    errors: dict[str, str] = {}
    start, end = period(params, errors)
    return (
        EventFilters(
            kind=params.get("kind", "").strip(),
            operation=(params.get("operation") or params.get("actor") or "").strip(),
            place=params.get("place", "").strip(),
            start=start,
            end=end,
            text=(params.get("q") or params.get("text") or "")[:200],
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
        "can_change": may_change(user, classification=found.classification, owner_id=found.owner_id),
        "edit_url": _edit_url(found),
        "report_formats": OutputFormat.choices,
        "history": None
        if found.visit_id or found.meeting_id
        else history_context(request, EventEditing(), found),
    }
    return render(request, "web/event.html", context)


class EventEditing:
    """How an event's state fills its form and comes back as changes (see `edit_flow`)."""

    kind = EVENTS
    noun = "event"

    def form(self, request: HttpRequest, record: Event, data: Any, initial: dict[str, Any]) -> EventForm:
        form = EventForm(
            data,
            initial=initial,
            places=event_places(request.user),
            organisations=organisations_visible_to(request.user),
        )
        offer_classification(
            form,
            user=request.user,
            owners=[record.owner],
            kind=RecordKind.EVENT,
            current=record.classification,
        )
        return form

    def formsets(self, request: HttpRequest, data: Any, rows: dict[str, Any]) -> list[tuple[str, Any]]:
        return []

    def initial(self, request: HttpRequest, state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        return {
            "kind": state["kind"],
            "title": state["title"],
            "date": state["date"],
            "places": slugs_of(Place, state["places"]),
            "actors": slugs_of(Organisation, state["actors"]),
            "description": state["description"],
            "classification": state["classification"],
        }, {}

    def changes(self, request: HttpRequest, record: Event, form: Any, formsets: Any) -> dict[str, Any]:
        data = form.cleaned_data
        user = request.user
        return {
            "kind": data["kind"],
            "title": data["title"],
            "span": data["date"],
            "places": with_hidden(data["places"], record.places.all(), event_places(user)),
            "actors": with_hidden(data["actors"], record.actors.all(), organisations_visible_to(user)),
            "description": data["description"],
            "classification": data["classification"],
        }

    def save(
        self, request: HttpRequest, record: Event, version: int | None, changes: dict[str, Any]
    ) -> Event:
        return update_event(actor=request.user, event=record, expected_version=version, **changes)

    def describe(self, request: HttpRequest, part: str, value: Any) -> str:
        if part == "places":
            return describe_names(Place, request, value)
        if part == "actors":
            return describe_names(Organisation, request, value)
        if part == "kind":
            return describe_choice(EventKind.choices, value)
        if part == "classification":
            return describe_choice(Classification.choices, value)
        if part == "date" and value:
            return DateSpan.parse(value).text()
        return str(value) if value not in (None, "", []) else "—"

    def done(self, record: Event) -> HttpResponse:
        return redirect("web:event", record.slug)

    def title(self, record: Event) -> str:
        return f"Edit “{record.title}”"

    def cancel_url(self, record: Event) -> str:
        return reverse("web:event", args=[record.slug])


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change an event from the version the user started from; a save made meanwhile is merged."""
    found = _readable_event(request, slug)
    if found.visit_id or found.meeting_id:
        messages.info(request, "This timeline entry follows its record: change it here.")
        return redirect(_edit_url(found))
    require_may_change(request, found, owner=found.owner, noun="event")
    return edit_page(request, EventEditing(), found)


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    require_may_record(request)
    owners = organisations_user_records_for(request.user)
    form = EventForm(
        request.POST or None,
        owners=owners,
        places=event_places(request.user),
        organisations=organisations_visible_to(request.user),
    )
    offer_classification(form, user=request.user, owners=owners, kind=RecordKind.EVENT)
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


@login_required
def event_restore(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """Restore an earlier version of an event as a new version."""
    found = _readable_event(request, slug)
    if found.visit_id or found.meeting_id:
        raise Http404("this timeline entry follows its record")
    return restore_page(request, EventEditing(), found, version)
