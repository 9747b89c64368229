"""The regional picture, composed from the domain selectors for one reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import DateField, ExpressionWrapper, F
from django.urls import reverse

from corridor.actors.selectors import OperationStatus, field_operations_visible_to, focal_point_status
from corridor.core.dates import DatePrecision, DateSpan, DateSpanError
from corridor.core.exceptions import NotFound
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.geo.choices import SITE_KINDS
from corridor.geo.models import Place
from corridor.geo.selectors import country_display_name, map_position, places_visible_to, routes_visible_to
from corridor.geo.svg_map import MapPoint, render_map
from corridor.monitoring.selectors import daily_series, latest_counts, observations_visible_to
from corridor.operations.choices import ActivityCategory
from corridor.operations.selectors import activities_by_category
from corridor.timeline.selectors import events_visible_to
from corridor.web.context import CONVENTION_DAY
from corridor.web.forms import typed_date

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

MARKED_KINDS = ("border_policy_change", "decision", "incident")
# A marker stands on one day: events known to the day, and changes spanning two days (announced in the
# evening, applied from midnight), marked on their first day. Longer or vaguer spans are left unmarked.
MARKED_SPAN = timedelta(days=1)
MAP_WEEK_DAYS = 7
MAP_FULL_SIZE = 1_000  # the count a full-size circle stands for at least: a trickle is not drawn as a crowd


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


def route_places(user: Reader, route: RouteModel | None) -> list[Place]:
    """The places a route counts (its series' places, upstream first), then the countries its nodes lie in
    (in the order people travel them), as far as `user` may read them."""
    if route is None:
        return []
    slugs = [series.place for series in route.series.values()]
    slugs += [code.lower() for code in route.countries]
    slugs = list(dict.fromkeys(slugs))
    places = {place.slug: place for place in places_visible_to(user).filter(slug__in=slugs)}
    return [places[slug] for slug in slugs if slug in places]


def flow_chart(user: Reader, *, audience: str, route: RouteModel | None) -> dict[str, Any]:
    """Daily arrivals per place along the route, as its series' sources count them, with the main policy
    events to mark on it."""
    places = route_places(user, route)
    sources = sorted({series.source for series in route.series.values()}) if route is not None else []
    series = daily_series(
        user,
        metric="arrivals",
        place_ids=[place.pk for place in places],
        source_slug=sources[0] if sources else None,
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


@dataclass(frozen=True)
class FlowMap:
    """The dashboard's map and the day its counts run to (None before any count)."""

    svg: str
    last_day: date | None
    full_size: int

    @property
    def last_text(self) -> str:
        return DateSpan.on(self.last_day).text() if self.last_day else ""


def map_day(text: str) -> tuple[date | None, str]:
    """The day asked for (`?day=2015-11-20`), None for the latest; an error message if unreadable."""
    if not text.strip():
        return None, ""
    try:
        span = typed_date(text)
    except DateSpanError as error:
        return None, f"{error} The map shows the latest counts."
    if span.precision != DatePrecision.DAY:
        return None, f"“{text.strip()}” is {span.text()}: the map shows one day. It shows the latest counts."
    return span.start, ""


def flow_map(user: Reader, *, audience: str, route: RouteModel | None, on: date | None = None) -> FlowMap:
    """The route's countries and its sites, sized by the latest daily arrivals counted in the week to `on`,
    or by default to the last day with a count anywhere.

    One week, not each place's own latest count: a country whose last count is months old (after it closed
    its border, say) would otherwise look as busy as it was then. Such places are
    drawn small and grey, their last count in the tooltip. Sites are marked even before their first count;
    cities, areas and countries only once they have one.
    """
    latest = latest_counts(user, until=on)
    last_day = on or max((observation.date_start for observation in latest.values()), default=None)
    places = places_visible_to(user).filter(kind__in=[*SITE_KINDS, "city", "admin_area", "country"])
    points = []
    for place in places:
        observation = latest.get(place.pk)
        if place.kind not in SITE_KINDS and observation is None:
            continue
        position = map_position(place)
        if position is None:
            continue
        name = _place_name(place, audience)
        value = None
        if observation is None:
            caption = name
        elif last_day is None or (last_day - observation.date_start).days < MAP_WEEK_DAYS:
            value = observation.value
            caption = f"{name}: {value:,} arrivals on {observation.date_text}"
        else:
            caption = (
                f"{name}: no count in the week to {DateSpan.on(last_day).text()}; the last, "
                f"{observation.value:,} arrivals on {observation.date_text}"
            )
        points.append(
            MapPoint(
                label=name,
                latitude=position[0],
                longitude=position[1],
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
    full_size = max([MAP_FULL_SIZE, *(point.value or 0 for point in points)])
    svg = render_map(
        points,
        highlight=route.countries if route is not None else (),
        country_names=names,
        title="The route's countries and sites, sized by their latest daily arrivals",
        full_size=full_size,
    )
    return FlowMap(svg, last_day, full_size)


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


def chosen_route(user: Reader, slug: str) -> RouteModel | None:
    """The route the dashboard shows: `slug` if the reader may read it, else their first; None without any."""
    for wanted in (slug or None, None):
        try:
            return route_model_for(user, wanted)
        except NotFound:
            continue
    return None


def route_choices(user: Reader, route: RouteModel | None) -> list[dict[str, Any]]:
    """The routes the reader may switch the dashboard to, the shown one marked."""
    shown = route.slug if route is not None else ""
    return [
        {"slug": slug, "name": name, "current": slug == shown}
        for slug, name in routes_visible_to(user)
        .filter(series__isnull=False)
        .distinct()
        .values_list("slug", "name")
    ]
