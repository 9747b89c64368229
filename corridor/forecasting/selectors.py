"""Readers: the route's daily series as one user may see it, the policy changes on their timeline, and runs.

Every read of observations and events goes through the domain selectors (`observations_visible_to`,
`events_visible_to`), so a forecast, a scenario or an alert uses only what its reader may see. Nothing here
reads the shipped files: a hidden observation is simply missing from the series.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from uuid import UUID

import numpy as np
import pandas as pd
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from corridor.accounts.access import restrict_runs
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound
from corridor.forecasting.engine import DailySeries, Flag
from corridor.forecasting.models import ForecastRun
from corridor.monitoring.selectors import figures_visible_to
from corridor.timeline.selectors import events_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.forecasting.routes import RouteModel
    from corridor.timeline.models import Event

POLICY_KINDS = ("border_policy_change",)


@dataclass(frozen=True, eq=False)
class VisibleSeries:
    """The engine's route series built from the observations one reader may see.

    `classification` is the highest classification among the observations read (public when all are).
    """

    series: DailySeries
    classification: str
    observations: int

    def until(self, day: date) -> VisibleSeries:
        return VisibleSeries(self.series.until(day), self.classification, self.observations)

    @property
    def sha256(self) -> str:
        return series_sha256(self.series)


def series_sha256(series: DailySeries) -> str:
    """A digest of dates, places, numbers and flags: equal series give equal digests."""
    digest = hashlib.sha256()
    digest.update(f"{series.first.date()}|{len(series.dates)}|{','.join(series.places)}".encode())
    digest.update(np.where(np.isnan(series.values), -1.0, series.values).astype("<f8").tobytes())
    digest.update("|".join(series.flags.ravel().tolist()).encode())
    return digest.hexdigest()


def route_series_visible_to(user: Reader, route: RouteModel) -> VisibleSeries | None:
    """The route's daily series (totals, no breakdowns) as `user` may see them; None if they see none.

    A reported figure is a number, the source's explicit "not available" a `reported_na` cell, and a day
    without a visible observation a `missing` cell, as in the engine's own reader.
    """
    keys = route.series
    column = {(key.place, key.metric, key.source): index for index, key in enumerate(keys.values())}
    rows = list(
        figures_visible_to(user)
        .filter(
            date_precision="day",
            sex="",
            age_group="",
            nationality="",
            place__slug__in={key.place for key in keys.values()},
            metric__in={key.metric for key in keys.values()},
            source_organisation__slug__in={key.source for key in keys.values()},
        )
        .order_by()
        .values_list(
            "place__slug",
            "metric",
            "date_start",
            "value",
            "value_status",
            "classification",
            "source_organisation__slug",
        )
    )
    rows = [row for row in rows if (row[0], row[1], row[6]) in column]
    if not rows:
        return None
    dates = pd.date_range(min(row[2] for row in rows), max(row[2] for row in rows), freq="D")
    values = np.full((len(dates), len(keys)), np.nan)
    flags = np.full(values.shape, Flag.MISSING.value, dtype="<U11")
    first = dates[0].date()
    for place, metric, day, value, status, _, source in rows:
        t, p = (day - first).days, column[(place, metric, source)]
        if status == "reported" and value is not None:
            values[t, p], flags[t, p] = float(value), Flag.REPORTED.value
        else:
            values[t, p], flags[t, p] = np.nan, Flag.REPORTED_NA.value
    highest = max((row[5] for row in rows), key=Classification.rank)
    series = DailySeries(dates=dates, places=tuple(keys), values=values, flags=flags)
    return VisibleSeries(series=series, classification=highest, observations=len(rows))


def policy_changes_visible_to(user: Reader, *, start: date, end: date) -> list[Event]:
    """Border-policy changes on the user's timeline whose dates overlap [start, end], oldest first."""
    return list(
        events_visible_to(user)
        .filter(kind__in=POLICY_KINDS, date_start__lte=end, date_end__gte=start)
        .order_by("date_start", "slug")
    )


def forecast_runs_visible_to(user: Reader) -> QuerySet[ForecastRun]:
    """Runs a user may see: their own, and any run whose content level (the highest classification of the
    observations it read) they read across organisations — so a shared link works for every such reader.
    Anonymous readers see none; superusers see all (the rule is `accounts.access.runs`)."""
    runs = ForecastRun.objects.select_related("requested_by", "owner", "job")
    return restrict_runs(runs, user, requester="requested_by", content_level="content_classification")


def get_forecast_run_for_user(user: Reader, *, uid: UUID | str) -> ForecastRun:
    try:
        return forecast_runs_visible_to(user).get(uid=uid)
    except (ForecastRun.DoesNotExist, ValueError, ValidationError):
        raise NotFound(f"no forecast run {uid}") from None


def recent_runs_for(user: Reader, *, kind: str | None = None, limit: int = 20) -> list[ForecastRun]:
    """The runs a page lists for this user, newest first (without their results)."""
    runs = forecast_runs_visible_to(user).defer("result")
    if kind:
        runs = runs.filter(kind=kind)
    return list(runs.order_by("-created_at", "-id")[:limit])
