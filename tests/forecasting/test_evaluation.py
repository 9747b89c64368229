from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from corridor.forecasting.engine.baselines import Persistence
from corridor.forecasting.engine.evaluation import (
    absolute_errors,
    origins_for_targets,
    rolling_origin,
)
from corridor.forecasting.engine.forecast import PointForecast
from corridor.forecasting.engine.intervals import conformal_intervals
from corridor.forecasting.engine.series import DailySeries, daily_series_from_frame
from corridor.forecasting.engine.transit import TransitLagModel
from tests.forecasting.helpers import lagged_chain

CHAIN = {"upstream": (), "downstream": ("upstream",)}


@dataclass
class HistorySpy:
    """Persistence that records the last date of every history it is given."""

    name: str = "spy"
    seen: list[pd.Timestamp] = field(default_factory=list)

    def predict(self, history: DailySeries, places: Sequence[str], horizons: Sequence[int]) -> PointForecast:
        self.seen.append(history.last)
        return Persistence().predict(history, places, horizons)


def poisoned_after(series: DailySeries, origin: pd.Timestamp) -> DailySeries:
    """The same series with every count after `origin` replaced by an absurd number."""
    frame = series.to_frame()
    frame.loc[frame.index > origin] = 1e9
    return daily_series_from_frame(frame)


def test_rolling_origin_hands_each_forecaster_a_history_that_ends_at_its_origin() -> None:
    series = lagged_chain()
    origins = series.dates[60:70]
    spy = HistorySpy()

    rolling_origin(spy, series, origins=origins, places=["downstream"], horizons=[1, 2])

    assert spy.seen == list(origins)


def test_rolling_origin_forecasts_do_not_change_when_data_after_the_origin_is_poisoned() -> None:
    series = lagged_chain(seed=4)
    model = TransitLagModel(upstream=CHAIN)
    origins = series.dates[70:80]
    clean = rolling_origin(model, series, origins=origins, places=["downstream"], horizons=[1, 3, 5])

    poisoned = rolling_origin(
        model, poisoned_after(series, origins[-1]), origins=origins, places=["downstream"], horizons=[1, 3, 5]
    )

    np.testing.assert_array_equal(clean.values, poisoned.values)


def test_intervals_do_not_change_when_data_after_the_origin_is_poisoned() -> None:
    series = lagged_chain(seed=5)
    noisy = series.to_frame()
    noisy["downstream"] *= np.random.default_rng(0).uniform(0.8, 1.2, len(noisy))
    series = daily_series_from_frame(noisy)
    origins = series.dates[60:100]
    last = origins[-1]
    model = TransitLagModel(upstream=CHAIN)
    archive = rolling_origin(model, series, origins=origins, places=["downstream"], horizons=[1])
    poisoned_series = poisoned_after(series, last)
    poisoned = rolling_origin(model, poisoned_series, origins=origins, places=["downstream"], horizons=[1])

    clean_band = conformal_intervals(archive, series).band(1, "downstream")
    poisoned_band = conformal_intervals(poisoned, poisoned_series).band(1, "downstream")

    pd.testing.assert_frame_equal(clean_band, poisoned_band)


def test_errors_are_scored_against_the_observed_value_on_the_target_day() -> None:
    series = lagged_chain()
    origins = series.dates[50:52]
    archive = rolling_origin(Persistence(), series, origins=origins, places=["upstream"], horizons=[1])
    targets = origins + pd.Timedelta(days=1)

    errors = absolute_errors(archive, series, horizon=1, place="upstream", targets=targets)

    column = series.column("upstream")
    np.testing.assert_allclose(errors, np.abs(column[51:53] - column[50:52]))


def test_origins_for_a_target_window_reach_its_first_day_at_the_longest_horizon() -> None:
    origins = origins_for_targets("2015-12-14", "2016-01-16", 5)

    assert origins[0] == pd.Timestamp("2015-12-09") and origins[-1] == pd.Timestamp("2016-01-15")


def test_an_archive_lists_forecasts_with_their_observed_values() -> None:
    series = lagged_chain()
    archive = rolling_origin(
        Persistence(), series, origins=series.dates[50:51], places=["upstream"], horizons=[1]
    )

    frame = archive.to_frame(series)

    assert frame.loc[0, "observed"] == series.column("upstream")[51]
    assert archive.forecast_for(series.dates[51], 1, "upstream") == series.column("upstream")[50]
