"""A forecast with prediction intervals for one place, as the pages, the API and the CLI show it.

Pure computation on an engine `DailySeries` (no database): the forecaster's point forecasts for horizons
1…H after the origin, split-conformal intervals calibrated on the same forecaster's errors over the
`CALIBRATION_DAYS` before the origin (`engine.conformal_intervals`), and, for the chart, the observed
counts and the one-day-ahead forecasts and intervals of the recent past. Nothing after the origin is read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.choices import ForecastModel
from corridor.forecasting.engine import (
    DailySeries,
    Forecaster,
    Persistence,
    TransitLagModel,
    WeeklySeasonalNaive,
    conformal_intervals,
    rolling_origin,
)
from corridor.forecasting.engine.transit import upstream_along_route
from corridor.forecasting.models import MAX_HORIZON

CALIBRATION_DAYS = 28
HISTORY_DAYS = 56
ORIGIN_SEARCH_DAYS = 14
DEFAULT_COVERAGE = 0.9


def forecaster(name: str, order: tuple[str, ...] = ()) -> Forecaster:
    """The engine forecaster a model name stands for; the transit model reads `order` (upstream first)."""
    if name == ForecastModel.TRANSIT:
        return TransitLagModel(upstream=upstream_along_route(order))
    if name == ForecastModel.PERSISTENCE:
        return Persistence()
    if name == ForecastModel.SEASONAL:
        return WeeklySeasonalNaive()
    raise ValidationFailed({"model": [f"{name!r} is not one of {', '.join(ForecastModel.values)}"]})


def model_parameters(name: str, *, coverage: float, order: tuple[str, ...] = ()) -> dict[str, Any]:
    """What a run records about its model: the engine's settings and the interval's calibration."""
    parameters: dict[str, Any] = {"coverage": coverage, "calibration_days": CALIBRATION_DAYS}
    model = forecaster(name, order)
    if isinstance(model, TransitLagModel):
        parameters.update(
            kernel_length=model.kernel_length,
            ridge=model.ridge,
            windows=list(model.windows),
            min_rows=model.min_rows,
            upstream={place: list(before) for place, before in model.upstream.items()},
        )
    parameters["engine_name"] = model.name
    return parameters


@dataclass(frozen=True)
class ForecastOutcome:
    """Forecasts of `place` made at `origin` for each day in `days`, with the observed recent past."""

    place: str
    model: str
    origin: date
    coverage: float
    days: list[date]
    forecast: list[float | None]
    lower: list[float | None]
    upper: list[float | None]
    history_days: list[date]
    history: list[float | None]
    backtest_days: list[date]
    backtest_forecast: list[float | None]
    backtest_lower: list[float | None]
    backtest_upper: list[float | None]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (dates as ISO strings, no NaN)."""
        return {
            name: [d.isoformat() for d in value]
            if name.endswith("days")
            else value.isoformat()
            if isinstance(value, date)
            else value
            for name, value in asdict(self).items()
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ForecastOutcome:
        values = dict(data)
        for name in ("days", "history_days", "backtest_days"):
            values[name] = [date.fromisoformat(d) for d in data[name]]
        values["origin"] = date.fromisoformat(data["origin"])
        return cls(**values)


def _numbers(array: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else round(float(v), 1) for v in np.asarray(array, dtype=float)]


def latest_origin(series: DailySeries, place: str, model: Forecaster) -> date | None:
    """The last day from which `model` can forecast `place` one day ahead, if any.

    The search starts at the last day on which every series the model reads (the upstream places for the
    transit-lag model, the place itself otherwise) has a number, so a count recorded later at one place
    does not hide the forecast, and goes back at most `ORIGIN_SEARCH_DAYS` days to find complete inputs.
    """
    inputs = (model.upstream.get(place) or (place,)) if isinstance(model, TransitLagModel) else (place,)
    last_rows = []
    for name in inputs:
        reported = np.flatnonzero(~np.isnan(series.column(name)))
        if not len(reported):
            return None
        last_rows.append(int(reported[-1]))
    start = min(last_rows)
    for row in range(start, max(start - ORIGIN_SEARCH_DAYS, 0) - 1, -1):
        origin = series.dates[row]
        point = model.predict(series.until(origin), [place], [1]).values[0, 0]
        if not np.isnan(point):
            return origin.date()
    return None


def compute_forecast(
    series: DailySeries,
    *,
    place: str,
    model: str = ForecastModel.TRANSIT,
    horizon: int = MAX_HORIZON,
    coverage: float = DEFAULT_COVERAGE,
    origin: date | None = None,
) -> ForecastOutcome:
    """Forecast `place` for 1…`horizon` days after `origin` (default: the latest day it can be made from)."""
    problems = check_request(series, place=place, horizon=horizon, coverage=coverage, origin=origin)
    if problems:
        raise ValidationFailed(problems)
    engine_model = forecaster(model, series.places)
    if origin is None:
        origin = latest_origin(series, place, engine_model)
        if origin is None:
            raise ValidationFailed(
                {
                    "origin": [
                        f"no recent day has the inputs to forecast {place}: "
                        "its own or its upstream counts are missing"
                    ]
                }
            )
    known = series.until(origin)
    horizons = list(range(1, horizon + 1))
    origins = pd.date_range(pd.Timestamp(origin) - pd.Timedelta(days=CALIBRATION_DAYS + horizon), origin)
    origins = origins[origins >= known.first]
    archive = rolling_origin(engine_model, known, origins=origins, places=[place], horizons=horizons)
    intervals = conformal_intervals(archive, known, coverage=coverage, calibration=CALIBRATION_DAYS)
    band = intervals.band(1, place)
    recent = band[band.index > pd.Timestamp(origin) - pd.Timedelta(days=CALIBRATION_DAYS)]
    start = max(known.first, pd.Timestamp(origin) - pd.Timedelta(days=HISTORY_DAYS - 1))
    observed = known.to_frame()[place].loc[start:]
    return ForecastOutcome(
        place=place,
        model=model,
        origin=origin,
        coverage=coverage,
        days=[origin + timedelta(days=k) for k in horizons],
        forecast=_numbers(archive.values[-1, :, 0]),
        lower=_numbers(intervals.lower[-1, :, 0]),
        upper=_numbers(intervals.upper[-1, :, 0]),
        history_days=[stamp.date() for stamp in observed.index],
        history=_numbers(observed.to_numpy()),
        backtest_days=[stamp.date() for stamp in recent.index],
        backtest_forecast=_numbers(recent["forecast"].to_numpy()),
        backtest_lower=_numbers(recent["lower"].to_numpy()),
        backtest_upper=_numbers(recent["upper"].to_numpy()),
    )


def check_request(
    series: DailySeries, *, place: str, horizon: int, coverage: float, origin: date | None
) -> dict[str, list[str]]:
    """Every problem with a forecast request, by field."""
    problems: dict[str, list[str]] = {}
    if place not in series.places:
        problems["place"] = [
            f"{place!r} is not a series the engine forecasts: one of {', '.join(series.places)}"
        ]
    if not 1 <= horizon <= MAX_HORIZON:
        problems["horizon"] = [f"{horizon} is outside 1–{MAX_HORIZON} days"]
    if not 0.5 <= coverage <= 0.99:
        problems["coverage"] = [f"{coverage} is outside 0.5–0.99"]
    if origin is not None and not series.first.date() < origin <= series.last.date():
        problems["origin"] = [
            f"{origin.isoformat()} is outside the data you can see "
            f"({(series.first + pd.Timedelta(days=1)).date().isoformat()} – {series.last.date().isoformat()})"
        ]
    return problems
