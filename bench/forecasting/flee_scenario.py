"""Read Flee's synthetic Western Balkans corridor (../shared/bench/flee/scenario) as a Corridor scenario.

The same 19 places, 21 links, two closures and daily arrival profile, translated rule by rule:

- leave rate r_p = Flee's move chance for the location type, from simsetting.yml (conflict_zone →
  conflict_movechance, camp → camp_movechance, marker → 1.0, town → default_movechance);
- transit τ_l = max(1, ⌈distance / max_move_speed⌉) days (360 km/day: 1 day, Athens–Idomeni 2 days);
- links are directed as routes.csv lists them (name1 → name2); Flee's links are two-way and its agents
  may walk back, ours do not;
- route choice s_l ∝ 1 / distance over a place's exits (Flee's awareness-level-1 weight is the
  destination score over distance); diversion weights d_l = s_l;
- a `country` closure closes every link between the two countries; Flee closes at `closure_start` and
  reopens at `closure_end`, so days start … end − 1 (end −1 = never reopens);
- the spawn profile is scaled to exactly N agents with the cumulative rounding flee_bench.py uses.

Capacities are unlimited, as in the Flee scenario (its camps have population 0 = no cap).
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from corridor.forecasting.engine.agents import integer_inflow
from corridor.forecasting.engine.graph import RouteGraph
from corridor.forecasting.engine.scenarios import Closure, Scenario

FLEE_SCENARIO = Path("/work/shared/bench/flee/scenario")
FLEE_START = date(2015, 8, 1)


def read_flee_scenario(directory: Path, *, agents: int, days: int) -> Scenario:
    """The Flee benchmark scenario with `agents` agents over `days` days."""
    settings = yaml.safe_load((directory / "simsetting.yml").read_text())["move_rules"]
    move_chance = {
        "conflict_zone": settings["conflict_movechance"],
        "camp": settings["camp_movechance"],
        "marker": 1.0,
        "town": settings["default_movechance"],
    }
    locations = pd.read_csv(directory / "locations.csv")
    locations.columns = [c.lstrip("#") for c in locations.columns]
    routes = pd.read_csv(directory / "routes.csv")
    routes.columns = [c.lstrip("#") for c in routes.columns]
    names = tuple(locations["name"])
    index = {name: i for i, name in enumerate(names)}
    link_from = np.array([index[n] for n in routes["name1"]])
    link_to = np.array([index[n] for n in routes["name2"]])
    distance = routes["distance"].to_numpy(dtype=float)
    inverse = 1.0 / distance
    share = inverse / np.bincount(link_from, weights=inverse, minlength=len(names))[link_from]
    graph = RouteGraph(
        places=names,
        countries=tuple(locations["country"]),
        leave_rate=np.array([move_chance[kind] for kind in locations["location_type"]], dtype=float),
        link_from=link_from,
        link_to=link_to,
        transit_days=np.maximum(1, np.ceil(distance / settings["max_move_speed"])).astype(np.int64),
        capacity=np.full(len(routes), np.inf),
        share=share,
        divert_weight=share.copy(),
    )
    return Scenario(
        graph=graph,
        inflow=_inflow(directory, agents=agents, days=days),
        closures=_closures(directory, graph, days),
    )


def _inflow(directory: Path, *, agents: int, days: int) -> pd.DataFrame:
    profile = pd.read_csv(directory / "spawn_profile.csv")
    profile.columns = [c.lstrip("#") for c in profile.columns]
    profile = profile.set_index("day").reindex(range(days), fill_value=0.0)
    profile.index = pd.date_range(FLEE_START, periods=days, freq="D")
    return integer_inflow(profile, agents)


def _closures(directory: Path, graph: RouteGraph, days: int) -> tuple[Closure, ...]:
    rules = pd.read_csv(directory / "closures.csv")
    rules.columns = [c.lstrip("#") for c in rules.columns]
    closures = []
    for rule in rules.itertuples(index=False):
        if rule.closure_type != "country":
            raise ValueError(f"closure type {rule.closure_type!r} is not translated (only country closures)")
        last_day = days - 1 if int(rule.closure_end) < 0 else int(rule.closure_end) - 1
        for link in graph.links_between_countries(rule.name1, rule.name2):
            closures.append(
                Closure(
                    origin=graph.places[graph.link_from[link]],
                    destination=graph.places[graph.link_to[link]],
                    start=FLEE_START + timedelta(days=int(rule.closure_start)),
                    end=FLEE_START + timedelta(days=last_day),
                )
            )
    return tuple(closures)


def transit_summary(scenario: Scenario) -> str:
    """One line per link: name, transit days and share (for the benchmark's log)."""
    graph = scenario.graph
    return (
        "\n".join(
            f"{graph.link_name(i)}: {graph.transit_days[i]} d, share {graph.share[i]:.2f}"
            for i in range(len(graph.link_from))
        )
        + f"\n(max transit {math.ceil(float(graph.transit_days.max()))} d)"
    )
