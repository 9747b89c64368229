from __future__ import annotations

import numpy as np
import pytest

from corridor.forecasting.engine.baselines import Persistence, WeeklySeasonalNaive
from tests.forecasting.helpers import series_from_columns


def test_persistence_forecasts_the_last_observed_value() -> None:
    history = series_from_columns(fyrom=[5, 7, 9])

    forecast = Persistence().predict(history, ["fyrom"], [1, 3, 14])

    assert forecast.values[:, 0].tolist() == [9, 9, 9]


def test_persistence_skips_days_without_a_number() -> None:
    history = series_from_columns(fyrom=[5, 7, np.nan])

    forecast = Persistence().predict(history, ["fyrom"], [1])

    assert forecast.values[0, 0] == 7


def test_weekly_seasonal_naive_repeats_the_same_weekday_of_the_last_week() -> None:
    history = series_from_columns(fyrom=list(range(1, 15)))  # the last week holds 8 … 14

    forecast = WeeklySeasonalNaive().predict(history, ["fyrom"], [1, 7, 8, 14])

    assert forecast.values[:, 0].tolist() == [8, 14, 8, 14]


def test_a_forecaster_refuses_an_unknown_place_or_a_horizon_beyond_14_days() -> None:
    history = series_from_columns(fyrom=[1, 2])

    with pytest.raises(ValueError, match="unknown place 'albania'"):
        Persistence().predict(history, ["albania"], [1])
    with pytest.raises(ValueError, match="horizon 15 is outside 1–14 days"):
        Persistence().predict(history, ["fyrom"], [15])


def test_forecasts_carry_their_origin_and_target_dates() -> None:
    history = series_from_columns(start="2016-02-01", fyrom=[1, 2, 3])

    forecast = Persistence().predict(history, ["fyrom"], [1, 2])

    assert [d.isoformat()[:10] for d in forecast.target_dates()] == ["2016-02-04", "2016-02-05"]
    assert list(forecast.to_frame().columns) == ["origin", "target", "horizon", "place", "forecast"]
