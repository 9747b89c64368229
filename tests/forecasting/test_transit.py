from __future__ import annotations

import numpy as np
import pytest

from corridor.forecasting.engine.transit import (
    TransitLagModel,
    describe_kernel,
    kernels_at,
    upstream_along_route,
)
from tests.forecasting.helpers import lagged_chain, series_from_columns

CHAIN = {"upstream": (), "downstream": ("upstream",)}


def test_the_transit_model_learns_the_lag_and_the_share_that_arrives() -> None:
    history = lagged_chain(lag=2, share=0.8)
    model = TransitLagModel(upstream=CHAIN, ridge=0.0)

    kernel = model.fit(history, "downstream", horizon=1, window=42)

    assert kernel is not None
    assert kernel.mean_lag("upstream") == pytest.approx(2.0, abs=1e-6)
    assert kernel.share("upstream") == pytest.approx(0.8, abs=1e-6)


def test_the_transit_model_forecasts_exactly_up_to_the_transit_time() -> None:
    history = lagged_chain(lag=3, share=0.8)
    known = history.until(history.dates[99])
    model = TransitLagModel(upstream=CHAIN, ridge=0.0)

    forecast = model.predict(known, ["downstream"], [1, 2, 3])

    expected = 0.8 * history.column("upstream")[97:100]
    np.testing.assert_allclose(forecast.values[:, 0], expected, rtol=1e-6)


def test_a_horizon_beyond_the_transit_time_only_uses_lags_of_at_least_the_horizon() -> None:
    history = lagged_chain(lag=1, share=1.0)
    model = TransitLagModel(upstream=CHAIN, ridge=0.0, kernel_length=3)

    kernel = model.fit(history, "downstream", horizon=4, window=42)

    assert kernel is not None
    assert kernel.lags == (4, 5, 6, 7)


def test_ridge_pulls_the_learned_share_below_one() -> None:
    history = lagged_chain(lag=1, share=1.0)

    plain = TransitLagModel(upstream=CHAIN, ridge=0.0).fit(history, "downstream", 1, 42)
    shrunk = TransitLagModel(upstream=CHAIN, ridge=1.0).fit(history, "downstream", 1, 42)

    assert plain is not None and shrunk is not None
    assert shrunk.share("upstream") < plain.share("upstream")


def test_the_forecast_is_missing_when_an_input_day_was_not_reported() -> None:
    history = lagged_chain(lag=1, share=1.0)
    upstream = history.column("upstream").copy()
    upstream[-1] = np.nan
    gappy = series_from_columns(
        start="2016-01-01", upstream=upstream, downstream=history.column("downstream")
    )

    forecast = TransitLagModel(upstream=CHAIN).predict(gappy, ["downstream"], [1])

    assert np.isnan(forecast.values[0, 0])


def test_the_start_of_the_route_is_modelled_on_its_own_past() -> None:
    constant = series_from_columns(upstream=[100.0] * 60, downstream=[80.0] * 60)

    forecast = TransitLagModel(upstream=CHAIN, ridge=0.0).predict(constant, ["upstream"], [1])

    assert forecast.values[0, 0] == pytest.approx(100.0)


def test_kernels_can_be_read_as_shares_and_mean_lags() -> None:
    history = lagged_chain(lag=2, share=0.5)
    model = TransitLagModel(upstream=CHAIN, ridge=0.0)

    kernels = kernels_at(model, history, "downstream", 1)
    table = describe_kernel(kernels[0])

    assert len(kernels) == len(model.windows)
    assert table.loc[0, "share"] == pytest.approx(0.5, abs=1e-6)
    assert table.loc[0, "mean_lag_days"] == pytest.approx(2.0, abs=1e-6)


def test_upstream_along_a_route_lists_every_earlier_place() -> None:
    assert upstream_along_route(["a", "b", "c"]) == {"a": (), "b": ("a",), "c": ("a", "b")}
    with pytest.raises(ValueError, match="lists a place twice"):
        upstream_along_route(["a", "b", "a"])


def test_the_model_refuses_windows_shorter_than_the_minimum_rows() -> None:
    with pytest.raises(ValueError, match="each >= min_rows"):
        TransitLagModel(upstream=CHAIN, windows=(7,), min_rows=14)


def test_the_route_model_forecasts_every_place_up_to_14_days_ahead_on_real_data() -> None:
    from corridor.forecasting.engine.shipped_data import ROUTE_2015_16, route_counts, transit_model

    history = route_counts().until("2016-01-15")

    forecast = transit_model().predict(history, ROUTE_2015_16, range(1, 15))

    assert forecast.values.shape == (14, 7)
    assert np.isfinite(forecast.values).all() and (forecast.values >= 0).all()
