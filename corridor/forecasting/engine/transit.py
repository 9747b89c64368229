"""Transit-lag model: a place's arrivals as non-negative lag kernels over the counts upstream on the route.

Method: a direct multi-step distributed-lag regression (Almon 1965; Judge et al., *The Theory and Practice
of Econometrics*, 2nd ed., 1985, ch. 17), one model per place c and horizon k, with non-negative lag
weights (a person counted upstream arrives later or not at all, never negatively) fitted by
Lawson–Hanson NNLS with a ridge penalty, re-fitted at every origin on a trailing window, and averaged
across several window lengths (Pesaran & Pick, "Forecast combination across estimation windows",
J. Business & Economic Statistics 29(2), 2011). The design mirrors the British Red Cross models of Jan 2016
(upstream lags only, model k uses lags ≥ k), with positivity and window averaging in place of the lasso.

For origin o, horizon k, place c with upstream places U(c) on the route graph and kernel length L:

    ŷ_c(o + k) = Σ_{u ∈ U(c)} Σ_{l = k}^{k + L} w_{u,l} · x_u(o + k − l),      w_{u,l} ≥ 0

so only counts up to the origin enter. For each window length N the weights minimise

    (1/n) Σ_{s ∈ S} ( (y_c(s) − Σ_{u,l} w_{u,l} x_u(s − l)) / ȳ )²  +  λ ‖w‖²,
    S = { s : o − N < s ≤ o, y_c(s) and every x_u(s − l) reported },  n = |S|,  ȳ = mean_{s∈S} y_c(s),

(dividing by ȳ makes λ a dimensionless penalty on weights that are persons per person), and the forecast
is the mean of the window members that could be fitted (n ≥ `min_rows`) and whose inputs are all
reported. The learned kernel reads as transit: Σ_l w_{u,l} is the share of u's count that reaches c and
Σ_l l·w_{u,l} / Σ_l w_{u,l} its mean lag in days (`LagKernel`). A place without upstream places (the start
of the route) is modelled on its own past counts by the same formula with U(c) = {c}.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from corridor.forecasting.engine.forecast import PointForecast, check_request
from corridor.forecasting.engine.nonnegative import nonnegative_ridge
from corridor.forecasting.engine.series import DailySeries


@dataclass(frozen=True, eq=False)
class LagKernel:
    """Fitted weights `weights[u, j]` of upstream place `upstream[u]` at lag `lags[j]` days."""

    place: str
    horizon: int
    upstream: tuple[str, ...]
    lags: tuple[int, ...]
    weights: np.ndarray
    rows: int

    def share(self, upstream: str) -> float:
        """Σ_l w_{u,l}: persons arriving at the place per person counted at `upstream`."""
        return float(self.weights[self.upstream.index(upstream)].sum())

    def mean_lag(self, upstream: str) -> float:
        """Σ_l l·w_{u,l} / Σ_l w_{u,l} in days; NaN when the kernel of `upstream` is all zero."""
        row = self.weights[self.upstream.index(upstream)]
        total = row.sum()
        return float(np.dot(self.lags, row) / total) if total > 0 else float("nan")


@dataclass(frozen=True)
class TransitLagModel:
    """Non-negative distributed-lag forecasts from upstream counts, re-fitted at each origin.

    `upstream` maps each place to the places before it on the route (e.g. `upstream_along_route`). Defaults
    (kernel of 7 lags, λ = 0.1, windows of 3, 4, 6 and 8 weeks) were chosen by rolling-origin validation on
    15 Nov – 13 Dec 2015, before the window the British Red Cross benchmark covers.
    """

    upstream: Mapping[str, tuple[str, ...]] = field(hash=False)
    kernel_length: int = 6
    ridge: float = 0.1
    windows: tuple[int, ...] = (21, 28, 42, 56)
    min_rows: int = 14
    name: str = "transit-lag"

    def __post_init__(self) -> None:
        if self.kernel_length < 0:
            raise ValueError(f"kernel_length must be >= 0, got {self.kernel_length}")
        if not self.windows or min(self.windows) < self.min_rows:
            raise ValueError(f"windows {self.windows} must be non-empty and each >= min_rows={self.min_rows}")
        for place, before in self.upstream.items():
            if place in before:
                raise ValueError(f"place {place!r} is listed as its own upstream")

    def predict(self, history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> PointForecast:
        check_request(history, places, horizons)
        values = np.full((len(horizons), len(places)), np.nan)
        for p, place in enumerate(places):
            for h, k in enumerate(horizons):
                values[h, p] = self._forecast_one(history, place, int(k))
        return PointForecast(self.name, history.last, tuple(places), tuple(int(k) for k in horizons), values)

    def fit(self, history: DailySeries, place: str, horizon: int, window: int) -> LagKernel | None:
        """The kernel fitted on the `window` days ending at `history.last`; None if too few rows."""
        features, target, sources = self._design(history, place, horizon)
        return self._fit_design(features, target, sources, place, horizon, window, len(history.dates))

    def _fit_design(
        self,
        features: np.ndarray,
        target: np.ndarray,
        sources: tuple[str, ...],
        place: str,
        horizon: int,
        window: int,
        end: int,
    ) -> LagKernel | None:
        rows = np.arange(max(0, end - window), end)
        usable = rows[~np.isnan(features[rows]).any(axis=1) & ~np.isnan(target[rows])]
        if len(usable) < self.min_rows:
            return None
        scale = float(target[usable].mean())
        if scale <= 0:
            weights = np.zeros(features.shape[1])
        else:
            root_n = np.sqrt(len(usable))
            weights = nonnegative_ridge(
                features[usable] / scale / root_n, target[usable] / scale / root_n, self.ridge
            )
        lags = tuple(range(horizon, horizon + self.kernel_length + 1))
        return LagKernel(place, horizon, sources, lags, weights.reshape(len(sources), len(lags)), len(usable))

    def _forecast_one(self, history: DailySeries, place: str, horizon: int) -> float:
        features, target, sources = self._design(history, place, horizon, extra_rows=horizon)
        end = len(history.dates)
        inputs = features[end + horizon - 1]
        if np.isnan(inputs).any():
            return float("nan")
        members = []
        for window in self.windows:
            kernel = self._fit_design(features, target, sources, place, horizon, window, end)
            if kernel is not None:
                members.append(float(inputs @ kernel.weights.ravel()))
        return float(np.mean(members)) if members else float("nan")

    def _design(
        self, history: DailySeries, place: str, horizon: int, extra_rows: int = 0
    ) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
        """Rows s = 0 … T−1+extra_rows: features x_u(s − l) for l = k … k+L, and the target y_c(s)."""
        sources = tuple(self.upstream.get(place, ())) or (place,)
        n_rows = len(history.dates) + extra_rows
        lags = range(horizon, horizon + self.kernel_length + 1)
        columns = []
        for source in sources:
            counts = np.concatenate([history.column(source), np.full(extra_rows, np.nan)])
            for lag in lags:
                shifted = np.full(n_rows, np.nan)
                if lag < n_rows:
                    shifted[lag:] = counts[: n_rows - lag]
                columns.append(shifted)
        target = np.concatenate([history.column(place), np.full(extra_rows, np.nan)])
        return np.column_stack(columns), target, sources


def upstream_along_route(route: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Upstream places on a linear route: every place before each one."""
    if len(set(route)) != len(route):
        raise ValueError(f"route lists a place twice: {route}")
    return {place: tuple(route[:i]) for i, place in enumerate(route)}


def kernels_at(model: TransitLagModel, history: DailySeries, place: str, horizon: int) -> list[LagKernel]:
    """The kernels behind one forecast (one per window that could be fitted), for inspection."""
    kernels = (model.fit(history, place, horizon, window) for window in model.windows)
    return [kernel for kernel in kernels if kernel is not None]


def describe_kernel(kernel: LagKernel) -> pd.DataFrame:
    """One row per upstream place: share reaching the place and mean lag in days."""
    return pd.DataFrame(
        {
            "upstream": kernel.upstream,
            "share": [kernel.share(u) for u in kernel.upstream],
            "mean_lag_days": [kernel.mean_lag(u) for u in kernel.upstream],
        }
    )
