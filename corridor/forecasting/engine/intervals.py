"""Prediction intervals from the forecaster's own recent out-of-sample errors (split-conformal style).

Method: split conformal prediction with (normalised) absolute-residual scores (Vovk, Gammerman & Shafer,
*Algorithmic Learning in a Random World*, 2005; Lei et al., "Distribution-free predictive inference for
regression", JASA 113(523), 2018), applied sequentially on a trailing calibration window as for time
series (Xu & Xie, "Conformal prediction interval for dynamic time-series", ICML 2021).

For origin o, horizon k and place p the calibration scores are the scaled absolute errors of the same
forecaster at the same horizon on the last `calibration` target days that were already observed at o:

    R = { |y_p(s) − ŷ_p(s | data ≤ s − k)| / max(ŷ_p(s | data ≤ s − k), f) : o − calibration < s ≤ o,
          both reported }

(normalised nonconformity scores, Papadopoulos et al., "Normalized nonconformity measures for regression
conformal prediction", 2008: route flows fell twenty-fold within weeks in 2016 and errors scale with the
level; f = `relative_floor` persons/day keeps near-zero forecasts from dividing by ~0; `relative_floor=None`
uses plain absolute errors and s(ŷ) = 1). With n = |R| and miscoverage α = 1 − coverage, q is the
⌈(n + 1)(1 − α)⌉-th smallest score (∞ when that rank exceeds n), and the interval is

    [ max(0, ŷ − q·s(ŷ)),  ŷ + q·s(ŷ) ],   s(ŷ) = max(ŷ, f),   ŷ = ŷ_p(o + k | data ≤ o).

Under exchangeable scores this covers with probability ≥ 1 − α; on a route whose flows break (closures)
it does not, which is exactly what `alerts` looks for. Fewer than `min_scores` scores give no interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridor.forecasting.engine.evaluation import ForecastArchive
from corridor.forecasting.engine.series import DailySeries


@dataclass(frozen=True, eq=False)
class IntervalArchive:
    """Point forecasts with `lower[o, h, p]` and `upper[o, h, p]` bounds at the given `coverage`."""

    forecasts: ForecastArchive
    coverage: float
    lower: np.ndarray
    upper: np.ndarray

    def __post_init__(self) -> None:
        if self.lower.shape != self.forecasts.values.shape or self.upper.shape != self.forecasts.values.shape:
            raise ValueError("lower and upper must have the forecasts' shape (origins, horizons, places)")
        self.lower.setflags(write=False)
        self.upper.setflags(write=False)

    def band(self, horizon: int, place: str) -> pd.DataFrame:
        """Forecast, lower and upper of one place at one horizon, indexed by target date."""
        h = self.forecasts.horizons.index(horizon)
        p = self.forecasts.places.index(place)
        return pd.DataFrame(
            {
                "forecast": self.forecasts.values[:, h, p],
                "lower": self.lower[:, h, p],
                "upper": self.upper[:, h, p],
            },
            index=self.forecasts.origins + pd.Timedelta(days=horizon),
        )


def conformal_quantile(scores: np.ndarray, coverage: float) -> float:
    """The ⌈(n + 1)·coverage⌉-th smallest score; ∞ when that rank exceeds n."""
    n = len(scores)
    rank = math.ceil((n + 1) * coverage)
    if rank > n:
        return float("inf")
    return float(np.sort(scores)[rank - 1])


def conformal_intervals(
    archive: ForecastArchive,
    series: DailySeries,
    *,
    coverage: float = 0.9,
    calibration: int = 28,
    min_scores: int = 10,
    relative_floor: float | None = 100.0,
) -> IntervalArchive:
    """Add intervals to every forecast in `archive`, calibrated only on errors observable at its origin.

    The archive must hold consecutive daily origins so that the earlier forecasts exist; the first
    `calibration + k` origins of each horizon k therefore have fewer scores (or none).
    """
    if not 0 < coverage < 1:
        raise ValueError(f"coverage must be between 0 and 1, got {coverage}")
    if calibration < min_scores:
        raise ValueError(f"calibration ({calibration}) must be >= min_scores ({min_scores})")
    lower = np.full(archive.values.shape, np.nan)
    upper = np.full(archive.values.shape, np.nan)
    for p, place in enumerate(archive.places):
        for h, k in enumerate(archive.horizons):
            targets = archive.origins + pd.Timedelta(days=k)
            actual = _observed_at(series, targets, place)
            errors = np.abs(actual - archive.values[:, h, p])
            if relative_floor is not None:
                errors = errors / np.maximum(archive.values[:, h, p], relative_floor)
            for o, origin in enumerate(archive.origins):
                known = (targets <= origin) & (targets > origin - pd.Timedelta(days=calibration))
                scores = errors[known]
                scores = scores[~np.isnan(scores)]
                point = archive.values[o, h, p]
                if len(scores) < min_scores or np.isnan(point):
                    continue
                q = conformal_quantile(scores, coverage)
                if relative_floor is not None:
                    q = q * max(point, relative_floor)
                lower[o, h, p] = max(0.0, point - q)
                upper[o, h, p] = point + q
    return IntervalArchive(archive, coverage, lower, upper)


def _observed_at(series: DailySeries, days: pd.DatetimeIndex, place: str) -> np.ndarray:
    offsets = np.asarray((days - series.first).days)
    column = series.column(place)
    inside = (offsets >= 0) & (offsets < len(column))
    values = np.full(len(days), np.nan)
    values[inside] = column[offsets[inside]]
    return values


def empirical_coverage(intervals: IntervalArchive, series: DailySeries, *, horizon: int, place: str) -> float:
    """Share of scored targets whose observed value fell inside [lower, upper]."""
    band = intervals.band(horizon, place)
    actual = _observed_at(series, pd.DatetimeIndex(band.index), place)
    scored = ~np.isnan(actual) & ~np.isnan(band["lower"].to_numpy())
    inside = (actual >= band["lower"].to_numpy()) & (actual <= band["upper"].to_numpy())
    return float(inside[scored].mean()) if scored.any() else float("nan")
