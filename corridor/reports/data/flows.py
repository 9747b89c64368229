"""Flow figures as reports state them: per place totals, monthly sums, daily series, and the map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corridor.reports.data.common import Statement


@dataclass(frozen=True)
class MonthValue:
    """The sum of a month's reported days (`value` None when no day was reported) and the days counted."""

    month: date
    value: int | None
    days_reported: int


@dataclass(frozen=True)
class FlowRow:
    """One place's daily counts of one metric from one source over the period."""

    place_slug: str
    place_name: str
    place_kind: str
    is_site: bool
    country_code: str
    source: str
    total: int
    days_reported: int
    days_not_available: int
    days_missing: int
    peak_day: date | None
    peak_value: int | None
    months: tuple[MonthValue, ...]
    ref: str


@dataclass(frozen=True)
class SeriesPoint:
    day: date
    value: int | None


@dataclass(frozen=True)
class FlowSeries:
    """A place's daily values for the chart; days a source said 'not available' are None."""

    place_slug: str
    label: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True)
class Flows:
    """Daily counts of `metric` at the places along the route, in route order (see `builders.flows`)."""

    metric: str
    metric_label: str
    rows: tuple[FlowRow, ...]
    series: tuple[FlowSeries, ...]
    other_figures: tuple[Statement, ...]


@dataclass(frozen=True)
class MapCountry:
    code: str
    name: str
    value: int | None


@dataclass(frozen=True)
class MapSite:
    """A point on the map: a site (sized by its period total where it has one) or an operation's seat."""

    slug: str
    name: str
    kind: str
    role: str
    latitude: float
    longitude: float
    value: int | None


@dataclass(frozen=True)
class MapLink:
    origin: str
    destination: str
    from_longitude: float
    from_latitude: float
    to_longitude: float
    to_latitude: float


@dataclass(frozen=True)
class MapData:
    """What the map shows: countries shaded by their period total, sites as points, route legs as lines."""

    countries: tuple[MapCountry, ...]
    sites: tuple[MapSite, ...]
    links: tuple[MapLink, ...]
    highlight_countries: tuple[str, ...]
