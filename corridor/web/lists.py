"""Lists with filters and detail pages for activities, visits and meetings (events: `events.py`)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from corridor.accounts.access import may_change
from corridor.actors.selectors import field_operations_visible_to, organisations_visible_to
from corridor.core.citations import citations_of
from corridor.core.exceptions import NotFound
from corridor.geo.selectors import visible_places
from corridor.monitoring.choices import Concern
from corridor.monitoring.models import Finding
from corridor.monitoring.selectors import VisitFilters, findings_matching, get_visit_for_user, visits_matching
from corridor.operations.choices import ActivityCategory
from corridor.operations.models import ActionPoint
from corridor.operations.selectors import (
    ActivityFilters,
    MeetingFilters,
    activities_matching,
    get_activity_for_user,
    meetings_matching,
    meetings_visible_to,
)
from corridor.timeline.selectors import events_visible_to
from corridor.web.activity_forms import ActivityEditing
from corridor.web.basis_ui import basis_context
from corridor.web.filtering import Column, period, sorted_page
from corridor.web.history import history_context
from corridor.web.meetings_edit import MeetingEditing
from corridor.web.recording import VisitEditing

ACTIVITY_COLUMNS = {
    "date": Column("When", ("date_start",)),
    "title": Column("Activity", ("title",)),
    "lead": Column("Lead", ("lead__name",)),
    "category": Column("Category", ("category",)),
}


def activities(request: HttpRequest) -> HttpResponse:
    params = request.GET
    errors: dict[str, str] = {}
    start, end = period(params, errors)
    filters = ActivityFilters(
        operation=params.get("operation", "").strip(),
        category=params.get("category", "").strip(),
        place=params.get("place", "").strip(),
        start=start,
        end=end,
        text=params.get("text", params.get("q", "")).strip(),
    )
    found = activities_matching(request.user, filters).select_related("lead")
    found = found.prefetch_related(visible_places(request.user))
    return render(
        request,
        "web/activities.html",
        {
            "sorted": sorted_page(params, found, ACTIVITY_COLUMNS, "date"),
            "operations": field_operations_visible_to(request.user),
            "categories": ActivityCategory.choices,
            "filters": {
                name: params.get(name, "")
                for name in ("operation", "category", "place", "from", "to", "text")
            },
            "errors": errors,
        },
    )


def activity(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = get_activity_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such activity") from None
    prefetch_related_objects([found], visible_places(request.user))
    return render(
        request,
        "web/activity.html",
        {
            "activity": found,
            "can_change": may_change(
                request.user, classification=found.classification, owner_id=found.owner_id
            ),
            "training": getattr(found, "training", None),
            "history": history_context(request, ActivityEditing(), found),
            "basis": basis_context(request, found),
            "citations": citations_of(found),
        },
    )


VISIT_COLUMNS = {
    "date": Column("When", ("date_start",)),
    "operation": Column("Operation", ("operation__name",)),
    "team": Column("Team", ("team",)),
}
SERIOUS = (Concern.SERIOUS, Concern.CRITICAL)


def _visit_filters(
    params: QueryDict, errors: dict[str, str], *, concerns: tuple[str, ...] = ()
) -> VisitFilters:
    start, end = period(params, errors)
    asked = tuple(level for level in params.getlist("concern") if level in Concern.values)
    return VisitFilters(
        operation=params.get("operation", "").strip(),
        place=params.get("place", "").strip(),
        start=start,
        end=end,
        concerns=asked or concerns,
        text=params.get("text", params.get("q", "")).strip(),
    )


def _visit_context(request: HttpRequest, errors: dict[str, str]) -> dict[str, Any]:
    return {
        "operations": field_operations_visible_to(request.user),
        "concerns": Concern.choices,
        "filters": {name: request.GET.get(name, "") for name in ("operation", "place", "from", "to", "text")},
        "chosen_concerns": request.GET.getlist("concern"),
        "errors": errors,
    }


def visits(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    filters = _visit_filters(request.GET, errors)
    found = visits_matching(request.user, filters).prefetch_related(visible_places(request.user))
    return render(
        request,
        "web/visits.html",
        {
            "sorted": sorted_page(request.GET, found, VISIT_COLUMNS, "-date"),
            **_visit_context(request, errors),
        },
    )


FINDING_COLUMNS = {
    "date": Column("When", ("visit__date_start",)),
    "concern": Column("Concern", ("concern",)),
    "operation": Column("Operation", ("visit__operation__name",)),
}


def findings(request: HttpRequest) -> HttpResponse:
    """The serious and critical findings across visits (or the levels asked for), newest visit first."""
    errors: dict[str, str] = {}
    filters = _visit_filters(request.GET, errors, concerns=SERIOUS)
    found = findings_matching(request.user, filters).select_related("visit__operation")
    found = found.prefetch_related(visible_places(request.user, "visit__places"))
    return render(
        request,
        "web/findings.html",
        {
            "sorted": sorted_page(request.GET, found, FINDING_COLUMNS, "-date"),
            "levels": [label for value, label in Concern.choices if value in filters.concerns],
            **_visit_context(request, errors),
        },
    )


def visit(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = get_visit_for_user(request.user, slug=slug)
    except NotFound:
        raise Http404("no such visit") from None
    prefetch_related_objects([found], visible_places(request.user))
    findings = Finding.objects.filter(visit=found).order_by("position")
    return render(
        request,
        "web/visit.html",
        {
            "visit": found,
            "findings": findings,
            "history": history_context(request, VisitEditing(), found),
            "can_change": may_change(
                request.user, classification=found.classification, owner_id=found.owner_id
            ),
            "citations": citations_of(found),
        },
    )


MEETING_COLUMNS = {
    "date": Column("When", ("date_start",)),
    "title": Column("Meeting", ("title",)),
    "convenor": Column("Convenor", ("convenor__name",)),
}


def meetings(request: HttpRequest) -> HttpResponse:
    params = request.GET
    errors: dict[str, str] = {}
    start, end = period(params, errors)
    filters = MeetingFilters(
        operation=params.get("operation", "").strip(),
        place=params.get("place", "").strip(),
        start=start,
        end=end,
        text=params.get("text", params.get("q", "")).strip(),
    )
    found = meetings_matching(request.user, filters)
    return render(
        request,
        "web/meetings.html",
        {
            "sorted": sorted_page(params, found, MEETING_COLUMNS, "-date"),
            "operations": organisations_visible_to(request.user).filter(kind__startswith="osce"),
            "filters": {name: params.get(name, "") for name in ("operation", "place", "from", "to", "text")},
            "errors": errors,
        },
    )


def meeting(request: HttpRequest, slug: str) -> HttpResponse:
    found = (
        meetings_visible_to(request.user)
        .filter(slug=slug)
        .prefetch_related(
            "participants",
            "decisions",
            Prefetch(
                "action_points",
                ActionPoint.objects.select_related("responsible").order_by(
                    F("date_start").asc(nulls_last=True), "position"
                ),
            ),
        )
        .first()
    )
    if found is None:
        raise Http404("no such meeting")
    return render(
        request,
        "web/meeting.html",
        {
            "meeting": found,
            "can_change": may_change(
                request.user, classification=found.classification, owner_id=found.owner_id
            ),
            "timeline_entry": events_visible_to(request.user).filter(meeting=found).first(),
            "history": history_context(request, MeetingEditing(), found),
            "citations": citations_of(found),
        },
    )
