"""Comparison with published forecasts: the British Red Cross window of 14 Dec 2015 – 16 Jan 2016.

The benchmark file holds, per target place and horizon k (the BRC "model k", a lasso on upstream lags
≥ k), the forecast published for each day. `compare_with_benchmark` scores, on exactly the days where the
benchmark has a forecast and the final series has a reported count, three forecasts against the same
observed values y (the final UNHCR series):

    MAE_m(p, k) = (1/n) Σ_t |y_p(t) − ŷ^m_p(t)|,   m ∈ {ours, benchmark, persistence},
    ratio(p, k) = MAE_ours / MAE_benchmark,   goal met when ratio ≤ `goal_ratio`.

`evaluate_brc_window` runs the whole proof (rolling origins, our model, persistence, the table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from corridor.forecasting.engine.baselines import Persistence
from corridor.forecasting.engine.evaluation import (
    ForecastArchive,
    absolute_errors,
    origins_for_targets,
    rolling_origin,
)
from corridor.forecasting.engine.forecast import Forecaster
from corridor.forecasting.engine.series import DailySeries

BRC_FIRST_TARGET = date(2015, 12, 14)
BRC_LAST_TARGET = date(2016, 1, 16)
BRC_PLACES = ("austria", "slovenia", "croatia", "serbia", "fyrom", "mainland_greece_departures")
BRC_HORIZONS = (1, 2, 3, 4, 5)
GOAL_RATIO = 0.75
BENCHMARK_COLUMNS = ("target_country", "model_number", "date", "predicted")


@dataclass(frozen=True, eq=False)
class BenchmarkForecasts:
    """Published forecasts: `frame` has columns place, horizon, target (Timestamp), predicted (NaN = N/A)."""

    name: str
    frame: pd.DataFrame

    def predicted(self, place: str, horizon: int) -> pd.Series:
        rows = self.frame[(self.frame.place == place) & (self.frame.horizon == horizon)]
        return pd.Series(rows.predicted.to_numpy(dtype=float), index=pd.DatetimeIndex(rows.target))


def read_brc_benchmark(path: Path | str) -> BenchmarkForecasts:
    """Read brc_forecast_benchmark_*.csv; a ValueError names the missing column or the bad row."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    absent = [c for c in BENCHMARK_COLUMNS if c not in raw.columns]
    if absent:
        raise ValueError(f"{path}: missing column(s) {', '.join(absent)}")
    problems = []
    rows = []
    for line, record in enumerate(raw[list(BENCHMARK_COLUMNS)].itertuples(index=False), start=2):
        place, model_number, day, predicted = record
        try:
            horizon = int(model_number)
            target = pd.Timestamp(date.fromisoformat(day))
            value = float(predicted) if predicted not in ("", "N/A", "NA") else float("nan")
        except ValueError as error:
            problems.append(f"line {line}: {error}")
            continue
        rows.append((place, horizon, target, value))
    if problems:
        raise ValueError(f"{path}: {len(problems)} bad row(s):\n" + "\n".join(problems[:20]))
    frame = pd.DataFrame(rows, columns=["place", "horizon", "target", "predicted"])
    duplicated = frame.duplicated(["place", "horizon", "target"])
    if duplicated.any():
        first = frame[duplicated].iloc[0]
        raise ValueError(
            f"{path}: duplicate forecast for {first.place}, horizon {first.horizon}, {first.target.date()}"
        )
    return BenchmarkForecasts("British Red Cross", frame)


@dataclass(frozen=True)
class ErrorRow:
    place: str
    horizon: int
    days: int
    ours: float
    benchmark: float
    persistence: float

    @property
    def ratio(self) -> float:
        return self.ours / self.benchmark

    def meets_goal(self, goal_ratio: float) -> bool:
        return self.ratio <= goal_ratio

    @property
    def beats_persistence(self) -> bool:
        return self.ours < self.persistence


