from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor.forecasting.engine.series import DailySeries, Flag, read_daily_long


def long_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["date", "country", "arrivals", "flag"])


def test_it_keeps_a_reported_zero_apart_from_na_and_missing_days() -> None:
    table = long_table(
        [
            ("2016-03-01", "fyrom", "0", "reported"),
            ("2016-03-02", "fyrom", "", "reported_na"),
            ("2016-03-04", "fyrom", "12", "reported"),
        ]
    )

    series = read_daily_long(table)

    assert list(series.flags[:, 0]) == ["reported", "reported_na", "missing", "reported"]
    assert series.values[0, 0] == 0
    assert np.isnan(series.values[1:3, 0]).all()


def test_it_lists_every_bad_row_with_its_line_and_column() -> None:
    table = long_table(
        [
            ("2016-03-01", "fyrom", "ten", "reported"),
            ("01/03/2016", "serbia", "5", "reported"),
            ("2016-03-01", "croatia", "5", "guessed"),
            ("2016-03-01", "austria", "7", "missing"),
            ("2016-03-01", "slovenia", "-3", "reported"),
        ]
    )

    with pytest.raises(ValueError) as raised:
        read_daily_long(table)

    message = str(raised.value)
    assert "5 problem(s)" in message
    assert "line 2: column arrivals: 'ten' is not a number" in message
    assert "line 3: column date: '01/03/2016' is not an ISO date" in message
    assert "line 4: column flag: 'guessed'" in message
    assert "line 5: column arrivals: '7' given for a missing row" in message
    assert "line 6: column arrivals: '-3' must be finite and >= 0" in message


def test_it_refuses_a_duplicate_day_for_the_same_place() -> None:
    table = long_table([("2016-03-01", "fyrom", "1", "reported"), ("2016-03-01", "fyrom", "2", "reported")])

    with pytest.raises(ValueError, match="line 3: duplicate row for date 2016-03-01 and country 'fyrom'"):
        read_daily_long(table)


def test_it_names_a_missing_column() -> None:
    with pytest.raises(ValueError, match="missing column\\(s\\) flag"):
        read_daily_long(pd.DataFrame({"date": [], "country": [], "arrivals": []}))


def test_until_cuts_the_series_at_the_origin_inclusive() -> None:
    table = long_table([(f"2016-03-0{d}", "fyrom", str(d), "reported") for d in range(1, 6)])
    series = read_daily_long(table)

    known = series.until("2016-03-03")

    assert known.last == pd.Timestamp("2016-03-03")
    assert list(known.column("fyrom")) == [1, 2, 3]


def test_until_refuses_an_origin_outside_the_series() -> None:
    series = read_daily_long(long_table([("2016-03-01", "fyrom", "1", "reported")]))

    with pytest.raises(ValueError, match="date 2016-04-01 is outside the series"):
        series.until("2016-04-01")


def test_a_series_refuses_a_number_in_a_cell_flagged_missing() -> None:
    with pytest.raises(ValueError, match="must hold NaN"):
        DailySeries(
            dates=pd.date_range("2016-01-01", periods=1),
            places=("fyrom",),
            values=np.array([[3.0]]),
            flags=np.array([[Flag.MISSING.value]]),
        )


def test_the_shipped_series_reads_with_its_gaps_flagged() -> None:
    from corridor.forecasting.engine.shipped_data import ROUTE_COUNTS_CSV

    series = read_daily_long(ROUTE_COUNTS_CSV)

    assert series.first == pd.Timestamp("2015-10-01") and series.last == pd.Timestamp("2016-04-18")
    assert (series.flags == "reported_na").sum() == 7
    assert np.isnan(series.column("germany")).sum() == 170
