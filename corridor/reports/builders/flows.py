"""Daily flow counts for a report: per place and source, in route order, with the figures for the map.

Only current, total (no sex, age or nationality breakdown), day-precision observations count; a source's
explicit 'not available' is kept apart from a day with no observation at all. Figures from two sources
for the same place are never added together: each (place, source) is its own row.
Rows come in route order (`maps.route_order`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet, Sum

from corridor.core.choices import Classification
from corridor.geo.choices import SITE_KINDS
from corridor.geo.models import Place
from corridor.geo.selectors import places_visible_to
from corridor.monitoring.choices import Metric, ValueStatus
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.selectors import figures_visible_to
from corridor.reports.builders.collect import Sources, cited_sources
from corridor.reports.builders.maps import route_order
from corridor.reports.data.common import Period, Statement
from corridor.reports.data.flows import (
    FlowRow,
    Flows,
    FlowSeries,
    MonthValue,
    SeriesPoint,
)

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

SITE_ROWS = 10
OTHER_FIGURES = 12


@dataclass(frozen=True)
class _Key:
    place_id: int
    source_id: int


def daily_totals(reader: Reader, *, metric: str, start: date, end: date) -> QuerySet[FlowObservation]:
    """Current, undivided, day-precision observations of `metric` in [start, end] the reader may read."""
    return figures_visible_to(reader).filter(
        metric=metric,
        date_precision="day",
        date_start__gte=start,
        date_start__lte=end,
        sex="",
        age_group="",
        nationality="",
    )


def build_flows(
    reader: Reader,
    sources: Sources,
    *,
    period: Period,
    metric: str = Metric.ARRIVALS,
    countries: Sequence[str] | None = None,
) -> Flows:
    """Rows for places that are not sites (countries, regions), the busiest sites, and other figures."""
    names = sources.names
    observations = daily_totals(reader, metric=metric, start=period.start, end=period.end).filter(
        place_id__in=list(names.places)
    )
    if countries is not None:
        observations = observations.filter(place__country__code__in=list(countries))
    places = {
        place.pk: place
        for place in places_visible_to(reader).filter(
            pk__in=observations.order_by().values("place_id").distinct()
        )
    }
    main_ids = [pk for pk, place in places.items() if place.kind not in SITE_KINDS]
    rows, series = _main_rows(observations.filter(place_id__in=main_ids), places, sources, period, metric)
    sites = _site_rows(observations.exclude(place_id__in=main_ids), places, sources, period, metric)
    ordered = route_order([places[pk] for pk in {row_key.place_id for row_key in rows}], reader)
    position = {place.pk: index for index, place in enumerate(ordered)}
    main = sorted(rows.items(), key=lambda item: (position[item[0].place_id], item[1].source))
    return Flows(
        metric=metric,
        metric_label=Metric(metric).label,
        rows=tuple(row for _, row in main) + sites,
        series=tuple(series[key] for key, _ in main),
        other_figures=other_figures(reader, sources, period=period, countries=countries),
    )


def _main_rows(
    observations: QuerySet[FlowObservation],
    places: dict[int, Place],
    sources: Sources,
    period: Period,
    metric: str,
) -> tuple[dict[_Key, FlowRow], dict[_Key, FlowSeries]]:
    days: dict[_Key, dict[date, int | None]] = defaultdict(dict)
    highest: dict[_Key, str] = defaultdict(lambda: Classification.PUBLIC)
    for place_id, source_id, day, value, status, classification in observations.order_by().values_list(
        "place_id", "source_organisation_id", "date_start", "value", "value_status", "classification"
    ):
        key = _Key(place_id, source_id)
        days[key][day] = value if status == ValueStatus.REPORTED else None
        highest[key] = max(highest[key], classification, key=Classification.rank)
    rows: dict[_Key, FlowRow] = {}
    series: dict[_Key, FlowSeries] = {}
    for key, by_day in days.items():
        place = places[key.place_id]
        source = sources.names.organisation(key.source_id)
        ref = _register(sources, observations, place, key, period, metric, highest[key], len(by_day))
        rows[key] = _row(place, source, by_day, period, ref)
        series[key] = FlowSeries(
            place_slug=place.slug,
            label=f"{place.name} ({source})",
            points=tuple(SeriesPoint(day, by_day[day]) for day in sorted(by_day)),
        )
    return rows, series


def _row(place: Place, source: str, by_day: dict[date, int | None], period: Period, ref: str) -> FlowRow:
    reported = {day: value for day, value in by_day.items() if value is not None}
    peak_day = max(sorted(reported), key=lambda day: reported[day]) if reported else None
    length = (period.end - period.start).days + 1
    return FlowRow(
        place_slug=place.slug,
        place_name=place.name,
        place_kind=place.kind,
        is_site=False,
        country_code=place.country.code if place.country else "",
        source=source,
        total=sum(reported.values()),
        days_reported=len(reported),
        days_not_available=len(by_day) - len(reported),
        days_missing=length - len(by_day),
        peak_day=peak_day,
        peak_value=reported[peak_day] if peak_day else None,
        months=_months(reported, period),
        ref=ref,
    )


def _months(reported: dict[date, int], period: Period) -> tuple[MonthValue, ...]:
    sums: dict[date, list[int]] = defaultdict(list)
    for day, value in reported.items():
        sums[day.replace(day=1)].append(value)
    return tuple(
        MonthValue(
            month=month, value=sum(sums[month]) if sums[month] else None, days_reported=len(sums[month])
        )
        for month in months_of(period)
    )


def months_of(period: Period) -> list[date]:
    months, month = [], period.start.replace(day=1)
    while month <= period.end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _site_rows(
    observations: QuerySet[FlowObservation],
    places: dict[int, Place],
    sources: Sources,
    period: Period,
    metric: str,
) -> tuple[FlowRow, ...]:
    """The busiest sites by total over the period, summed in the database (there may be many)."""
    totals: dict[_Key, list[int]] = defaultdict(lambda: [0, 0, 0])
    highest: dict[_Key, str] = defaultdict(lambda: Classification.PUBLIC)
    grouped = (
        observations.order_by()
        .values("place_id", "source_organisation_id", "value_status", "classification")
        .annotate(days=Count("id"), total=Sum("value"))
    )
    for row in grouped:
        key = _Key(row["place_id"], row["source_organisation_id"])
        reported = row["value_status"] == ValueStatus.REPORTED
        totals[key][0] += row["total"] or 0
        totals[key][1 if reported else 2] += row["days"]
        highest[key] = max(highest[key], row["classification"], key=Classification.rank)
    busiest = sorted(totals.items(), key=lambda item: (-item[1][0], places[item[0].place_id].slug))[
        :SITE_ROWS
    ]
    length = (period.end - period.start).days + 1
    rows = []
    for key, (total, reported_days, missing_days) in busiest:
        place = places[key.place_id]
        count = reported_days + missing_days
        rows.append(
            FlowRow(
                place_slug=place.slug,
                place_name=place.name,
                place_kind=place.kind,
                is_site=True,
                country_code=place.country.code if place.country else "",
                source=sources.names.organisation(key.source_id),
                total=total,
                days_reported=reported_days,
                days_not_available=missing_days,
                days_missing=length - count,
                peak_day=None,
                peak_value=None,
                months=(),
                ref=_register(sources, observations, place, key, period, metric, highest[key], count),
            )
        )
    return tuple(rows)


def _register(
    sources: Sources,
    observations: QuerySet[FlowObservation],
    place: Place,
    key: _Key,
    period: Period,
    metric: str,
    classification: str,
    count: int,
) -> str:
    """Name the set of observations behind a row by its query, with a summary of what they cite."""
    source_slug = sources.names.organisation_slug(key.source_id)
    chosen = observations.filter(place_id=key.place_id, source_organisation_id=key.source_id)
    citations = cited_sources(FlowObservation, chosen.order_by().values("id"))
    return sources.query(
        key=f"observations:{place.slug}:{metric}:{source_slug}:{period.start}/{period.end}",
        kind="observations",
        title=f"Daily {metric} at {place.name} reported by {sources.names.organisation(key.source_id)}",
        date_text=period.text,
        classification=classification,
        count=count,
        citations=citations,
    )


def other_figures(
    reader: Reader, sources: Sources, *, period: Period, countries: Sequence[str] | None = None
) -> tuple[Statement, ...]:
    """Totals given for longer periods than a day that overlap the report's period (e.g. the study's);
    breakdowns (one nationality, one sex) are left out: they are parts of figures, not the picture."""
    figures = (
        figures_visible_to(reader)
        .exclude(date_precision="day")
        .filter(
            date_start__lte=period.end,
            date_end__gte=period.start,
            value_status=ValueStatus.REPORTED,
            place_id__in=list(sources.names.places),
            sex="",
            age_group="",
            nationality="",
        )
        .order_by("date_start", "place__name", "id")
    )
    if countries is not None:
        figures = figures.filter(place__country__code__in=list(countries))
    statements = []
    for observation in figures[:OTHER_FIGURES]:
        qualifier = (
            "" if observation.value_qualifier == "exact" else f"{observation.get_value_qualifier_display()} "
        )
        text = (
            f"{observation.get_metric_display()}, {sources.names.place(observation.place_id)}, "
            f"{observation.date_text}: {qualifier}{observation.value:,}"
            f" (source: {sources.names.organisation(observation.source_organisation_id)})."
        )
        ref = sources.record(
            observation, kind="observation", title=text.rstrip("."), date_text=observation.date_text
        )
        statements.append(Statement(text=text, refs=(ref,)))
    return tuple(statements)
