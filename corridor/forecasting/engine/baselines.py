"""Baseline forecasters every model must beat: persistence and the weekly-seasonal naive forecast.

Method and reference: the naive and seasonal naive methods of Hyndman & Athanasopoulos, *Forecasting:
Principles and Practice*, 3rd ed. (OTexts, 2021), §5.2 "Some simple forecasting methods".

Persistence (naive):        ŷ(o + k) = y(o*),  o* = the last day ≤ o with a reported number.
Weekly-seasonal naive:      ŷ(o + k) = y(o + k − 7·⌈k/7⌉),  NaN when that day has no reported number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corridor.forecasting.engine.forecast import PointForecast, check_request, last_reported
from corridor.forecasting.engine.series import DailySeries

WEEK = 7


@dataclass(frozen=True)
class Persistence:
    """Tomorrow and every later day look like the last reported day."""

    name: str = "persistence"

    def predict(self, history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> PointForecast:
        check_request(history, places, horizons)
        level = np.array([last_reported(history.column(place)) for place in places])
        values = np.tile(level, (len(horizons), 1))
        return PointForecast(self.name, history.last, tuple(places), tuple(int(k) for k in horizons), values)


@dataclass(frozen=True)
class WeeklySeasonalNaive:
    """Each day looks like the same weekday in the last observed week."""

    name: str = "weekly-seasonal-naive"

    def predict(self, history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> PointForecast:
        check_request(history, places, horizons)
        end = len(history.dates) - 1
        values = np.full((len(horizons), len(places)), np.nan)
        for h, k in enumerate(horizons):
            row = end + int(k) - WEEK * -(-int(k) // WEEK)
            if row >= 0:
                values[h] = [history.column(place)[row] for place in places]
        return PointForecast(self.name, history.last, tuple(places), tuple(int(k) for k in horizons), values)
