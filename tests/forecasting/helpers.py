"""Small synthetic series shared by the forecasting tests."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from corridor.forecasting.engine.graph import RouteGraph
from corridor.forecasting.engine.series import DailySeries, daily_series_from_frame


def series_from_columns(start: str = "2016-01-01", **columns: list[float] | np.ndarray) -> DailySeries:
    """A DailySeries from equal-length columns (NaN = missing)."""
    length = len(next(iter(columns.values())))
    index = pd.date_range(start, periods=length, freq="D")
    return daily_series_from_frame(
        pd.DataFrame({k: np.asarray(v, dtype=float) for k, v in columns.items()}, index=index)
    )


def lagged_chain(days: int = 120, lag: int = 2, share: float = 0.8, seed: int = 0) -> DailySeries:
    """upstream: positive random counts; downstream(t) = share · upstream(t − lag) exactly."""
    rng = np.random.default_rng(seed)
    upstream = rng.uniform(1000, 5000, days)
    downstream = np.full(days, np.nan)
    downstream[lag:] = share * upstream[:-lag]
    return series_from_columns(upstream=upstream, downstream=downstream)


START = date(2016, 3, 1)


def fork(capacity_main: float = np.inf, capacity_alternative: float = np.inf) -> RouteGraph:
    """source → main → end (1 day each), and source → alternative → end (2 days), used only on diversion."""
    return RouteGraph(
        places=("source", "main", "alternative", "end"),
        countries=("GR", "MK", "AL", "AT"),
        leave_rate=np.array([1.0, 1.0, 1.0, 0.0]),
        link_from=np.array([0, 0, 1, 2]),
        link_to=np.array([1, 2, 3, 3]),
        transit_days=np.array([1, 2, 1, 1]),
        capacity=np.array([capacity_main, capacity_alternative, np.inf, np.inf]),
        share=np.array([1.0, 0.0, 1.0, 1.0]),
        divert_weight=np.array([0.0, 1.0, 1.0, 1.0]),
    )


def daily_inflow(days: int = 20, persons: float = 100.0) -> pd.DataFrame:
    return pd.DataFrame(
        {"source": np.full(days, persons)}, index=pd.date_range(START, periods=days, freq="D")
    )
