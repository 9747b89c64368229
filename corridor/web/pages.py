"""The regional dashboard, a field operation's page and a place's page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from corridor.accounts.access import can_edit
from corridor.actors.choices import OrganisationKind
from corridor.actors.selectors import (
    field_operations_visible_to,
    focal_points_visible_to,
    interviews_visible_to,
    working_groups_visible_to,
)
from corridor.basis.selectors import activities_without_basis
from corridor.core.citations import citations_of
from corridor.core.exceptions import NotFound
from corridor.core.selectors import holdings_visible_to
from corridor.geo.selectors import get_place_for_user, places_within, visible_places
from corridor.knowledge.models import MandateClause
from corridor.knowledge.selectors import mandates_visible_to
from corridor.monitoring.selectors import daily_series, visits_visible_to
from corridor.operations.choices import ActivityCategory
from corridor.operations.selectors import action_points_visible_to, activities_visible_to, meetings_visible_to
from corridor.timeline.selectors import events_visible_to
from corridor.web import charts, dashboard, forecast_charts
from corridor.web.context import AUDIENCES, name_audience
from corridor.web.timeline import timeline_context

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def home(request: HttpRequest) -> HttpResponse:
    """The regional dashboard: map, flows, timeline, engagement, focal points, key figures."""
    user = request.user
    audience = name_audience(request)
    categories, engagement = dashboard.engagement_matrix(user)
    day, day_error = dashboard.map_day(request.GET.get("day", ""))
    route = dashboard.chosen_route(user, request.GET.get("route", ""))
    flow_chart = dashboard.flow_chart(user, audience=audience, route=route)
    context = {
        "routes": dashboard.route_choices(user, route),
        "flow_map": dashboard.flow_map(user, audience=audience, route=route, on=day),
        "map_day_error": day_error,
        "flow_chart": flow_chart,
        "flow_figure": charts.flow_figure(flow_chart) if flow_chart["traces"] else "",
        "categories": categories,
        "engagement": engagement,
        "statuses": dashboard.statuses(user),
        "key_figures": dashboard.key_figures(user),
        "holdings": holdings_visible_to(user),
        "forecasting": forecast_charts.dashboard_forecasting(
            user, audience=audience, route_slug=route.slug if route is not None else None
        ),
        **timeline_context(request, limit=25),
    }
    return render(request, "web/dashboard.html", context)


def operation(request: HttpRequest, slug: str) -> HttpResponse:
    """A field operation: mandate, focal point and working group, activities, visits, reports, meetings."""
    user = request.user
    found = field_operations_visible_to(user).filter(slug=slug).first()
    if found is None:
        raise Http404("no such field operation")
    mandate = (
        mandates_visible_to(user)
        .filter(operation=found)
        .prefetch_related(Prefetch("clauses", MandateClause.objects.order_by("ref")))
        .first()
    )
    activities = list(activities_visible_to(user).filter(lead=found).order_by("category", "date_start"))
    by_category = [
        (label, [a for a in activities if a.category == value]) for value, label in ActivityCategory.choices
    ]
    context = {
        "operation": found,
        "sources": citations_of(found),
        "interviews": interviews_visible_to(user).filter(organisation=found),
        "mandate": mandate,
        "focal_points": focal_points_visible_to(user).filter(organisation=found),
        "working_groups": working_groups_visible_to(user).filter(organisation=found),
        "activities_by_category": [(label, items) for label, items in by_category if items],
        "activity_count": len(activities),
        "visits": visits_visible_to(user)
        .filter(operation=found)
        .prefetch_related(visible_places(user))
        .order_by("-date_start"),
        "reports": events_visible_to(user).filter(kind="report", actors=found).order_by("-date_start"),
        "meetings": meetings_visible_to(user).filter(owner=found).order_by("-date_start")[:20],
        "open_action_points": action_points_visible_to(user).filter(meeting__owner=found, status="open"),
        "without_basis": activities_without_basis(user, operation=found),
        "records_here": can_edit(user, owner_id=found.pk),
    }
    return render(request, "web/operation.html", context)


def interviews(request: HttpRequest) -> HttpResponse:
    """The study's research interviews (its annex) whose organisation the reader may read."""
    return render(request, "web/interviews.html", {"interviews": interviews_visible_to(request.user)})


def interview(request: HttpRequest, uid: UUID) -> HttpResponse:
    """One study interview: the organisation, the date and the interviewees' positions, with its source."""
    found = interviews_visible_to(request.user).filter(uid=uid).first()
    if found is None:
        raise Http404("no such interview")
    context = {
        "interview": found,
        "sources": citations_of(found),
        "is_operation": found.organisation.kind == OrganisationKind.OSCE_FIELD_OPERATION,
    }
    return render(request, "web/interview.html", context)


def place(request: HttpRequest, slug: str) -> HttpResponse:
    """A site's or country's flow series, and the visits, events and activities there."""
    user = request.user
    try:
        found = get_place_for_user(user, slug=slug)
    except NotFound:
        raise Http404("no such place") from None
    series = daily_series(user, metric="arrivals", place_ids=[found.pk])[found.pk]
    within = places_within(user, found.slug).values("pk")
    shown = {
        "x": [day.isoformat() for day, _ in series],
        "y": [value for _, value in series],
        "name": found.name,
    }
    context = {
        "place": found,
        "series": shown,
        "series_figure": charts.place_figure(shown) if series else "",
        "visits": _here(visits_visible_to(user), within, user).order_by("-date_start"),
        "events": _here(events_visible_to(user), within, user).order_by("date_start"),
        "activities": _here(activities_visible_to(user), within, user).order_by("date_start"),
        "children": found.children.all().order_by("name"),
        "forecast": forecast_charts.place_forecast(user, found, audience=name_audience(request)),
    }
    return render(request, "web/place.html", context)


def _here(records: QuerySet[Any], within: QuerySet[Any], user: Reader) -> QuerySet[Any]:
    """Records at any of the places `within`, each once, with those of their `places` the reader may see
    (the page names where a record was when it was not at the page's place)."""
    return records.filter(
        pk__in=records.model.objects.filter(places__in=within).values("pk")
    ).prefetch_related(visible_places(user))


@require_POST
def choose_names(request: HttpRequest) -> HttpResponse:
    """Remember whether place names follow today's usage or 2015–16 OSCE documents."""
    chosen = request.POST.get("audience", "")
    if chosen in AUDIENCES:
        request.session["name_audience"] = chosen
    target = request.POST.get("next", "/")
    return redirect(target if target.startswith("/") and not target.startswith("//") else "/")
