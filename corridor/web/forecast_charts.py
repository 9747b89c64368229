"""Forecast charts and the alerts panel for the place page and the dashboard, for one reader.

Thin: the numbers come from `corridor.forecasting.latest` (computed from what the reader may see, cached
by input); this module names the series in the reader's naming convention and shapes the chart data.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from corridor.core.dates import DateSpan
from corridor.core.exceptions import NotFound
from corridor.forecasting.forecasts import ForecastOutcome
from corridor.forecasting.latest import latest_forecast, recent_alerts
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.geo.models import Place
from corridor.geo.selectors import country_display_name, places_visible_to, routes_visible_to
from corridor.web import charts
from corridor.web.context import CONVENTION_DAY

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

SHOWN_ALERTS = 12
MODEL_NAMES = {
    "transit": "transit-lag model",
    "persistence": "persistence",
    "seasonal": "weekly-seasonal naive",
}


def series_names(user: Reader, route: RouteModel, *, audience: str) -> dict[str, str]:
    """Each series of the route as the reader's convention names a country ('Arrivals in <country>'), and
    any other by its label."""
    places = places_visible_to(user).filter(slug__in={key.place for key in route.series.values()})
    by_slug = {place.slug: place for place in places.prefetch_related("country__names")}
    names = {}
    for series, key in route.series.items():
        place = by_slug.get(key.place)
        if place is not None and place.kind == "country" and place.country is not None:
            country = country_display_name(place.country, audience=audience, on=CONVENTION_DAY.get(audience))
            names[series] = f"{key.metric.capitalize()} in {country}"
        else:
            names[series] = key.label
    return names


def _chart(outcome: ForecastOutcome, name: str) -> dict[str, Any]:
    """What the chart draws: the observed past, recent one-day-ahead bands, and the forecast fan."""
    return {
        **outcome.to_dict(),
        "name": name,
        "model_name": MODEL_NAMES.get(outcome.model, outcome.model),
        "origin_text": DateSpan.on(outcome.origin).text(),
        "rows": [
            {"day": DateSpan.on(day).text(), "forecast": point, "lower": low, "upper": high}
            for day, point, low, high in zip(
                outcome.days, outcome.forecast, outcome.lower, outcome.upper, strict=True
            )
        ],
    }


def place_forecast(user: Reader, place: Place, *, audience: str) -> dict[str, Any] | None:
    """The forecast chart of a place a route the reader may read counts (None for any other place, or
    without data)."""
    slug = (
        routes_visible_to(user)
        .filter(series__place=place)
        .order_by("name", "slug")
        .values_list("slug", flat=True)
    ).first()
    if slug is None:
        return None
    route = route_model_for(user, slug)
    series = route.series_for_place(place.slug)
    if series is None:
        return None
    outcome = latest_forecast(user, place=series, route=route)
    if outcome is None:
        return None
    chart = _chart(outcome, series_names(user, route, audience=audience)[series])
    return {**chart, "figure": charts.forecast_figure(chart)}


def dashboard_series(route: RouteModel) -> str | None:
    """The series the dashboard charts: the most upstream monitored count of arrivals (else of anything)."""
    upstream_first = list(reversed(route.monitored))
    arrivals = [key for key in upstream_first if route.series[key].metric == "arrivals"]
    found = arrivals or upstream_first or list(route.series)
    return found[0] if found else None


def dashboard_forecasting(user: Reader, *, audience: str, route_slug: str | None = None) -> dict[str, Any]:
    """The alerts panel (most recent first) and a small forecast chart of a route for the dashboard."""
    try:
        route = route_model_for(user, route_slug)
    except NotFound:
        return {"alerts": None, "alert_rows": [], "alert_count": 0, "chart": None, "route": None}
    names = series_names(user, route, audience=audience)
    alerts = recent_alerts(user, route=route)
    shown = dashboard_series(route)
    outcome = latest_forecast(user, place=shown, route=route) if shown else None
    chart = _chart(outcome, names[shown]) if outcome and shown else None
    rows = []
    for alert in reversed((alerts or {}).get("alerts", [])):
        rows.append(
            {
                **alert,
                "name": names[alert["place"]],
                "day_text": DateSpan.on(date.fromisoformat(alert["day"])).text(),
                "href": _place_href(route, alert["place"]),
            }
        )
    return {
        "alerts": alerts,
        "alert_rows": rows[:SHOWN_ALERTS],
        "alert_count": len(rows),
        "background_text": _share(alerts.get("background_rate") if alerts else None),
        "first_text": DateSpan.on(date.fromisoformat(alerts["start"])).text() if alerts else "",
        "last_text": DateSpan.on(date.fromisoformat(alerts["end"])).text() if alerts else "",
        "chart": {**chart, "figure": charts.forecast_figure(chart, compact=True)} if chart else None,
        "chart_href": _place_href(route, shown) if shown else "",
        "route": {"slug": route.slug, "name": route.name},
    }


def _share(rate: float | None) -> str:
    return "" if rate is None else f"{rate:.0%}"


def _place_href(route: RouteModel, series: str) -> str:
    return reverse("web:place", args=[route.series[series].place])
