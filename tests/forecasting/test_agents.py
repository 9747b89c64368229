from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd

from corridor.forecasting.engine.agents import integer_inflow, run_agents
from corridor.forecasting.engine.scenarios import Closure, Scenario, run_scenario
from tests.forecasting.helpers import daily_inflow, fork


def test_integer_inflow_spreads_exactly_the_requested_number_of_agents() -> None:
    profile = pd.DataFrame(
        {"a": [0.3, 1.2, 2.5], "b": [1.0, 0.0, 0.7]}, index=pd.date_range("2016-01-01", periods=3)
    )

    counts = integer_inflow(profile, 1000)

    assert counts.to_numpy().sum() == 1000
    assert (counts.to_numpy() >= 0).all()


def test_every_agent_is_at_a_place_or_on_a_link_every_day() -> None:
    scenario = Scenario(fork(), daily_inflow(), closures=(Closure("source", "main", date(2016, 3, 5)),))

    run = run_agents(scenario, seed=1)

    entered = np.cumsum(scenario.inflow_matrix().sum(axis=1))
    np.testing.assert_array_equal(run.result.present.sum(axis=1) + run.result.in_transit, entered)
    assert run.agents == 2000


def test_agents_never_exceed_a_links_capacity() -> None:
    scenario = Scenario(
        fork(capacity_alternative=30.0),
        daily_inflow(),
        closures=(Closure("source", "main", date(2016, 3, 5)),),
    )

    run = run_agents(scenario, seed=2)

    assert run.result.departures_frame()["source -> alternative"].max() <= 30


def test_agents_reproduce_the_expected_flows_on_average() -> None:
    graph = fork()
    leave = graph.leave_rate.copy()
    leave[0] = 0.4  # agents linger at the source: the geometric waiting times matter
    lingering = replace(graph, leave_rate=leave)
    scenario = Scenario(
        lingering,
        daily_inflow(days=30, persons=2000.0),
        closures=(Closure("source", "main", date(2016, 3, 10)),),
    )
    expected = run_scenario(scenario).arrivals

    runs = np.mean([run_agents(scenario, seed=s).result.arrivals for s in range(5)], axis=0)

    busy = expected > 200
    np.testing.assert_allclose(runs[busy], expected[busy], rtol=0.06)


def test_agent_steps_count_every_created_agent_every_day_as_flee_does() -> None:
    scenario = Scenario(fork(), daily_inflow(days=3, persons=10.0))

    run = run_agents(scenario)

    assert run.agent_steps == 10 + 20 + 30
