"""The contract every forecaster keeps: a history that ends at the origin in, point forecasts out.

A forecaster receives `history` (a `DailySeries` whose last date is the forecast origin o) and returns
ŷ_p(o + k) for each requested place p and horizon k ≥ 1 (days). It never receives anything later than o:
`evaluation.rolling_origin` cuts the series with `DailySeries.until(o)` before calling it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from corridor.forecasting.engine.series import DailySeries

MAX_HORIZON = 14


@dataclass(frozen=True, eq=False)
class PointForecast:
    """Point forecasts `values[h, p]` of `places[p]` for day `origin + horizons[h]`; NaN = no forecast."""

    method: str
    origin: pd.Timestamp
    places: tuple[str, ...]
    horizons: tuple[int, ...]
    values: np.ndarray

    def __post_init__(self) -> None:
        if self.values.shape != (len(self.horizons), len(self.places)):
            raise ValueError(f"values {self.values.shape} must have shape (horizons, places)")
        self.values.setflags(write=False)

    def target_dates(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex([self.origin + pd.Timedelta(days=k) for k in self.horizons])

    def to_frame(self) -> pd.DataFrame:
        """Long frame: origin, target, horizon, place, forecast."""
        h_index, p_index = np.meshgrid(range(len(self.horizons)), range(len(self.places)), indexing="ij")
        targets = self.target_dates()
        return pd.DataFrame(
            {
                "origin": self.origin,
                "target": targets[h_index.ravel()],
                "horizon": np.asarray(self.horizons)[h_index.ravel()],
                "place": np.asarray(self.places)[p_index.ravel()],
                "forecast": self.values.ravel(),
            }
        )


class Forecaster(Protocol):
    """Anything with a `name` and a `predict` that reads only the history it is given."""

    @property
    def name(self) -> str: ...

    def predict(self, history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> PointForecast:
        """Forecast `places` at `horizons` days after `history.last`."""
        ...


def check_request(history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> None:
    """Raise a ValueError naming the bad place or horizon."""
    for place in places:
        history.place_index(place)
    for k in horizons:
        if not 1 <= int(k) <= MAX_HORIZON:
            raise ValueError(f"horizon {k} is outside 1–{MAX_HORIZON} days")


def last_reported(column: np.ndarray) -> float:
    """The most recent number in `column` (NaN cells skipped); NaN if there is none."""
    reported = np.flatnonzero(~np.isnan(column))
    return float(column[reported[-1]]) if len(reported) else float("nan")
