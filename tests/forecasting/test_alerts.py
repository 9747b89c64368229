from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from corridor.forecasting.engine.alerts import (
    AlertReport,
    PolicyChange,
    monitor,
    read_policy_changes,
)
from corridor.forecasting.engine.shipped_data import policy_changes, route_counts, transit_model
from corridor.forecasting.engine.transit import TransitLagModel
from tests.forecasting.helpers import series_from_columns

DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
ROUTE_PLACES = ["austria", "slovenia", "croatia", "serbia", "fyrom", "mainland_greece_departures"]


def test_a_flow_that_collapses_below_its_interval_raises_an_alert_on_that_day() -> None:
    rng = np.random.default_rng(0)
    upstream = rng.uniform(900, 1100, 150)
    downstream = np.empty(150)
    downstream[0] = 900
    downstream[1:] = upstream[:-1] * rng.uniform(0.95, 1.05, 149)
    downstream[120:] = 10  # a border closes on day 120
    series = series_from_columns(start="2016-01-01", upstream=upstream, downstream=downstream)
    closing = PolicyChange(date(2016, 4, 30), date(2016, 4, 30), "x", "border closes")
    model = TransitLagModel(upstream={"downstream": ("upstream",)})

    report = monitor(
        series, model, [closing], places=["downstream"], first=date(2016, 4, 1), last=date(2016, 5, 29)
    )

    timing = report.timing.timings[0]
    assert timing.days_after == 0 and timing.direction == "below"
    assert date(2016, 4, 30) in {alert.day for alert in report.alerts}


def test_no_alert_within_the_window_reads_as_none() -> None:
    series = series_from_columns(start="2016-01-01", upstream=[1000.0] * 100, downstream=[1000.0] * 100)
    quiet = PolicyChange(date(2016, 3, 1), date(2016, 3, 1), "x", "nothing happens")
    model = TransitLagModel(upstream={"downstream": ("upstream",)})

    report = monitor(
        series, model, [quiet], places=["downstream"], first=date(2016, 2, 15), last=date(2016, 4, 1)
    )

    assert report.timing.timings[0].first_alert is None
    assert "none in 14 d" in report.timing.to_markdown()


def test_policy_changes_are_read_with_their_dates_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "changes.csv"
    good.write_text("start,end,country,label\n2016-03-08,2016-03-09,slovenia,Route closed\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("start,end,country,label\n2016-03-09,2016-03-08,slovenia,Backwards\n")

    assert read_policy_changes(good) == (
        PolicyChange(date(2016, 3, 8), date(2016, 3, 9), "slovenia", "Route closed"),
    )
    with pytest.raises(ValueError, match="line 2: end 2016-03-08 is before start 2016-03-09"):
        read_policy_changes(bad)


def test_the_shipped_policy_changes_are_the_five_dated_changes_of_the_issue() -> None:
    starts = [change.start for change in policy_changes()]

    assert starts == [
        date(2015, 11, 18),
        date(2016, 2, 19),
        date(2016, 2, 21),
        date(2016, 3, 8),
        date(2016, 3, 20),
    ]


@pytest.fixture(scope="module")
def real_report() -> AlertReport:
    return monitor(
        route_counts(),
        transit_model(),
        policy_changes(),
        places=ROUTE_PLACES,
        first=date(2015, 11, 1),
        last=date(2016, 4, 17),
    )


def test_austrias_caps_raise_an_alert_in_austria_on_their_first_day(real_report: AlertReport) -> None:
    timing = next(
        t for t in real_report.timing.timings if t.place == "austria" and t.change.start == date(2016, 2, 19)
    )

    assert timing.days_after == 0 and timing.direction == "below"


def test_the_docs_quote_the_alert_timings_exactly_as_the_code_prints_them(real_report: AlertReport) -> None:
    assert real_report.timing.to_markdown() in DOCS.read_text()
