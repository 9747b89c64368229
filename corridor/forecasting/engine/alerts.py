"""Alerts when observed flows leave the forecast interval, and how soon they follow a policy change.

Method: interval-exceedance monitoring — a forecast-based control chart (Box, Jenkins & Reinsel, *Time
Series Analysis*, 4th ed., 2008, §13 on forecast-error monitoring) with conformal intervals in place of
Gaussian limits. For place p, day t and horizon k (default 1):

    alert_p(t)  ⇔  y_p(t) < L_p(t | data ≤ t − k)  ("below")  or  y_p(t) > U_p(t | data ≤ t − k)  ("above").

Timing of a policy change c with start day d_c (taken as input: the caller passes the dated changes):

    first_p(c) = min { t : alert_p(t), d_c ≤ t ≤ d_c + max_days },    delay_p(c) = first_p(c) − d_c (days).

The background rate is the share of scored place-days outside every [d_c, d_c + max_days] that alert, so a
delay can be read against how often the monitor fires anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from corridor.forecasting.engine.evaluation import rolling_origin
from corridor.forecasting.engine.forecast import Forecaster
from corridor.forecasting.engine.intervals import IntervalArchive, conformal_intervals
from corridor.forecasting.engine.series import DailySeries

POLICY_COLUMNS = ("start", "end", "country", "label")


@dataclass(frozen=True)
class PolicyChange:
    """A dated policy change: in force from `start` (announced or implemented over `start`–`end`)."""

    start: date
    end: date
    country: str
    label: str


@dataclass(frozen=True)
class Alert:
    day: date
    place: str
    horizon: int
    observed: float
    lower: float
    upper: float

    @property
    def direction(self) -> str:
        return "below" if self.observed < self.lower else "above"


@dataclass(frozen=True)
class AlertTiming:
    change: PolicyChange
    place: str
    first_alert: date | None
    direction: str | None
    alerts_in_window: int

    @property
    def days_after(self) -> int | None:
        return None if self.first_alert is None else (self.first_alert - self.change.start).days


@dataclass(frozen=True)
class AlertTimingTable:
    """For each policy change and place, the first alert within `max_days` and the background rate."""

    horizon: int
    coverage: float
    max_days: int
    timings: tuple[AlertTiming, ...]
    background_rate: float
    scored_days: int

    def to_markdown(self) -> str:
        places = list(dict.fromkeys(t.place for t in self.timings))
        changes = list(dict.fromkeys(t.change for t in self.timings))
        lines = [
            "| policy change (start) | " + " | ".join(places) + " |",
            "| --- | " + " | ".join(":---:" for _ in places) + " |",
        ]
        for change in changes:
            cells = []
            for place in places:
                timing = next(t for t in self.timings if t.change == change and t.place == place)
                if timing.first_alert is None:
                    cells.append(f"none in {self.max_days} d")
                else:
                    count = timing.alerts_in_window
                    noun = "alert" if count == 1 else "alerts"
                    cells.append(f"+{timing.days_after} d ({timing.direction}; {count} {noun})")
            lines.append(f"| {change.label} ({change.start.isoformat()}) | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append(
            f"Alerts: observed outside the {self.coverage:.0%} interval of the {self.horizon}-day-ahead "
            "forecast. "
            f"Cell: days from the change's start to the first alert within {self.max_days} days (direction; "
            f"alerts in that window). Background: {self.background_rate:.1%} of {self.scored_days} "
            "place-days "
            "outside every change window alert."
        )
        return "\n".join(lines)


def read_policy_changes(path: Path | str) -> tuple[PolicyChange, ...]:
    """Read a CSV with columns start, end, country, label (ISO dates); a ValueError names the bad row."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    absent = [c for c in POLICY_COLUMNS if c not in raw.columns]
    if absent:
        raise ValueError(f"{path}: missing column(s) {', '.join(absent)}")
    changes = []
    for line, (start, end, country, label) in enumerate(raw[list(POLICY_COLUMNS)].itertuples(index=False), 2):
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            raise ValueError(
                f"{path}, line {line}: start {start!r} / end {end!r} must be ISO dates"
            ) from None
        if last < first:
            raise ValueError(f"{path}, line {line}: end {end} is before start {start}")
        if not label:
            raise ValueError(f"{path}, line {line}: column label is empty")
        changes.append(PolicyChange(first, last, country, label))
    return tuple(changes)


