"""Route-shift scenarios: expected arrivals per place per day when links close or are capped.

Method: a deterministic compartmental flow model on a directed graph with fixed transit delays (a
discrete-time network flow / "dynamic traffic assignment" with point queues, Vickrey, American Economic
Review 59(2), 1969; Peeta & Ziliaskopoulos, Networks and Spatial Economics 1, 2001), vectorised over
places and links with numpy. It is the expected-value counterpart of the agent mode in `agents`.

State: P_p(t) persons present at place p at the end of day t; Q_l(t, j) persons on link l due to arrive
j days later. Each day t, with I_p(t) the external inflow (e.g. sea arrivals), the scenario's open links
O(t) and capacities c_l(t):

    A_p(t)  = I_p(t) + Σ_{l: to(l) = p} Q_l(t − 1, 1)                     arrivals at p on day t
    W_p     = r_p · (P_p(t − 1) + A_p(t))                                  persons who set off from p
    s'_l    = s_l + ρ · B_a · d_l / Σ_{m ∈ O(t), from(m) = a} d_m  for l ∈ O(t) from a, 0 for closed l
              (B_a = Σ_{closed l from a} s_l; the diverted term is 0 when no open sibling has d > 0)
    F_l(t)  = min(W_{from(l)} · s'_l, c_l(t))                               departures on link l
    P_p(t)  = P_p(t − 1) + A_p(t) − Σ_{l: from(l) = p} F_l(t)
    Q_l(t, τ_l) += F_l(t)                                                   (arrival on day t + τ_l)

so a closure sends a share ρ (`diversion_rate`) of the blocked route choice to the open alternatives in
proportion to their diversion weights and holds the rest (and any excess over capacity) at the place,
where it tries again the next day. Mass is conserved: Σ_{s ≤ t} Σ_p I_p(s) = Σ_p P_p(t) + Σ_{l,j} Q_l(t, j).

With `reroute_around_dead_ends`, people also stop setting off towards a place from which every onward
path is closed, and re-route where an open alternative still exists (the closure is known along the route,
as it was in 2016). The open links are then pruned each day to those whose destination still reaches a
place without outgoing links (a destination):

    R(t)  = the smallest set holding every destination and every place with a link l ∈ O'(t) into R(t)
    O'(t) = { l ∈ O(t) : to(l) ∈ R(t) }

and O'(t) replaces O(t) above, so the share of a link into a dead end is diverted like that of a closed one.
Without it (the default) a closure diverts only at the place where the closed link starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from corridor.forecasting.engine.graph import RouteGraph


@dataclass(frozen=True)
class Closure:
    """Link `origin → destination` closed from `start` to `end` inclusive (None = until the end)."""

    origin: str
    destination: str
    start: date
    end: date | None = None


def read_closures(path: Path | str) -> tuple[Closure, ...]:
    """Read a CSV with columns from, to, start, end (ISO dates; empty end = open-ended)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    absent = [c for c in ("from", "to", "start", "end") if c not in frame.columns]
    if absent:
        raise ValueError(f"{path}: missing column(s) {', '.join(absent)}")
    closures = []
    for line, (origin, destination, start, end) in enumerate(
        frame[["from", "to", "start", "end"]].itertuples(index=False), start=2
    ):
        try:
            first = date.fromisoformat(start)
            last = date.fromisoformat(end) if end else None
        except ValueError:
            raise ValueError(
                f"{path}, line {line}: start {start!r} / end {end!r} must be ISO dates"
            ) from None
        closures.append(Closure(origin, destination, first, last))
    return tuple(closures)


@dataclass(frozen=True)
class CapacityLimit:
    """Link `origin → destination` carries at most `capacity` persons a day from `start` to `end`."""

    origin: str
    destination: str
    start: date
    capacity: float
    end: date | None = None


