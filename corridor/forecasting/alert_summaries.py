"""Alerts as the dashboard, the API and the CLI show them: each with the policy change that preceded it.

Pure computation on an engine `DailySeries` and the policy changes the reader's timeline holds (no
database). `engine.monitor` makes the rolling one-day-ahead forecasts of the transit-lag model with
split-conformal intervals; an alert is a day whose observed count lies outside its interval. An alert's
"policy change nearby" is the latest change that had started by the alert's day and had not ended more than
`NEARBY_DAYS` before it. Timeline dates can be imprecise ("winter 2016"): a change counts from the first
day of its span, and the delays in `timings` are days after that first day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.engine import DailySeries, PolicyChange, TransitLagModel, monitor
from corridor.forecasting.engine.transit import upstream_along_route
from corridor.forecasting.forecasts import CALIBRATION_DAYS, DEFAULT_COVERAGE

NEARBY_DAYS = 14
MAX_ALERT_DAYS = 200


@dataclass(frozen=True)
class TimelineChange:
    """A policy change as the reader's timeline dates it."""

    slug: str
    title: str
    start: date
    end: date
    when: str

    def as_engine(self) -> PolicyChange:
        return PolicyChange(self.start, self.end, "", self.title)

    def near(self, day: date) -> bool:
        return self.start <= day <= self.end + timedelta(days=NEARBY_DAYS)

    def to_dict(self) -> dict[str, str]:
        return {"slug": self.slug, "title": self.title, "when": self.when, "start": self.start.isoformat()}


def alert_window(series: DailySeries, first: date | None, last: date | None) -> tuple[date, date]:
    """The days to score: within the series, at least one day after its first; default its last 60 days."""
    end = min(last or series.last.date(), series.last.date())
    start = max(first or end - timedelta(days=59), series.first.date() + timedelta(days=1))
    problems: dict[str, list[str]] = {}
    if start > end:
        problems["start"] = [
            f"{start.isoformat()} is after {end.isoformat()}, the last day of data you can see"
        ]
    elif (end - start).days + 1 > MAX_ALERT_DAYS:
        problems["end"] = [
            f"at most {MAX_ALERT_DAYS} days at a time ({start.isoformat()} – {end.isoformat()})"
        ]
    if problems:
        raise ValidationFailed(problems)
    return start, end


def compute_alerts(
    series: DailySeries,
    changes: Sequence[TimelineChange],
    *,
    first: date | None = None,
    last: date | None = None,
    places: Sequence[str],
    labels: dict[str, str] | None = None,
    horizon: int = 1,
    coverage: float = DEFAULT_COVERAGE,
) -> dict[str, Any]:
    """Alerts on `places` (series keys, labelled by `labels`) in [first, last] (default: the last 60 days of
    data) with nearby changes and timings. The transit-lag model reads the series in their order, upstream
    first."""
    if not 1 <= horizon <= 14:
        raise ValidationFailed({"horizon": [f"{horizon} is outside 1–14 days"]})
    if not 0.5 <= coverage <= 0.99:
        raise ValidationFailed({"coverage": [f"{coverage} is outside 0.5–0.99"]})
    start, end = alert_window(series, first, last)
    report = monitor(
        series,
        TransitLagModel(upstream=upstream_along_route(series.places)),
        [change.as_engine() for change in changes],
        places=list(places),
        first=start,
        last=end,
        horizon=horizon,
        coverage=coverage,
        calibration=CALIBRATION_DAYS,
    )
    alerts = []
    for alert in report.alerts:
        nearby = [change for change in changes if change.near(alert.day)]
        alerts.append(
            {
                "day": alert.day.isoformat(),
                "place": alert.place,
                "label": (labels or {}).get(alert.place, alert.place),
                "observed": round(alert.observed, 1),
                "lower": round(alert.lower, 1),
                "upper": round(alert.upper, 1),
                "direction": alert.direction,
                "policy_change": nearby[-1].to_dict() if nearby else None,
            }
        )
    rate = report.timing.background_rate
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "horizon": horizon,
        "coverage": coverage,
        "places": list(places),
        "alerts": alerts,
        "timings": [
            {
                "policy_change": changes[index // len(places)].to_dict(),
                "place": timing.place,
                "first_alert": timing.first_alert.isoformat() if timing.first_alert else None,
                "days_after": timing.days_after,
                "direction": timing.direction,
                "alerts_in_window": timing.alerts_in_window,
            }
            for index, timing in enumerate(report.timing.timings)  # changes × places, in that order
        ],
        "background_rate": None if np.isnan(rate) else round(rate, 4),
        "scored_days": report.timing.scored_days,
    }
