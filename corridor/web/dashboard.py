"""The regional picture, composed from the domain selectors for one reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import DateField, ExpressionWrapper, F
from django.urls import reverse

from corridor.actors.selectors import OperationStatus, field_operations_visible_to, focal_point_status
from corridor.geo.choices import SITE_KINDS
from corridor.geo.models import Place
from corridor.geo.selectors import country_display_name, places_visible_to
from corridor.geo.svg_map import MapPoint, render_map
from corridor.monitoring.selectors import daily_series, latest_counts, observations_visible_to
from corridor.operations.choices import ActivityCategory
from corridor.operations.selectors import activities_by_category
from corridor.timeline.selectors import events_visible_to
from corridor.web.context import CONVENTION_DAY

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

# The route from the Greek islands to Germany, in the order people travelled it.
ROUTE = ("greek-islands", "gr", "mk", "rs", "hr", "hu", "si", "at", "de")
ROUTE_COUNTRIES = ("GR", "MK", "RS", "HR", "HU", "SI", "AT", "DE")
MARKED_KINDS = ("border_policy_change", "decision", "incident")
# A marker stands on one day: events known to the day, and changes spanning two days (announced in the
# evening, applied from midnight), marked on their first day. Longer or vaguer spans are left unmarked.
MARKED_SPAN = timedelta(days=1)


@dataclass(frozen=True)
class EngagementRow:
    operation: Any
    counts: list[tuple[str, int]]
    total: int


def engagement_matrix(user: Reader) -> tuple[list[tuple[str, str]], list[EngagementRow]]:
    """Field operations × the seven categories, with counts of visible activities."""
    counts = activities_by_category(user)
    categories = list(ActivityCategory.choices)
    rows = []
    for operation in field_operations_visible_to(user):
        cells = [(value, counts.get((operation.pk, value), 0)) for value, _ in categories]
        rows.append(EngagementRow(operation, cells, sum(count for _, count in cells)))
    return categories, rows


def route_places(user: Reader) -> list[Place]:
    places = {place.slug: place for place in places_visible_to(user).filter(slug__in=ROUTE)}
    return [places[slug] for slug in ROUTE if slug in places]


def flow_chart(user: Reader, *, audience: str) -> dict[str, Any]:
    """Daily arrivals per country along the route, with the main policy events to mark on it."""
    places = route_places(user)
    series = daily_series(
        user, metric="arrivals", place_ids=[place.pk for place in places], source_slug="unhcr"
    )
    traces: list[dict[str, Any]] = []
    firsts, lasts = [], []
    for place in places:
        points = series.get(place.pk) or []
        if not points:
            continue
        traces.append(
            {
                "name": _place_name(place, audience),
                "x": [day.isoformat() for day, _ in points],
                "y": [value for _, value in points],
            }
        )
        firsts.append(points[0][0])
        lasts.append(points[-1][0])
    if not traces:
        return {"traces": [], "events": []}
    events = (
        events_visible_to(user)
        .filter(
            kind__in=MARKED_KINDS,
            date_start__gte=min(firsts),
            date_start__lte=max(lasts),
            date_end__lte=ExpressionWrapper(F("date_start") + MARKED_SPAN, output_field=DateField()),
        )
        .order_by("date_start")
    )
    return {
        "traces": traces,
        "events": [
            {
                "date": event.date_start.isoformat(),
                "when": event.date_text,
                "title": event.title,
                "slug": event.slug,
            }
            for event in events
        ],
    }


def _place_name(place: Place, audience: str) -> str:
    if place.kind == "country" and place.country is not None:
        return country_display_name(place.country, audience=audience, on=CONVENTION_DAY.get(audience))
    return place.name


def flow_map(user: Reader, *, audience: str) -> str:
    """The route's countries and the sites and countries with their latest daily arrivals."""
    latest = latest_counts(user)
    places = places_visible_to(user).filter(latitude__isnull=False, kind__in=[*SITE_KINDS, "city", "country"])
    points = []
    for place in places:
        observation = latest.get(place.pk)
        if (
            place.latitude is None
            or place.longitude is None
            or (place.kind == "city" and observation is None)
        ):
            continue
        value = observation.value if observation is not None else None
        caption = (
            place.name
            if observation is None
            else f"{place.name}: {value:,} arrivals on {observation.date_text}"
        )
        points.append(
            MapPoint(
                label=place.name,
                latitude=float(place.latitude),
                longitude=float(place.longitude),
                value=value,
                href=reverse("web:place", args=[place.slug]),
                caption=caption,
            )
        )
    names = {
        place.country.code: _place_name(place, audience)
        for place in places_visible_to(user).filter(kind="country")
        if place.country is not None
    }
    return render_map(
        points,
        highlight=ROUTE_COUNTRIES,
        country_names=names,
        title="The route's countries and sites, sized by their latest daily arrivals",
    )


def key_figures(user: Reader) -> list[Any]:
    """Figures quoted by the study, with the organisation and passage they come from."""
    return list(
        observations_visible_to(user)
        .filter(slug__isnull=False)
        .select_related("place", "source_organisation")
        .order_by("-value")[:8]
    )


def statuses(user: Reader) -> list[OperationStatus]:
    return focal_point_status(user)


def timeline_window(start: date | None, end: date | None) -> tuple[date, date]:
    return start or date(2015, 1, 1), end or date(2016, 12, 31)
