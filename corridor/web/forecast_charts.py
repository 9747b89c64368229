"""Forecast charts and the alerts panel for the place page and the dashboard, for one reader.

Thin: the numbers come from `corridor.forecasting.latest` (computed from what the reader may see, cached
by input); this module names the series in the reader's naming convention and shapes the chart data.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.urls import reverse

from corridor.core.dates import DateSpan
from corridor.forecasting.forecasts import ForecastOutcome
from corridor.forecasting.latest import latest_forecast, recent_alerts
from corridor.forecasting.series_keys import SERIES_KEYS, series_for_place
from corridor.geo.models import Place
from corridor.geo.selectors import country_display_name, places_visible_to
from corridor.web import charts
from corridor.web.context import CONVENTION_DAY

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

DASHBOARD_SERIES = "fyrom"
SHOWN_ALERTS = 12
MODEL_NAMES = {
    "transit": "transit-lag model",
    "persistence": "persistence",
    "seasonal": "weekly-seasonal naive",
}


def series_names(user: Reader, *, audience: str) -> dict[str, str]:
    """Each engine series as the reader's convention names it ('Arrivals in North Macedonia')."""
    places = places_visible_to(user).filter(slug__in={key.place for key in SERIES_KEYS.values()})
    by_slug = {place.slug: place for place in places.prefetch_related("country__names")}
    names = {}
    for series, key in SERIES_KEYS.items():
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
    """The forecast chart of a place the engine covers (None for any other place, or without data)."""
    series = series_for_place(place.slug)
    if series is None:
        return None
    outcome = latest_forecast(user, place=series)
    if outcome is None:
        return None
    chart = _chart(outcome, series_names(user, audience=audience)[series])
    return {**chart, "figure": charts.forecast_figure(chart)}


def dashboard_forecasting(user: Reader, *, audience: str) -> dict[str, Any]:
    """The alerts panel (most recent first) and a small forecast chart for the dashboard."""
    names = series_names(user, audience=audience)
    alerts = recent_alerts(user)
    outcome = latest_forecast(user, place=DASHBOARD_SERIES)
    chart = _chart(outcome, names[DASHBOARD_SERIES]) if outcome else None
    rows = []
    for alert in reversed((alerts or {}).get("alerts", [])):
        rows.append(
            {
                **alert,
                "name": names[alert["place"]],
                "day_text": DateSpan.on(date.fromisoformat(alert["day"])).text(),
                "href": _place_href(alert["place"]),
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
        "chart_href": _place_href(DASHBOARD_SERIES),
    }


def _share(rate: float | None) -> str:
    return "" if rate is None else f"{rate:.0%}"


def _place_href(series: str) -> str:
    return reverse("web:place", args=[SERIES_KEYS[series].place])
