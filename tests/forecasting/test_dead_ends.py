"""Re-routing around dead ends: a closure further on diverts people where an alternative path starts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from corridor.forecasting.engine.agents import run_agents
from corridor.forecasting.engine.graph import RouteGraph
from corridor.forecasting.engine.scenarios import Closure, Scenario, links_out_of_dead_ends, run_scenario
from corridor.forecasting.engine.shipped_data import historical_closures, route_counts, route_graph
from tests.forecasting.helpers import daily_inflow

CLOSING_DAY = date(2016, 3, 5)


def chain_with_an_early_alternative() -> RouteGraph:
    """source → first → second → end (1 day each), and source → alternative → end, used only on diversion.

    Closing first → second leaves `first` a dead end: the only place where people can turn is the source.
    """
    return RouteGraph(
        places=("source", "first", "second", "alternative", "end"),
        countries=("GR", "MK", "RS", "AL", "AT"),
        leave_rate=np.array([1.0, 1.0, 1.0, 1.0, 0.0]),
        link_from=np.array([0, 1, 2, 0, 3]),
        link_to=np.array([1, 2, 4, 3, 4]),
        transit_days=np.array([1, 1, 1, 2, 1]),
        capacity=np.full(5, np.inf),
        share=np.array([1.0, 1.0, 1.0, 0.0, 1.0]),
        divert_weight=np.array([0.0, 0.0, 0.0, 1.0, 1.0]),
    )


def closed_beyond_first(end: date | None = None, *, reroute: bool) -> Scenario:
    return Scenario(
        chain_with_an_early_alternative(),
        daily_inflow(),
        closures=(Closure("first", "second", CLOSING_DAY, end),),
        reroute_around_dead_ends=reroute,
    )


def test_a_link_into_a_place_whose_every_way_on_is_closed_counts_as_closed() -> None:
    graph = chain_with_an_early_alternative()
    is_open = np.ones((1, 5), dtype=bool)
    is_open[0, 1] = False  # first → second

    pruned = links_out_of_dead_ends(graph, is_open)

    assert pruned[0].tolist() == [False, False, True, True, True]


def test_without_rerouting_people_walk_into_the_dead_end_and_wait_there() -> None:
    result = run_scenario(closed_beyond_first(reroute=False))

    departures = result.departures_frame()
    assert (departures.loc["2016-03-05":, "source -> first"] == 100).all()
    assert departures["source -> alternative"].sum() == 0
    assert result.present_frame()["first"].iloc[-1] > 1000


def test_with_rerouting_people_turn_where_the_alternative_starts() -> None:
    result = run_scenario(closed_beyond_first(reroute=True))

    departures = result.departures_frame()
    assert (departures.loc[:"2016-03-04", "source -> first"] == 100).all()
    assert (departures.loc["2016-03-05":, "source -> first"] == 0).all()
    assert (departures.loc["2016-03-05":, "source -> alternative"] == 100).all()
    assert result.present_frame()["first"].iloc[-1] == 100  # only those already under way on the 4th wait


def test_rerouting_ends_when_the_closure_ends() -> None:
    result = run_scenario(closed_beyond_first(date(2016, 3, 8), reroute=True))

    departures = result.departures_frame()
    assert departures.loc["2016-03-08", "source -> alternative"] == 100
    assert departures.loc["2016-03-09", "source -> first"] == 100
    assert departures.loc["2016-03-09", "source -> alternative"] == 0


def test_everyone_is_still_somewhere_when_rerouting() -> None:
    scenario = closed_beyond_first(reroute=True)

    result = run_scenario(scenario)

    entered = np.cumsum(scenario.inflow_matrix().sum(axis=1))
    np.testing.assert_allclose(result.present.sum(axis=1) + result.in_transit, entered)


def test_agents_reroute_as_the_flow_model_does() -> None:
    agents = run_agents(closed_beyond_first(reroute=True), seed=3).result.departures_frame()

    assert agents.loc["2016-03-06":, "source -> first"].sum() == 0
    assert agents.loc["2016-03-06":, "source -> alternative"].sum() > 0


def test_closing_north_macedonia_to_serbia_diverts_the_route_through_albania_only_when_rerouting() -> None:
    counts = route_counts().to_frame()["greek_islands"].loc["2016-02-23":"2016-04-05"].fillna(0.0)
    inflow = pd.DataFrame({"greek-islands": counts})
    graph = route_graph()
    (crossing,) = graph.links_between_countries("MK", "RS")
    closure = Closure(
        graph.places[graph.link_from[crossing]], graph.places[graph.link_to[crossing]], date(2016, 3, 9)
    )
    closures = (*historical_closures(), closure)

    stuck = run_scenario(Scenario(graph, inflow, closures=closures)).arrivals_frame()
    rerouted = run_scenario(Scenario(graph, inflow, closures=closures, reroute_around_dead_ends=True))

    alternative = ["kapshtice", "tirana", "podgorica", "sarajevo"]
    assert stuck.loc["2016-03-09":, ["kapshtice", "tirana", "podgorica"]].sum().sum() == 0
    arrivals = rerouted.arrivals_frame()
    assert arrivals.loc["2016-03-15":, alternative].sum().min() > 1000
    assert arrivals.loc["2016-03-11":, "gevgelija"].sum() == 0
    assert rerouted.present_frame()["idomeni"].iloc[-1] > 1000  # Albania takes 500 a day: a queue at Idomeni
