from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from corridor.forecasting.engine.evaluation import ForecastArchive
from corridor.forecasting.engine.intervals import conformal_intervals, conformal_quantile, empirical_coverage
from tests.forecasting.helpers import series_from_columns


def constant_forecasts(series_length: int, value: float, start: str = "2016-01-01") -> ForecastArchive:
    origins = pd.date_range(start, periods=series_length - 1, freq="D")
    return ForecastArchive("constant", origins, ("place",), (1,), np.full((len(origins), 1, 1), value))


def test_the_conformal_quantile_is_the_finite_sample_corrected_rank() -> None:
    scores = np.arange(1.0, 20.0)  # n = 19: rank ⌈20 · 0.9⌉ = 18

    assert conformal_quantile(scores, 0.9) == 18.0
    assert math.isinf(conformal_quantile(np.arange(1.0, 5.0), 0.9))  # rank 5 > n = 4


def test_absolute_intervals_are_the_forecast_plus_minus_the_quantile_of_past_errors() -> None:
    observed = [100.0 + (i % 10) for i in range(40)]  # errors against 100 cycle through 0 … 9
    series = series_from_columns(place=observed)
    archive = constant_forecasts(40, 100.0)

    band = conformal_intervals(archive, series, coverage=0.8, calibration=20, relative_floor=None).band(
        1, "place"
    )

    last = band.iloc[-1]
    # 20 scores, 0 … 9 twice; rank ⌈21 · 0.8⌉ = 17 → 8
    assert last["upper"] == pytest.approx(108.0)
    assert last["lower"] == pytest.approx(92.0)


def test_relative_intervals_scale_with_the_forecast_level() -> None:
    observed = [1000.0 * (1 + 0.01 * (i % 10)) for i in range(40)]
    series = series_from_columns(place=observed)
    archive = constant_forecasts(40, 1000.0)

    band = conformal_intervals(archive, series, coverage=0.8, calibration=20, relative_floor=100.0).band(
        1, "place"
    )

    assert band.iloc[-1]["upper"] == pytest.approx(1080.0)  # relative scores 0 … 0.09 twice → 0.08


def test_intervals_need_enough_past_errors() -> None:
    series = series_from_columns(place=[1.0] * 15)
    archive = constant_forecasts(15, 1.0)

    band = conformal_intervals(archive, series, calibration=28, min_scores=10).band(1, "place")

    assert band["lower"].iloc[:10].isna().all()  # forecasts for day 2 … 11: fewer than 10 past errors
    assert band["lower"].iloc[10:].notna().all()


def test_intervals_cover_about_their_nominal_share_on_exchangeable_errors() -> None:
    rng = np.random.default_rng(7)
    observed = 1000 + rng.normal(0, 50, 400)
    series = series_from_columns(place=observed)
    archive = constant_forecasts(400, 1000.0)

    coverage = empirical_coverage(
        conformal_intervals(archive, series, coverage=0.9, calibration=60), series, horizon=1, place="place"
    )

    assert 0.85 <= coverage <= 0.95


def test_coverage_outside_zero_and_one_is_refused() -> None:
    series = series_from_columns(place=[1.0] * 5)
    with pytest.raises(ValueError, match="coverage must be between 0 and 1"):
        conformal_intervals(constant_forecasts(5, 1.0), series, coverage=1.0)
