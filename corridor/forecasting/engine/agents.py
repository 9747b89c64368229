"""Agent mode: the scenario model with every person an agent, simulated as vectorised discrete events.

Method: each agent follows the rules whose expectations `scenarios.run_scenario` computes. At a place p
it sets off on each day with probability r_p (so the day it sets off is the arrival day plus
G − 1, G ~ Geometric(r_p), drawn once instead of one coin per day — the same distribution); it then
picks link l with probability s'_l(t) (`scenarios.effective_shares`) or, with probability 1 − Σ_l s'_l(t),
finds its way blocked; if more agents pick l than c_l(t), a uniformly random c_l(t) of them go. A blocked
or turned-back agent tries again after a fresh Geometric(r_p) ≥ 1 days; an agent on l arrives τ_l days
later. Places without outgoing links absorb agents. This is next-event time advance (Law, *Simulation
Modeling and Analysis*, 5th ed., 2015, §1.3) with a daily calendar queue, vectorised with numpy over all
agents due on a day, so agents waiting at a place or absorbed cost nothing until their next event.

Agent-steps, for comparison with Flee: Σ_t (agents created up to and including day t) — what Flee's
`len(e.agents)` sums — whether or not an agent has an event that day (`active_agent_steps` counts only
agents not yet absorbed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridor.forecasting.engine.scenarios import Scenario, ScenarioResult, effective_shares


@dataclass(frozen=True, eq=False)
class AgentRun:
    """Counts per day from the agent simulation, and how much agent work they represent."""

    result: ScenarioResult
    agents: int
    agent_steps: int
    active_agent_steps: int
    events: int


def integer_inflow(profile: pd.DataFrame, total: int) -> pd.DataFrame:
    """Scale a daily inflow profile to whole agents summing exactly to `total` (cumulative rounding)."""
    flat = profile.to_numpy(dtype=float).ravel()
    if flat.sum() <= 0:
        raise ValueError("the inflow profile must have a positive total")
    cumulative = np.rint(np.cumsum(flat) / flat.sum() * total).astype(np.int64)
    counts = np.diff(np.concatenate([[0], cumulative])).reshape(profile.shape)
    return pd.DataFrame(counts, index=profile.index, columns=profile.columns)


def run_agents(scenario: Scenario, *, seed: int = 0) -> AgentRun:
    """Simulate one agent per person of the scenario's (whole-number) inflow."""
    graph = scenario.graph
    inflow = scenario.inflow_matrix()
    if not np.array_equal(inflow, np.round(inflow)):
        raise ValueError("agent mode needs whole persons in the inflow (see integer_inflow)")
    rng = np.random.default_rng(seed)
    n_days, n_places, n_links = len(scenario.dates), len(graph.places), len(graph.link_from)
    is_open, capacity = scenario.open_links(), scenario.capacities()
    counts = inflow.astype(np.int64)
    total = int(counts.sum())
    place = np.repeat(np.tile(np.arange(n_places), n_days), counts.ravel()).astype(np.int32)
    link = np.full(total, -1, dtype=np.int32)
    created = np.concatenate([[0], np.cumsum(counts.sum(axis=1))])
    exits = np.bincount(graph.link_from, minlength=n_places)
    order = np.argsort(graph.link_from, kind="stable")
    first_exit = np.concatenate([[0], np.cumsum(exits)])
    arriving: defaultdict[int, list[np.ndarray]] = defaultdict(list)
    leaving: defaultdict[int, list[np.ndarray]] = defaultdict(list)
    present = np.zeros(n_places, dtype=np.int64)
    arrivals_out = np.zeros((n_days, n_places))
    present_out = np.zeros((n_days, n_places))
    blocked_out = np.zeros((n_days, n_places))
    departures_out = np.zeros((n_days, n_links))
    in_transit_out = np.zeros(n_days)
    on_links = absorbed = agent_steps = active_steps = events = 0

    def wait(agents: np.ndarray, day: int, minimum: int) -> None:
        """Schedule a departure try after Geometric(r) − 1 + minimum days (never, for r = 0)."""
        rate = graph.leave_rate[place[agents]]
        movable = rate > 0
        delay = np.full(len(agents), n_days, dtype=np.int64)
        delay[movable] = rng.geometric(rate[movable]) - 1 + minimum
        due = day + delay
        keep = due < n_days
        _schedule(leaving, agents[keep], due[keep])

    for t in range(n_days):
        agent_steps += int(created[t + 1])
        active_steps += int(created[t + 1]) - absorbed
        new = np.arange(created[t], created[t + 1])
        landed = np.concatenate(arriving.pop(t, [np.empty(0, dtype=np.int64)]))
        on_links -= len(landed)
        place[landed] = graph.link_to[link[landed]]
        link[landed] = -1
        here = np.concatenate([new, landed])
        events += len(here)
        arrivals_out[t] = np.bincount(place[here], minlength=n_places)
        present += arrivals_out[t].astype(np.int64)
        ends = exits[place[here]] == 0
        absorbed += int(ends.sum())
        settle = here[~ends]
        rate = graph.leave_rate[place[settle]]
        now = rng.random(len(settle)) < rate
        wait(settle[~now], t, 1)
        movers = np.concatenate([*leaving.pop(t, []), settle[now]]).astype(np.int64)
        events += len(movers)
        shares = effective_shares(graph, is_open[t], scenario.diversion_rate)
        chosen = _choose_links(shares, place[movers], order, first_exit, rng)
        chosen = _apply_capacity(chosen, capacity[t], rng)
        go = chosen >= 0
        stuck = movers[~go]
        blocked_out[t] = np.bincount(place[stuck], minlength=n_places)
        wait(stuck, t, 1)
        going = movers[go]
        link[going] = chosen[go]
        departures_out[t] = np.bincount(chosen[go], minlength=n_links)
        present -= np.bincount(place[going], minlength=n_places)
        on_links += len(going)
        _schedule(arriving, going, t + graph.transit_days[chosen[go]])
        present_out[t], in_transit_out[t] = present, on_links
    result = ScenarioResult(
        dates=scenario.dates,
        places=graph.places,
        links=tuple(graph.link_name(i) for i in range(n_links)),
        arrivals=arrivals_out,
        present=present_out,
        departures=departures_out,
        blocked=blocked_out,
        in_transit=in_transit_out,
    )
    return AgentRun(result, total, agent_steps, active_steps, events)


