"""Readers for flow observations, monitoring visits and their findings."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class VisitFilters:
    """What a reader narrows monitoring visits (or their findings) to; empty values do not filter.

    `operation` is the visiting operation's slug; `place` names a place as `places_within` reads it (a
    slug, a country's code, a name), matching visits there and within it; `start`/`end` keep visits whose
    span touches the period; `concerns` keeps visits with a finding of one of these levels (and, for
    findings, those findings); `text` is looked for in the team, purpose, follow-up and findings."""

    operation: str = ""
    place: str = ""
    start: date | None = None
    end: date | None = None
    concerns: tuple[str, ...] = ()
    text: str = ""


def visits_matching(
    user: Reader, filters: VisitFilters, base: QuerySet[MonitoringVisit] | None = None
) -> QuerySet[MonitoringVisit]:
    """The visible visits that pass every filter, one row per visit (links matched in subqueries);
    `base` is the visible visits as the caller wants them read (related rows prefetched)."""
    from corridor.actors.selectors import organisations_visible_to
    from corridor.geo.selectors import places_within

    visits = visits_visible_to(user) if base is None else base
    if filters.operation:
        # By id rather than a join on the slug: with the id known when planning, the database walks the
        # (operation, date) index in page order. A hidden or unknown operation matches nothing.
        named = organisations_visible_to(user).filter(slug=filters.operation).values_list("pk", flat=True)
        visits = visits.filter(operation_id=named.first())
    if filters.place:
        within = places_within(user, filters.place).values("pk")
        visits = visits.filter(pk__in=MonitoringVisit.objects.filter(places__in=within).values("pk"))
    if filters.start:
        visits = visits.filter(date_end__gte=filters.start)
    if filters.end:
        visits = visits.filter(date_start__lte=filters.end)
    if filters.concerns:
        visits = visits.filter(pk__in=Finding.objects.filter(concern__in=filters.concerns).values("visit_id"))
    text = filters.text.strip()
    if text:
        found = Finding.objects.filter(text__icontains=text).values("visit_id")
        visits = visits.filter(
            Q(team__icontains=text)
            | Q(purpose__icontains=text)
            | Q(follow_up__icontains=text)
            | Q(pk__in=found)
        )
    return visits


def findings_matching(user: Reader, filters: VisitFilters) -> QuerySet[Finding]:
    """The findings of the visits `visits_matching` keeps, of the `concerns` levels when given."""
    findings = findings_visible_to(user).filter(visit__in=visits_matching(user, filters).values("pk"))
    if filters.concerns:
        findings = findings.filter(concern__in=filters.concerns)
    return findings
