"""Lists with filters and detail pages for activities, visits and meetings (events: `events.py`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.accounts.access import may_change
from corridor.actors.selectors import field_operations_visible_to, organisations_visible_to
from corridor.core.citations import citations_of
from corridor.core.exceptions import NotFound
from corridor.geo.selectors import places_within, visible_places
from corridor.monitoring.models import Finding
from corridor.monitoring.selectors import get_visit_for_user, visits_visible_to
from corridor.operations.choices import ActivityCategory
from corridor.operations.models import ActionPoint
from corridor.operations.selectors import activities_visible_to, get_activity_for_user, meetings_visible_to
from corridor.timeline.selectors import events_visible_to
from corridor.web.activity_forms import ActivityEditing
from corridor.web.basis_ui import basis_context
from corridor.web.history import history_context
from corridor.web.meetings_edit import MeetingEditing
from corridor.web.recording import VisitEditing


def activities(request: HttpRequest) -> HttpResponse:
    found = activities_visible_to(request.user).prefetch_related(visible_places(request.user))
    params = request.GET
    if params.get("operation"):
        found = found.filter(lead__in=organisations_visible_to(request.user).filter(slug=params["operation"]))
    if params.get("category") in ActivityCategory.values:
        found = found.filter(category=params["category"])
    if params.get("place"):
        found = found.filter(places__in=places_within(request.user, params["place"]))
    page = Paginator(found.distinct().order_by("date_start", "id"), 50).get_page(params.get("page"))
    return render(
        request,
        "web/activities.html",
        {
            "page": page,
            "operations": field_operations_visible_to(request.user),
            "categories": ActivityCategory.choices,
            "filters": {name: params.get(name, "") for name in ("operation", "category", "place")},
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


def visits(request: HttpRequest) -> HttpResponse:
    found = visits_visible_to(request.user).prefetch_related(visible_places(request.user))
    if request.GET.get("operation"):
        chosen = organisations_visible_to(request.user).filter(slug=request.GET["operation"])
        found = found.filter(operation__in=chosen)
    page = Paginator(found.order_by("-date_start", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "web/visits.html",
        {
            "page": page,
            "operations": field_operations_visible_to(request.user),
            "filters": {"operation": request.GET.get("operation", "")},
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


def meetings(request: HttpRequest) -> HttpResponse:
    found = meetings_visible_to(request.user)
    page = Paginator(found.order_by("-date_start", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "web/meetings.html", {"page": page})


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