def _schedule(calendar: defaultdict[int, list[np.ndarray]], agents: np.ndarray, days: np.ndarray) -> None:
    """Append each agent to the list of the day it is due (grouped with one sort)."""
    if not len(agents):
        return
    by_day = np.argsort(days, kind="stable")
    unique_days, starts = np.unique(days[by_day], return_index=True)
    for day, chunk in zip(unique_days.tolist(), np.split(agents[by_day], starts[1:]), strict=True):
        calendar[day].append(chunk)


def _choose_links(
    shares: np.ndarray,
    origins: np.ndarray,
    order: np.ndarray,
    first_exit: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Link index per agent drawn from s'_l of its place's exits; −1 where the draw falls in the blocked rest.

    Links sorted by origin carry the key p + (cumulative share within p); an agent at p with draw u takes
    the first link whose key exceeds p + u, if that link still leaves p.
    """
    sorted_shares = shares[order]
    within = np.cumsum(sorted_shares) - np.repeat(
        np.concatenate([[0.0], np.cumsum(sorted_shares)])[first_exit[:-1]], np.diff(first_exit)
    )
    keys = np.repeat(np.arange(len(first_exit) - 1), np.diff(first_exit)) + within
    position = np.searchsorted(keys, origins + rng.random(len(origins)), side="right")
    inside = position < first_exit[origins + 1]
    chosen = np.full(len(origins), -1, dtype=np.int64)
    chosen[inside] = order[position[inside]]
    return chosen


def _apply_capacity(chosen: np.ndarray, capacity: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Turn back all but a uniformly random ⌊c_l⌋ of the agents that chose link l."""
    picked = chosen >= 0
    demand = np.bincount(chosen[picked], minlength=len(capacity))
    if not (demand > capacity).any():
        return chosen
    keys = rng.random(len(chosen))
    by_link = np.lexsort((keys, chosen))
    sorted_links = chosen[by_link]
    group_start = np.searchsorted(sorted_links, sorted_links, side="left")
    rank = np.arange(len(chosen)) - group_start
    allowed = np.where(sorted_links >= 0, np.floor(capacity[np.maximum(sorted_links, 0)]), np.inf)
    result = chosen.copy()
    result[by_link[(sorted_links >= 0) & (rank >= allowed)]] = -1
    return result
