"""Rolling-origin evaluation: forecast from each origin using only what was known on that day.

Method: rolling forecasting origin ("evaluation on a rolling forecasting origin", Hyndman &
Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., 2021, §5.10; Tashman, "Out-of-sample
tests of forecasting accuracy", Int. J. Forecasting 16(4), 2000). For each origin o the forecaster gets
`series.until(o)` — a copy that ends at o — so no forecast can depend on data after its origin. Errors
are then scored against the full series:

    e_p(o, k) = y_p(o + k) − ŷ_p(o + k | data ≤ o),      MAE_p(k) = mean over scored targets of |e_p(o, k)|.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from corridor.forecasting.engine.forecast import Forecaster
from corridor.forecasting.engine.series import DailySeries


@dataclass(frozen=True, eq=False)
class ForecastArchive:
    """Forecasts `values[o, h, p]` made at `origins[o]` for `origins[o] + horizons[h]` at `places[p]`."""

    method: str
    origins: pd.DatetimeIndex
    places: tuple[str, ...]
    horizons: tuple[int, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        expected = (len(self.origins), len(self.horizons), len(self.places))
        if self.values.shape != expected:
            raise ValueError(f"values {self.values.shape} must have shape {expected}")
        self.values.setflags(write=False)

    def forecast_for(self, target: date | pd.Timestamp, horizon: int, place: str) -> float:
        """ŷ_place(target) made `horizon` days before; NaN if that origin is not in the archive."""
        origin = pd.Timestamp(target) - pd.Timedelta(days=horizon)
        rows = np.flatnonzero(self.origins == origin)
        if not len(rows):
            return float("nan")
        return float(self.values[rows[0], self.horizons.index(horizon), self.places.index(place)])

    def by_target(self, horizon: int, place: str) -> pd.Series:
        """Forecasts of one place at one horizon, indexed by target date."""
        column = self.values[:, self.horizons.index(horizon), self.places.index(place)]
        return pd.Series(column, index=self.origins + pd.Timedelta(days=horizon), name=self.method)

    def to_frame(self, series: DailySeries | None = None) -> pd.DataFrame:
        """Long frame: origin, target, horizon, place, forecast (and observed, when `series` is given)."""
        o, h, p = np.meshgrid(
            range(len(self.origins)), range(len(self.horizons)), range(len(self.places)), indexing="ij"
        )
        horizons = np.asarray(self.horizons)[h.ravel()]
        frame = pd.DataFrame(
            {
                "origin": self.origins[o.ravel()],
                "target": self.origins[o.ravel()] + pd.to_timedelta(horizons, unit="D"),
                "horizon": horizons,
                "place": np.asarray(self.places)[p.ravel()],
                "forecast": self.values.ravel(),
            }
        )
        if series is not None:
            frame["observed"] = [
                observed(series, t, place) for t, place in zip(frame.target, frame.place, strict=True)
            ]
        return frame


def rolling_origin(
    forecaster: Forecaster,
    series: DailySeries,
    *,
    origins: Sequence[date | pd.Timestamp] | pd.DatetimeIndex,
    places: Sequence[str],
    horizons: Sequence[int],
) -> ForecastArchive:
    """Forecast from every origin with `series.until(origin)` only."""
    stamps = pd.DatetimeIndex([pd.Timestamp(o) for o in origins])
    values = np.full((len(stamps), len(horizons), len(places)), np.nan)
    for i, origin in enumerate(stamps):
        forecast = forecaster.predict(series.until(origin), places, horizons)
        values[i] = forecast.values
    return ForecastArchive(forecaster.name, stamps, tuple(places), tuple(int(k) for k in horizons), values)


def origins_for_targets(
    first_target: date | pd.Timestamp, last_target: date | pd.Timestamp, max_horizon: int
) -> pd.DatetimeIndex:
    """Every origin whose forecasts at horizons 1…`max_horizon` can reach a target in the window."""
    return pd.date_range(
        pd.Timestamp(first_target) - pd.Timedelta(days=max_horizon),
        pd.Timestamp(last_target) - pd.Timedelta(days=1),
        freq="D",
    )


def observed(series: DailySeries, day: date | pd.Timestamp, place: str) -> float:
    """y_place(day); NaN outside the series or where not reported."""
    offset = (pd.Timestamp(day) - series.first).days
    if not 0 <= offset < len(series.dates):
        return float("nan")
    return float(series.values[offset, series.place_index(place)])


def absolute_errors(
    archive: ForecastArchive, series: DailySeries, *, horizon: int, place: str, targets: pd.DatetimeIndex
) -> np.ndarray:
    """|y − ŷ| on each target date (NaN where either is missing)."""
    predicted = archive.by_target(horizon, place).reindex(targets).to_numpy(dtype=float)
    actual = np.array([observed(series, t, place) for t in targets])
    return np.abs(actual - predicted)
