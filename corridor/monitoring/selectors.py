"""Readers for flow observations, monitoring visits and their findings."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def observations_visible_to(user: Reader, *, include_revised: bool = False) -> QuerySet[FlowObservation]:
    """Current observations the user may read; with `include_revised`, the figures they replaced too."""
    observations = FlowObservation.objects.select_related("place", "source_organisation")
    if not include_revised:
        observations = observations.filter(is_current=True)
    return restrict(observations, user)


FIGURE_KEY = (
    "place_id",
    "date_start",
    "date_end",
    "metric",
    "sex",
    "age_group",
    "nationality",
    "source_organisation_id",
)
"""What a figure counts: where, when, what, whom, by whose count. Its owner is part of its identity
(`FlowObservation`), not of what it counts: two organisations may each keep a figure of the same count."""


def figures_visible_to(user: Reader) -> QuerySet[FlowObservation]:
    """One current figure per count (`FIGURE_KEY`) among those `user` may read: for views that need a
    single number per place, day, metric, breakdown and source (series, sums, maps, forecasts, reports).

    When several organisations keep a figure of the same count, the one recorded last is taken — among
    those the reader may read, so a hidden figure never displaces or reveals itself through a visible one.
    """
    visible = observations_visible_to(user)
    newer = (
        restrict(FlowObservation.objects.filter(is_current=True), user)
        .filter(**{name: OuterRef(name) for name in FIGURE_KEY})
        .filter(
            Q(created_at__gt=OuterRef("created_at"))
            | Q(created_at=OuterRef("created_at"), id__gt=OuterRef("id"))
        )
    )
    return visible.filter(~Exists(newer))


def observations_between(user: Reader, *, start: date, end: date) -> QuerySet[FlowObservation]:
    """Current observations whose period lies within [start, end]."""
    return observations_visible_to(user).filter(date_start__gte=start, date_end__lte=end)


def visits_visible_to(user: Reader) -> QuerySet[MonitoringVisit]:
    return restrict(MonitoringVisit.objects.select_related("operation"), user)


def get_visit_for_user(user: Reader, *, slug: str) -> MonitoringVisit:
    return get_visible(MonitoringVisit.objects.select_related("operation"), user, slug=slug)


def findings_visible_to(user: Reader) -> QuerySet[Finding]:
    return restrict(Finding.objects.select_related("visit"), user, via="visit__")


def latest_counts(
    user: Reader, *, metric: str = "arrivals", until: date | None = None
) -> dict[int, FlowObservation]:
    """The latest current, reported daily count per place the user may read, on or before `until` when
    given: place id → observation."""
    daily = figures_visible_to(user).filter(metric=metric, value_status="reported", date_precision="day")
    if until is not None:
        daily = daily.filter(date_start__lte=until)
    latest_days = {
        row["place_id"]: row["last"]
        for row in daily.order_by().values("place_id").annotate(last=Max("date_start"))
    }
    latest: dict[int, FlowObservation] = {}
    for observation in daily.filter(date_start__in=set(latest_days.values())).order_by("date_start", "id"):
        if latest_days.get(observation.place_id) == observation.date_start:
            current = latest.get(observation.place_id)
            if current is None or (observation.value or 0) > (current.value or 0):
                latest[observation.place_id] = observation
    return latest


def daily_series(
    user: Reader,
    *,
    metric: str,
    place_ids: list[int],
    source_slug: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> dict[int, list[tuple[date, int | None]]]:
    """Daily counts per place, oldest first; a source's explicit 'not available' is kept as None."""
    daily = figures_visible_to(user).filter(
        metric=metric, date_precision="day", place_id__in=place_ids, sex="", age_group="", nationality=""
    )
    if source_slug:
        daily = daily.filter(source_organisation__slug=source_slug)
    if start:
        daily = daily.filter(date_start__gte=start)
    if end:
        daily = daily.filter(date_start__lte=end)
    series: dict[int, list[tuple[date, int | None]]] = {place_id: [] for place_id in place_ids}
    for place_id, day, value in daily.order_by("place_id", "date_start").values_list(
        "place_id", "date_start", "value"
    ):
        series[place_id].append((day, value))
    return series
