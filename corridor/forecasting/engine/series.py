"""Daily counts per place on a contiguous calendar, with the three kinds of gap kept apart.

A source cell is one of: a reported number (a reported 0 is a real 0), the source's explicit "N/A", or
nothing at all (no source has the day). `DailySeries` keeps the numbers in a float array (NaN where there
is no number) and the kind of every cell in a parallel flag array, so a forecaster can tell "zero
arrivals" from "not counted" and a report can say which days were N/A and which were missing.

`DailySeries.until(origin)` is how every forecaster is fed: it returns a copy that ends at the origin, so
a forecast cannot depend on later data by construction (see `evaluation.rolling_origin`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import numpy as np
import pandas as pd

MAX_LISTED_PROBLEMS = 20


class Flag(StrEnum):
    """What a source cell holds."""

    REPORTED = "reported"
    REPORTED_NA = "reported_na"
    MISSING = "missing"


@dataclass(frozen=True, eq=False)
class DailySeries:
    """Daily counts `values[t, p]` for `dates[t]` and `places[p]`; NaN exactly where the flag is not reported.

    Invariants (checked on construction): `dates` is a contiguous daily calendar, `places` are unique,
    `values` and `flags` have shape (len(dates), len(places)), reported cells hold finite non-negative
    numbers and every other cell holds NaN. Arrays are made read-only.
    """

    dates: pd.DatetimeIndex
    places: tuple[str, ...]
    values: np.ndarray
    flags: np.ndarray

    def __post_init__(self) -> None:
        shape = (len(self.dates), len(self.places))
        if self.values.shape != shape or self.flags.shape != shape:
            raise ValueError(
                f"values {self.values.shape} and flags {self.flags.shape} must both have shape {shape}"
            )
        if len(set(self.places)) != len(self.places):
            raise ValueError(f"places must be unique: {self.places}")
        if len(self.dates) > 1 and not ((self.dates[1:] - self.dates[:-1]) == pd.Timedelta(days=1)).all():
            raise ValueError("dates must be a contiguous daily calendar without gaps or repeats")
        reported = self.flags == Flag.REPORTED.value
        if np.isnan(self.values[reported]).any() or (self.values[reported] < 0).any():
            raise ValueError("every reported cell must hold a finite non-negative number")
        if not np.isnan(self.values[~reported]).all():
            raise ValueError("cells flagged reported_na or missing must hold NaN")
        self.values.setflags(write=False)
        self.flags.setflags(write=False)

    @property
    def first(self) -> pd.Timestamp:
        return self.dates[0]

    @property
    def last(self) -> pd.Timestamp:
        return self.dates[-1]

    def column(self, place: str) -> np.ndarray:
        """The counts of one place, NaN where not reported."""
        return self.values[:, self.place_index(place)]

    def place_index(self, place: str) -> int:
        try:
            return self.places.index(place)
        except ValueError:
            raise ValueError(f"unknown place {place!r}; the series has {', '.join(self.places)}") from None

    def date_index(self, day: date | pd.Timestamp) -> int:
        """Row of `day`; a ValueError names the day and the series' span when it is outside."""
        stamp = pd.Timestamp(day)
        offset = (stamp - self.first).days
        if not 0 <= offset < len(self.dates):
            raise ValueError(
                f"date {stamp.date()} is outside the series ({self.first.date()} – {self.last.date()})"
            )
        return offset

    def until(self, origin: date | pd.Timestamp) -> DailySeries:
        """A copy ending at `origin` (inclusive): what was known on that day."""
        end = self.date_index(origin) + 1
        return DailySeries(
            dates=self.dates[:end],
            places=self.places,
            values=self.values[:end].copy(),
            flags=self.flags[:end].copy(),
        )

    def to_frame(self) -> pd.DataFrame:
        """Wide frame: one row per date, one column per place."""
        return pd.DataFrame(self.values, index=self.dates, columns=list(self.places))


def daily_series_from_frame(frame: pd.DataFrame) -> DailySeries:
    """Build a series from a wide frame (date index, one column per place); NaN cells count as missing."""
    if not isinstance(frame.index, pd.DatetimeIndex):
        raise ValueError("the frame's index must be a DatetimeIndex of days")
    values = frame.to_numpy(dtype=float).copy()
    flags = np.where(np.isnan(values), Flag.MISSING.value, Flag.REPORTED.value).astype("<U11")
    return DailySeries(pd.DatetimeIndex(frame.index), tuple(str(c) for c in frame.columns), values, flags)


