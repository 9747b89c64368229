"""The latest forecast of a place and the recent alerts, as pages show them, cached by their input.

A page view should not refit a model: results are cached under the SHA-256 of the series the reader may
see (and of the policy changes on their timeline), so two readers who see the same data share one entry,
and a new or revised observation changes the key. Nothing is recorded: pages show, runs record.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.core.cache import cache

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.choices import ForecastModel
from corridor.forecasting.forecasts import ForecastOutcome, compute_forecast
from corridor.forecasting.models import MAX_HORIZON
from corridor.forecasting.selectors import route_series_visible_to
from corridor.forecasting.services import alerts_for, timeline_changes

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.forecasting.routes import RouteModel

CACHE_SECONDS = 6 * 3600
_NOTHING = "nothing"


def latest_forecast(
    reader: Reader,
    *,
    place: str,
    route: RouteModel,
    model: str = ForecastModel.TRANSIT,
    horizon: int = MAX_HORIZON,
) -> ForecastOutcome | None:
    """The forecast of series `place` of `route` from the last day the reader's data allows; None when it
    cannot be made."""
    visible = route_series_visible_to(reader, route)
    if visible is None or place not in visible.series.places:
        return None
    key = f"corridor:forecast:{route.slug}:{visible.sha256}:{place}:{model}:{horizon}"
    cached = cache.get(key)
    if cached == _NOTHING:
        return None
    if cached is not None:
        return ForecastOutcome.from_dict(cached)
    try:
        outcome = compute_forecast(visible.series, place=place, model=model, horizon=horizon)
    except ValidationFailed:
        cache.set(key, _NOTHING, CACHE_SECONDS)
        return None
    cache.set(key, outcome.to_dict(), CACHE_SECONDS)
    return outcome


def recent_alerts(reader: Reader, *, route: RouteModel, days: int = 60) -> dict[str, Any] | None:
    """Alerts over the last `days` days of the reader's data on `route`; None when they see no counts."""
    visible = route_series_visible_to(reader, route)
    if visible is None:
        return None
    end = visible.series.last.date()
    changes = timeline_changes(reader, start=visible.series.first.date(), end=end)
    marks = hashlib.sha256(repr([(c.slug, c.start, c.end, c.title) for c in changes]).encode()).hexdigest()
    key = f"corridor:alerts:{route.slug}:{visible.sha256}:{marks}:{days}"
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _NOTHING else dict(cached)
    try:
        result = alerts_for(reader=reader, first=end - timedelta(days=days - 1), last=end, route=route.slug)
    except ValidationFailed:
        cache.set(key, _NOTHING, CACHE_SECONDS)
        return None
    cache.set(key, result, CACHE_SECONDS)
    return result