@dataclass(frozen=True)
class ErrorTable:
    """MAE per place × horizon of our model, the benchmark and persistence, on the same days."""

    method: str
    benchmark: str
    goal_ratio: float
    rows: tuple[ErrorRow, ...]

    def row(self, place: str, horizon: int) -> ErrorRow:
        for row in self.rows:
            if row.place == place and row.horizon == horizon:
                return row
        raise ValueError(f"no row for place {place!r} at horizon {horizon}")

    def to_markdown(self) -> str:
        """The table as Markdown, with a one-line summary; this is what docs/benchmarks.md quotes."""
        lines = [
            f"| place | horizon (days) | days | MAE {self.method} | MAE {self.benchmark} | MAE persistence "
            f"| ours / {self.benchmark} | ≤ {self.goal_ratio:g} × {self.benchmark} | below persistence |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | :---: |",
        ]
        for r in self.rows:
            lines.append(
                f"| {r.place} | {r.horizon} | {r.days} | {r.ours:,.0f} | {r.benchmark:,.0f} "
                f"| {r.persistence:,.0f} "
                f"| {r.ratio:.2f} | {'yes' if r.meets_goal(self.goal_ratio) else 'no'} "
                f"| {'yes' if r.beats_persistence else 'no'} |"
            )
        met = sum(r.meets_goal(self.goal_ratio) for r in self.rows)
        below = sum(r.beats_persistence for r in self.rows)
        mean_ratio = float(np.mean([r.ratio for r in self.rows]))
        lines.append("")
        lines.append(
            f"Goal ≤ {self.goal_ratio:g} × {self.benchmark} met in {met} of {len(self.rows)} cells; below "
            f"persistence in {below} of {len(self.rows)}; "
            f"mean ratio ours / {self.benchmark} = {mean_ratio:.3f}."
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: the rows with their ratio and goal flags."""
        return {
            "method": self.method,
            "benchmark": self.benchmark,
            "goal_ratio": self.goal_ratio,
            "rows": [
                {
                    **asdict(r),
                    "ratio": r.ratio,
                    "meets_goal": r.meets_goal(self.goal_ratio),
                    "beats_persistence": r.beats_persistence,
                }
                for r in self.rows
            ],
        }


@dataclass(frozen=True, eq=False)
class ScoredDays:
    """One cell's absolute errors on the days it is scored: the benchmark forecast and y is reported."""

    targets: pd.DatetimeIndex
    ours: np.ndarray
    benchmark: np.ndarray
    persistence: np.ndarray


def scored_days(
    series: DailySeries,
    benchmark: BenchmarkForecasts,
    ours: ForecastArchive,
    persistence: ForecastArchive,
    place: str,
    horizon: int,
) -> ScoredDays:
    """The three forecasts' absolute errors for `place` at `horizon`, on the days all three can be scored."""
    published = benchmark.predicted(place, horizon).dropna()
    targets = pd.DatetimeIndex(published.index)
    actual = np.array([series.values[series.date_index(t), series.place_index(place)] for t in targets])
    errors_ours = absolute_errors(ours, series, horizon=horizon, place=place, targets=targets)
    errors_persistence = absolute_errors(persistence, series, horizon=horizon, place=place, targets=targets)
    errors_benchmark = np.abs(actual - published.to_numpy())
    scored = ~(np.isnan(errors_ours) | np.isnan(errors_persistence) | np.isnan(errors_benchmark))
    if not scored.any():
        raise ValueError(f"no day to score for {place} at horizon {horizon}")
    return ScoredDays(
        targets[scored], errors_ours[scored], errors_benchmark[scored], errors_persistence[scored]
    )


def compare_with_benchmark(
    series: DailySeries,
    benchmark: BenchmarkForecasts,
    ours: ForecastArchive,
    persistence: ForecastArchive,
    *,
    places: Sequence[str] = BRC_PLACES,
    horizons: Sequence[int] = BRC_HORIZONS,
    goal_ratio: float = GOAL_RATIO,
) -> ErrorTable:
    """Score ours, the benchmark and persistence on the days the benchmark forecast and y is reported."""
    rows = []
    for place in places:
        for k in horizons:
            days = scored_days(series, benchmark, ours, persistence, place, k)
            rows.append(
                ErrorRow(
                    place=place,
                    horizon=int(k),
                    days=len(days.targets),
                    ours=float(days.ours.mean()),
                    benchmark=float(days.benchmark.mean()),
                    persistence=float(days.persistence.mean()),
                )
            )
    return ErrorTable(ours.method, benchmark.name, goal_ratio, tuple(rows))


def evaluate_brc_window(
    series: DailySeries,
    benchmark: BenchmarkForecasts,
    model: Forecaster,
    *,
    places: Sequence[str] = BRC_PLACES,
    horizons: Sequence[int] = BRC_HORIZONS,
    goal_ratio: float = GOAL_RATIO,
) -> ErrorTable:
    """Rolling-origin forecasts of `model` and persistence over the BRC window, scored against it."""
    origins = origins_for_targets(BRC_FIRST_TARGET, BRC_LAST_TARGET, max(horizons))
    ours = rolling_origin(model, series, origins=origins, places=places, horizons=horizons)
    naive = rolling_origin(Persistence(), series, origins=origins, places=places, horizons=horizons)
    return compare_with_benchmark(
        series, benchmark, ours, naive, places=places, horizons=horizons, goal_ratio=goal_ratio
    )