def read_daily_long(
    source: Path | str | pd.DataFrame,
    *,
    place_column: str = "country",
    value_column: str = "arrivals",
    places: Sequence[str] | None = None,
) -> DailySeries:
    """Read a long table (`date`, place, value, `flag`) into a `DailySeries`, checking every row.

    All problems are collected and raised together in one ValueError naming the row (line in the file,
    header = line 1), the column and the bad value. Days absent from the table become `missing` cells.
    """
    frame = (
        source.copy()
        if isinstance(source, pd.DataFrame)
        else pd.read_csv(source, dtype=str, keep_default_na=False)
    )
    required = ["date", place_column, value_column, "flag"]
    absent = [name for name in required if name not in frame.columns]
    if absent:
        raise ValueError(f"missing column(s) {', '.join(absent)}; found {', '.join(map(str, frame.columns))}")
    frame = frame[required].astype(object).where(frame[required].notna(), "").astype(str)
    problems: list[str] = []
    rows: list[tuple[pd.Timestamp, str, float, str]] = []
    seen: set[tuple[pd.Timestamp, str]] = set()
    for line, (day_text, place, value_text, flag_text) in enumerate(frame.itertuples(index=False), start=2):
        row = _parse_row(line, day_text, place, value_text, flag_text, value_column, problems)
        if row is None:
            continue
        key = (row[0], row[1])
        if key in seen:
            problems.append(
                f"line {line}: duplicate row for date {row[0].date()} and {place_column} {place!r}"
            )
            continue
        seen.add(key)
        rows.append(row)
    if problems:
        listed = problems[:MAX_LISTED_PROBLEMS]
        more = f" (and {len(problems) - len(listed)} more)" if len(problems) > len(listed) else ""
        raise ValueError(f"{len(problems)} problem(s) in the daily table{more}:\n" + "\n".join(listed))
    if not rows:
        raise ValueError("the daily table has no rows")
    return _assemble(rows, places)


def _parse_row(
    line: int,
    day_text: str,
    place: str,
    value_text: str,
    flag_text: str,
    value_column: str,
    problems: list[str],
) -> tuple[pd.Timestamp, str, float, str] | None:
    count_before = len(problems)
    try:
        day = pd.Timestamp(date.fromisoformat(day_text))
    except ValueError:
        problems.append(f"line {line}: column date: {day_text!r} is not an ISO date (YYYY-MM-DD)")
        day = pd.NaT
    if not place:
        problems.append(f"line {line}: the place column is empty")
    try:
        flag = Flag(flag_text)
    except ValueError:
        problems.append(
            f"line {line}: column flag: {flag_text!r} is not one of {', '.join(f.value for f in Flag)}"
        )
        return None
    value = float("nan")
    if flag is Flag.REPORTED:
        try:
            value = float(value_text)
        except ValueError:
            problems.append(f"line {line}: column {value_column}: {value_text!r} is not a number")
        else:
            if not np.isfinite(value) or value < 0:
                problems.append(f"line {line}: column {value_column}: {value_text!r} must be finite and >= 0")
    elif value_text:
        problems.append(f"line {line}: column {value_column}: {value_text!r} given for a {flag.value} row")
    if len(problems) > count_before:
        return None
    return day, place, value, flag.value


def _assemble(rows: list[tuple[pd.Timestamp, str, float, str]], places: Sequence[str] | None) -> DailySeries:
    found = list(dict.fromkeys(place for _, place, _, _ in rows))
    chosen = tuple(places) if places is not None else tuple(found)
    unknown = [place for place in chosen if place not in found]
    if unknown:
        raise ValueError(f"place(s) {', '.join(unknown)} not in the table; it has {', '.join(found)}")
    column = {place: i for i, place in enumerate(chosen)}
    days = [day for day, place, _, _ in rows if place in column]
    dates = pd.date_range(min(days), max(days), freq="D")
    values = np.full((len(dates), len(chosen)), np.nan)
    flags = np.full(values.shape, Flag.MISSING.value, dtype="<U11")
    for day, place, value, flag in rows:
        if place in column:
            t = (day - dates[0]).days
            values[t, column[place]] = value
            flags[t, column[place]] = flag
    return DailySeries(dates=dates, places=chosen, values=values, flags=flags)
