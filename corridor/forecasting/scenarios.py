"""A closure scenario as the pages, the API and the CLI show it: baseline and closure side by side.

Pure computation on an engine `DailySeries` and a `RouteModel` (no database). The external inflow is the
route's inflow series (the first counted at a node where people enter the route) from `WARMUP_DAYS` before
the closure, so the route is already carrying people when it starts, to the closure's last day. Both runs
use the route's graph with the closures already in force and re-route around dead ends
(`engine.Scenario.reroute_around_dead_ends`); the closure run adds the chosen closure for `days` days.
Figures are reported over the closure's days only: what arrives where, and how that differs from the
baseline. A day without a visible inflow count enters as 0 and is counted in `inflow_missing_days`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.choices import ScenarioMode
from corridor.forecasting.closures import resolve_closure
from corridor.forecasting.engine import (
    Closure,
    DailySeries,
    RouteGraph,
    Scenario,
    ScenarioResult,
    run_agents,
    run_scenario,
)
from corridor.forecasting.routes import RouteModel

WARMUP_DAYS = 21
DEFAULT_DAYS = 28
MAX_DAYS = 120


@dataclass(frozen=True)
class ScenarioRequest:
    """Close `close` (a border `aa-bb` or a link `from>to`) from `start` for `days` days."""

    close: str
    start: date
    days: int = DEFAULT_DAYS
    agents: bool = False
    seed: int = 0

    @property
    def end(self) -> date:
        return self.start + timedelta(days=self.days - 1)

    @property
    def mode(self) -> str:
        return ScenarioMode.AGENTS if self.agents else ScenarioMode.FLOW

    def parameters(self) -> dict[str, Any]:
        return {
            "close": self.close,
            "start": self.start.isoformat(),
            "days": self.days,
            "agents": self.agents,
            "seed": self.seed,
            "warmup_days": WARMUP_DAYS,
            "reroute_around_dead_ends": True,
        }


def no_inflow(route: RouteModel) -> str:
    inflow = route.inflow
    what = inflow.label if inflow else "counts where people enter the route"
    return f"you can see no {what[:1].lower()}{what[1:]} to drive a scenario on {route.name}"


def scenario_problems(
    series: DailySeries | None, request: ScenarioRequest, route: RouteModel
) -> dict[str, list[str]]:
    """Every problem with a scenario request, by field (none: it can run on `series`)."""
    problems: dict[str, list[str]] = {}
    try:
        resolve_closure(route, request.close)
    except ValidationFailed as failed:
        problems.update(failed.errors)
    if not 1 <= request.days <= MAX_DAYS:
        problems["days"] = [f"{request.days} is outside 1–{MAX_DAYS} days"]
    inflow = route.inflow
    usable = series is not None and inflow is not None and inflow.key in series.places
    reported = series.dates[~np.isnan(series.column(inflow.key))] if usable else []  # type: ignore[union-attr]
    if not len(reported):
        problems["start"] = [no_inflow(route)]
    else:
        first, last = reported[0].date() + timedelta(days=WARMUP_DAYS), reported[-1].date()
        if not first <= request.start <= last:
            problems["start"] = [
                f"{request.start.isoformat()} is outside {first.isoformat()} – {last.isoformat()}: "
                f"a scenario needs the {WARMUP_DAYS} days of observed inflow "
                f"({inflow.label if inflow else ''}) before it"
            ]
    return problems


def compute_scenario(series: DailySeries, request: ScenarioRequest, route: RouteModel) -> dict[str, Any]:
    """Baseline and closure runs over the request's days, JSON-ready (see the module docstring)."""
    problems = scenario_problems(series, request, route)
    if problems:
        raise ValidationFailed(problems)
    graph, source = route.require_graph(), route.inflow
    assert source is not None  # scenario_problems refuses a route without one
    entry = source.node
    choice = resolve_closure(route, request.close)
    first = request.start - timedelta(days=WARMUP_DAYS)
    days = pd.date_range(first, request.end, freq="D")
    observed = series.to_frame()[source.key].reindex(days)
    inflow = pd.DataFrame({entry: observed.fillna(0.0)})
    if request.agents:
        inflow = inflow.round()
    closures = tuple(Closure(a, b, request.start, request.end) for a, b in choice.links)
    baseline = _run(graph, inflow, route.closures_in_force, request)
    closed = _run(graph, inflow, (*route.closures_in_force, *closures), request)
    window = days >= pd.Timestamp(request.start)
    return {
        **request.parameters(),
        "end": request.end.isoformat(),
        "mode": request.mode,
        "closure": {
            "key": choice.key,
            "label": choice.label,
            "links": [f"{a} -> {b}" for a, b in choice.links],
        },
        "route": route.slug,
        "inflow": {
            "place": entry,
            "series": source.key,
            "label": source.label,
            "total": _round(inflow[entry].to_numpy()[window].sum()),
            "missing_days": int(observed.isna().sum()),
            "first": first.isoformat(),
        },
        "dates": [day.date().isoformat() for day in days[window]],
        "places": _places(route, baseline, closed, window),
        "baseline": _daily(baseline, window),
        "scenario": _daily(closed, window),
        "links": _links(route, baseline, closed, window),
        "diverted_total": _diverted(graph, baseline, closed, window),
        "waiting_at_end": _waiting(route, baseline, closed),
    }


