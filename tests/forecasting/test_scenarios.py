from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from corridor.forecasting.engine.graph import read_route_graph
from corridor.forecasting.engine.scenarios import CapacityLimit, Closure, Scenario, run_scenario
from corridor.forecasting.engine.shipped_data import historical_closures, route_counts, route_graph
from tests.forecasting.helpers import START, daily_inflow, fork


def test_everyone_who_entered_is_somewhere_every_day() -> None:
    scenario = Scenario(fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5)),))

    result = run_scenario(scenario)

    entered = np.cumsum(scenario.inflow_matrix().sum(axis=1))
    np.testing.assert_allclose(result.present.sum(axis=1) + result.in_transit, entered)


def test_closing_a_link_diverts_its_flow_to_the_alternative_path() -> None:
    closing_day = date(2016, 3, 5)
    scenario = Scenario(fork(), daily_inflow(), closures=(Closure("source", "main", closing_day),))

    departures = run_scenario(scenario).departures_frame()

    before, after = departures.loc[:"2016-03-04"], departures.loc["2016-03-05":]
    assert (before["source -> main"] == 100).all() and (before["source -> alternative"] == 0).all()
    assert (after["source -> main"] == 0).all() and (after["source -> alternative"] == 100).all()


def test_a_diverted_person_arrives_later_by_the_longer_transit_time() -> None:
    scenario = Scenario(fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5)),))

    arrivals = run_scenario(scenario).arrivals_frame()

    assert arrivals.loc["2016-03-05", "main"] == 100 and arrivals.loc["2016-03-06", "main"] == 0
    assert arrivals.loc["2016-03-06", "alternative"] == 0 and arrivals.loc["2016-03-07", "alternative"] == 100


def test_a_reopened_link_takes_the_flow_back() -> None:
    scenario = Scenario(
        fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5), date(2016, 3, 7)),)
    )

    departures = run_scenario(scenario).departures_frame()

    assert departures.loc["2016-03-08", "source -> main"] == 100


def test_without_diversion_the_blocked_flow_waits_at_the_place() -> None:
    scenario = Scenario(
        fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5)),), diversion_rate=0.0
    )

    result = run_scenario(scenario)

    present = result.present_frame()["source"]
    assert present.loc["2016-03-04"] == 0 and present.loc["2016-03-10"] == 600
    assert result.blocked[-1, 0] == 1600  # everyone present (16 days × 100) wanted to leave and could not


def test_half_the_blocked_flow_diverts_when_the_diversion_rate_is_a_half() -> None:
    scenario = Scenario(
        fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5)),), diversion_rate=0.5
    )

    departures = run_scenario(scenario).departures_frame()

    assert departures.loc["2016-03-05", "source -> alternative"] == 50


def test_a_link_never_carries_more_than_its_capacity() -> None:
    scenario = Scenario(
        fork(capacity_alternative=30.0),
        daily_inflow(),
        closures=(Closure("source", "main", date(2016, 3, 5)),),
    )

    result = run_scenario(scenario)

    assert result.departures_frame()["source -> alternative"].max() == pytest.approx(30.0)
    assert result.present_frame()["source"].iloc[-1] > 0  # the excess queues at the source


def test_a_dated_capacity_limit_applies_only_in_its_dates() -> None:
    limit = CapacityLimit("source", "main", date(2016, 3, 5), 40.0, date(2016, 3, 6))
    scenario = Scenario(fork(), daily_inflow(), limits=(limit,))

    departures = run_scenario(scenario).departures_frame()["source -> main"]

    assert departures.loc["2016-03-04"] == 100
    assert departures.loc["2016-03-05"] == 40
    assert departures.loc["2016-03-07"] > 100  # the queue drains once the cap is lifted


def test_a_scenario_refuses_a_closure_on_a_link_that_does_not_exist() -> None:
    with pytest.raises(ValueError, match="no link main -> source"):
        Scenario(fork(), daily_inflow(), closures=(Closure("main", "source", START),))


def test_a_scenario_refuses_negative_inflow() -> None:
    inflow = daily_inflow()
    inflow.iloc[3, 0] = -1

    with pytest.raises(ValueError, match="inflow column source: 2016-03-04 is missing or negative"):
        Scenario(fork(), inflow)


def test_a_graph_refuses_shares_that_do_not_sum_to_one(tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("place,country,leave_rate\na,GR,1\nb,MK,0\nc,AL,0\n")
    links = tmp_path / "links.csv"
    links.write_text("from,to,transit_days,capacity,share,divert_weight\na,b,1,,0.5,0\na,c,1,,0.2,1\n")

    with pytest.raises(ValueError, match=r"place a: shares of its outgoing links sum to 0\.7, not 1"):
        read_route_graph(places, links)


def test_a_graph_names_the_line_of_an_unknown_place(tmp_path: Path) -> None:
    places = tmp_path / "places.csv"
    places.write_text("place,country,leave_rate\na,GR,1\n")
    links = tmp_path / "links.csv"
    links.write_text("from,to,transit_days,capacity,share,divert_weight\na,zagreb,1,,1,0\n")

    with pytest.raises(ValueError, match="line 2: column to: unknown place 'zagreb'"):
        read_route_graph(places, links)


def test_closing_idomeni_sends_the_flow_towards_albania_montenegro_and_bosnia() -> None:
    counts = route_counts().to_frame()["greek_islands"].loc["2016-02-01":"2016-04-17"].fillna(0.0)
    inflow = pd.DataFrame({"greek-islands": counts})
    closure = Closure("idomeni", "gevgelija", date(2016, 3, 9))
    graph = route_graph()
    base = run_scenario(Scenario(graph, inflow, closures=historical_closures()))

    shifted = run_scenario(Scenario(graph, inflow, closures=(*historical_closures(), closure)))

    arrivals = shifted.arrivals_frame()
    assert arrivals.loc["2016-03-10":, "gevgelija"].sum() == 0
    assert base.arrivals_frame()["tirana"].sum() == 0
    assert arrivals.loc["2016-03-12":, ["kapshtice", "tirana", "podgorica", "sarajevo"]].sum().min() > 0
    assert shifted.departures_frame()["idomeni -> kapshtice"].max() <= 500 + 1e-9
    assert (
        shifted.present_frame()["idomeni"].max() > 5_000
    )  # the alternative carries 500 a day: a queue builds