@dataclass(frozen=True, eq=False)
class Scenario:
    """A graph, the daily external inflow per place (frame: daily DatetimeIndex × places), closures, caps."""

    graph: RouteGraph
    inflow: pd.DataFrame
    closures: tuple[Closure, ...] = ()
    limits: tuple[CapacityLimit, ...] = ()
    diversion_rate: float = 1.0
    reroute_around_dead_ends: bool = False

    def __post_init__(self) -> None:
        index = self.inflow.index
        if not isinstance(index, pd.DatetimeIndex) or len(index) == 0:
            raise ValueError("inflow needs a non-empty DatetimeIndex of days")
        if len(index) > 1 and not ((index[1:] - index[:-1]) == pd.Timedelta(days=1)).all():
            raise ValueError("inflow dates must be consecutive days")
        for column in self.inflow.columns:
            self.graph.place_index(str(column))
            values = self.inflow[column].to_numpy(dtype=float)
            if np.isnan(values).any() or (values < 0).any():
                day = index[np.flatnonzero(np.isnan(values) | (values < 0))[0]].date()
                raise ValueError(f"inflow column {column}: {day} is missing or negative")
        if not 0 <= self.diversion_rate <= 1:
            raise ValueError(f"diversion_rate must be in [0, 1], got {self.diversion_rate}")
        rules: list[Closure | CapacityLimit] = [*self.closures, *self.limits]
        for rule in rules:
            self.graph.link_index(rule.origin, rule.destination)
            if rule.end is not None and rule.end < rule.start:
                raise ValueError(
                    f"{rule.origin} -> {rule.destination}: end {rule.end} is before start {rule.start}"
                )

    @property
    def dates(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.inflow.index)

    def inflow_matrix(self) -> np.ndarray:
        """I[t, p]: external inflow per day and place (zero for places not in the frame)."""
        matrix = np.zeros((len(self.dates), len(self.graph.places)))
        for column in self.inflow.columns:
            matrix[:, self.graph.place_index(str(column))] = self.inflow[column].to_numpy(dtype=float)
        return matrix

    def open_links(self) -> np.ndarray:
        """open[t, l]: link l is open on day t (and, with `reroute_around_dead_ends`, leads somewhere)."""
        is_open = np.ones((len(self.dates), len(self.graph.link_from)), dtype=bool)
        for closure in self.closures:
            is_open[
                self._days(closure.start, closure.end),
                self.graph.link_index(closure.origin, closure.destination),
            ] = False
        return links_out_of_dead_ends(self.graph, is_open) if self.reroute_around_dead_ends else is_open

    def capacities(self) -> np.ndarray:
        """c[t, l]: persons a day link l can carry on day t."""
        capacity = np.tile(self.graph.capacity, (len(self.dates), 1))
        for limit in self.limits:
            link = self.graph.link_index(limit.origin, limit.destination)
            days = self._days(limit.start, limit.end)
            capacity[days, link] = np.minimum(capacity[days, link], limit.capacity)
        return capacity

    def _days(self, start: date, end: date | None) -> np.ndarray:
        stamps = self.dates
        last = pd.Timestamp(end) if end is not None else stamps[-1]
        return np.flatnonzero((stamps >= pd.Timestamp(start)) & (stamps <= last))


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """Daily arrivals[t, p], present[t, p] (end of day), departures[t, l], blocked[t, p], in_transit[t]."""

    dates: pd.DatetimeIndex
    places: tuple[str, ...]
    links: tuple[str, ...]
    arrivals: np.ndarray
    present: np.ndarray
    departures: np.ndarray
    blocked: np.ndarray
    in_transit: np.ndarray

    def arrivals_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.arrivals, index=self.dates, columns=list(self.places))

    def present_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.present, index=self.dates, columns=list(self.places))

    def departures_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.departures, index=self.dates, columns=list(self.links))


def links_out_of_dead_ends(graph: RouteGraph, is_open: np.ndarray) -> np.ndarray:
    """O'(t) for every day at once: open links whose destination still reaches a destination place."""
    n_places, n_links = len(graph.places), len(graph.link_from)
    destination = np.bincount(graph.link_from, minlength=n_places) == 0
    starts_at = np.zeros((n_links, n_places), dtype=np.int64)
    starts_at[np.arange(n_links), graph.link_from] = 1
    reaches = np.tile(destination, (len(is_open), 1))
    for _ in range(n_places):
        leading = is_open & reaches[:, graph.link_to]
        widened = destination | ((leading.astype(np.int64) @ starts_at) > 0)
        if np.array_equal(widened, reaches):
            break
        reaches = widened
    return is_open & reaches[:, graph.link_to]


def effective_shares(graph: RouteGraph, is_open: np.ndarray, diversion_rate: float) -> np.ndarray:
    """s'_l for one day: closed links 0, the blocked share ρ·B_a spread over open siblings by d_l."""
    n_places = len(graph.places)
    blocked = np.bincount(graph.link_from, weights=graph.share * ~is_open, minlength=n_places)
    open_weight = np.bincount(graph.link_from, weights=graph.divert_weight * is_open, minlength=n_places)
    denominator = open_weight[graph.link_from]
    diverted = np.divide(
        diversion_rate * blocked[graph.link_from] * graph.divert_weight,
        denominator,
        out=np.zeros(len(graph.link_from)),
        where=denominator > 0,
    )
    return np.where(is_open, graph.share + diverted, 0.0)


def run_scenario(scenario: Scenario) -> ScenarioResult:
    """Expected arrivals, stocks and link flows per day (the formulas in the module docstring)."""
    graph = scenario.graph
    n_days, n_places, n_links = len(scenario.dates), len(graph.places), len(graph.link_from)
    inflow, is_open, capacity = scenario.inflow_matrix(), scenario.open_links(), scenario.capacities()
    has_exit = np.bincount(graph.link_from, minlength=n_places) > 0
    ring = np.zeros((graph.max_transit + 1, n_links))
    links = np.arange(n_links)
    present = np.zeros(n_places)
    out = {name: np.zeros((n_days, n_places)) for name in ("arrivals", "present", "blocked")}
    departures = np.zeros((n_days, n_links))
    in_transit = np.zeros(n_days)
    for t in range(n_days):
        slot = t % len(ring)
        arrivals = inflow[t] + np.bincount(graph.link_to, weights=ring[slot], minlength=n_places)
        ring[slot] = 0.0
        present += arrivals
        wanting = graph.leave_rate * present * has_exit
        shares = effective_shares(graph, is_open[t], scenario.diversion_rate)
        flow = np.minimum(wanting[graph.link_from] * shares, capacity[t])
        leaving = np.bincount(graph.link_from, weights=flow, minlength=n_places)
        present -= leaving
        ring[(t + graph.transit_days) % len(ring), links] += flow
        out["arrivals"][t], out["present"][t], out["blocked"][t] = arrivals, present, wanting - leaving
        departures[t], in_transit[t] = flow, ring.sum()
    return ScenarioResult(
        dates=scenario.dates,
        places=graph.places,
        links=tuple(graph.link_name(link) for link in range(n_links)),
        arrivals=out["arrivals"],
        present=out["present"],
        departures=departures,
        blocked=out["blocked"],
        in_transit=in_transit,
    )