def _run(
    graph: RouteGraph, inflow: pd.DataFrame, closures: tuple[Closure, ...], request: ScenarioRequest
) -> ScenarioResult:
    scenario = Scenario(graph, inflow, closures=closures, reroute_around_dead_ends=True)
    return run_agents(scenario, seed=request.seed).result if request.agents else run_scenario(scenario)


def _round(value: float) -> float:
    return round(float(value), 1)


def _places(
    route: RouteModel, baseline: ScenarioResult, closed: ScenarioResult, window: np.ndarray
) -> list[dict[str, Any]]:
    graph, point_for = route.require_graph(), route.point_for
    rows = []
    before, after = baseline.arrivals[window].sum(axis=0), closed.arrivals[window].sum(axis=0)
    for index, place in enumerate(graph.places):
        point = point_for(place)
        rows.append(
            {
                "place": place,
                "label": point.label,
                "slug": point.slug,
                "latitude": point.latitude,
                "longitude": point.longitude,
                "country": graph.countries[index],
                "baseline": _round(before[index]),
                "scenario": _round(after[index]),
                "change": _round(after[index] - before[index]),
            }
        )
    return rows


def _daily(result: ScenarioResult, window: np.ndarray) -> dict[str, list[float]]:
    return {
        place: [_round(v) for v in result.arrivals[window, index]]
        for index, place in enumerate(result.places)
    }


def _links(
    route: RouteModel, baseline: ScenarioResult, closed: ScenarioResult, window: np.ndarray
) -> list[dict[str, Any]]:
    graph, point_for = route.require_graph(), route.point_for
    before, after = baseline.departures[window].sum(axis=0), closed.departures[window].sum(axis=0)
    return [
        {
            "link": name,
            "label": f"{point_for(graph.places[graph.link_from[index]]).label} → "
            f"{point_for(graph.places[graph.link_to[index]]).label}",
            "alternative": bool(graph.share[index] == 0),
            "baseline": _round(before[index]),
            "scenario": _round(after[index]),
            "change": _round(after[index] - before[index]),
        }
        for index, name in enumerate(baseline.links)
        if before[index] or after[index]
    ]


def _diverted(
    graph: RouteGraph, baseline: ScenarioResult, closed: ScenarioResult, window: np.ndarray
) -> float:
    """Persons who set off on an alternative path (a link with no share while the route is open), beyond
    those who did in the baseline."""
    alternative = graph.share == 0
    extra = (
        closed.departures[window][:, alternative].sum() - baseline.departures[window][:, alternative].sum()
    )
    return _round(extra)


def _waiting(route: RouteModel, baseline: ScenarioResult, closed: ScenarioResult) -> list[dict[str, Any]]:
    """Persons waiting at each place (destinations aside) at the end of the last day, where the closure
    changed that."""
    graph, point_for = route.require_graph(), route.point_for
    on_the_way = np.bincount(graph.link_from, minlength=len(graph.places)) > 0
    return [
        {
            "place": place,
            "label": point_for(place).label,
            "baseline": _round(baseline.present[-1, i]),
            "scenario": _round(closed.present[-1, i]),
        }
        for i, place in enumerate(closed.places)
        if on_the_way[i] and abs(closed.present[-1, i] - baseline.present[-1, i]) >= 0.5
    ]