def detect_alerts(
    intervals: IntervalArchive,
    series: DailySeries,
    *,
    horizon: int = 1,
    first: date | None = None,
    last: date | None = None,
) -> tuple[Alert, ...]:
    """Every day (between `first` and `last`) whose observed count lies outside its interval."""
    alerts = []
    for place in intervals.forecasts.places:
        band = intervals.band(horizon, place)
        for day, (_, lower, upper) in band.iterrows():
            stamp = pd.Timestamp(day)
            if (first and stamp.date() < first) or (last and stamp.date() > last):
                continue
            if not series.first <= stamp <= series.last or np.isnan(lower):
                continue
            value = float(series.values[series.date_index(stamp), series.place_index(place)])
            if not np.isnan(value) and not lower <= value <= upper:
                alerts.append(Alert(stamp.date(), place, horizon, value, float(lower), float(upper)))
    return tuple(sorted(alerts, key=lambda a: (a.day, a.place)))


def time_alerts(
    alerts: Sequence[Alert],
    changes: Sequence[PolicyChange],
    *,
    intervals: IntervalArchive,
    series: DailySeries,
    horizon: int = 1,
    max_days: int = 14,
    first: date | None = None,
    last: date | None = None,
) -> AlertTimingTable:
    """First alert per change and place within `max_days`, with the background alert rate."""
    places = intervals.forecasts.places
    timings = []
    for change in changes:
        window_end = change.start + pd.Timedelta(days=max_days).to_pytimedelta()
        for place in places:
            hits = [a for a in alerts if a.place == place and change.start <= a.day <= window_end]
            first_hit = hits[0] if hits else None
            timings.append(
                AlertTiming(
                    change=change,
                    place=place,
                    first_alert=first_hit.day if first_hit else None,
                    direction=first_hit.direction if first_hit else None,
                    alerts_in_window=len(hits),
                )
            )
    scored, background = _background(alerts, changes, intervals, series, horizon, max_days, first, last)
    rate = background / scored if scored else float("nan")
    return AlertTimingTable(horizon, intervals.coverage, max_days, tuple(timings), rate, scored)


def _background(
    alerts: Sequence[Alert],
    changes: Sequence[PolicyChange],
    intervals: IntervalArchive,
    series: DailySeries,
    horizon: int,
    max_days: int,
    first: date | None,
    last: date | None,
) -> tuple[int, int]:
    def in_a_window(day: date) -> bool:
        return any(0 <= (day - c.start).days <= max_days for c in changes)

    scored = 0
    for place in intervals.forecasts.places:
        band = intervals.band(horizon, place)
        for day, (_, lower, _upper) in band.iterrows():
            stamp = pd.Timestamp(day)
            if (first and stamp.date() < first) or (last and stamp.date() > last) or np.isnan(lower):
                continue
            if not series.first <= stamp <= series.last:
                continue
            if np.isnan(series.values[series.date_index(stamp), series.place_index(place)]):
                continue
            scored += not in_a_window(stamp.date())
    background = sum(
        not in_a_window(a.day)
        for a in alerts
        if (not first or a.day >= first) and (not last or a.day <= last)
    )
    return scored, background


@dataclass(frozen=True, eq=False)
class AlertReport:
    """Intervals, the alerts they raise, and their timing against the policy changes."""

    intervals: IntervalArchive
    alerts: tuple[Alert, ...]
    timing: AlertTimingTable


def monitor(
    series: DailySeries,
    model: Forecaster,
    changes: Sequence[PolicyChange],
    *,
    places: Sequence[str],
    first: date,
    last: date,
    horizon: int = 1,
    coverage: float = 0.9,
    calibration: int = 28,
    max_days: int = 14,
) -> AlertReport:
    """Rolling-origin forecasts with conformal intervals over `first`–`last`, alerts and their timing.

    Origins start `calibration` days before `first` (or at the series' first day) so the intervals of the
    first target day are calibrated.
    """
    origins = pd.date_range(
        pd.Timestamp(first) - pd.Timedelta(days=calibration + horizon),
        pd.Timestamp(last) - pd.Timedelta(days=horizon),
        freq="D",
    )
    origins = origins[origins >= series.first]
    archive = rolling_origin(model, series, origins=origins, places=places, horizons=[horizon])
    intervals = conformal_intervals(archive, series, coverage=coverage, calibration=calibration)
    alerts = detect_alerts(intervals, series, horizon=horizon, first=first, last=last)
    timing = time_alerts(
        alerts,
        changes,
        intervals=intervals,
        series=series,
        horizon=horizon,
        max_days=max_days,
        first=first,
        last=last,
    )
    return AlertReport(intervals, alerts, timing)
