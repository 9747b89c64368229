"""Forecasting engine: numpy/pandas only, no Django. Arrays and frames in, frozen dataclasses out.

Public API (what interfaces call):

Data
    `route_counts()`, `brc_benchmark()`, `policy_changes()`, `route_graph()`, `historical_closures()`
    read the shipped files; `read_daily_long`, `read_brc_benchmark`, `read_policy_changes`,
    `read_route_graph`, `read_closures` read others. `DailySeries` keeps reported / N/A / missing apart.
Forecasts
    `transit_model()` (the configured `TransitLagModel`), `Persistence`, `WeeklySeasonalNaive`: each has
    `predict(history, places, horizons) -> PointForecast` for horizons 1–14 days after `history.last`.
Evaluation
    `rolling_origin(...) -> ForecastArchive`; `evaluate_brc_window(series, benchmark, model) -> ErrorTable`
    (`.to_markdown()`, `.to_dict()` for JSON); `conformal_intervals(...) -> IntervalArchive`.
Alerts
    `monitor(series, model, changes, places=..., first=..., last=...) -> AlertReport` (alerts and
    `AlertTimingTable`, `.to_markdown()`).
Scenarios
    `Scenario(graph, inflow, closures, limits)`; `run_scenario(scenario) -> ScenarioResult` (expected
    values); `run_agents(scenario, seed=...) -> AgentRun` (one agent per person).
"""

from corridor.forecasting.engine.agents import AgentRun, integer_inflow, run_agents
from corridor.forecasting.engine.alerts import (
    Alert,
    AlertReport,
    AlertTiming,
    AlertTimingTable,
    PolicyChange,
    detect_alerts,
    monitor,
    read_policy_changes,
    time_alerts,
)
from corridor.forecasting.engine.baselines import Persistence, WeeklySeasonalNaive
from corridor.forecasting.engine.benchmark import (
    BenchmarkForecasts,
    ErrorRow,
    ErrorTable,
    compare_with_benchmark,
    evaluate_brc_window,
    read_brc_benchmark,
)
from corridor.forecasting.engine.evaluation import ForecastArchive, origins_for_targets, rolling_origin
from corridor.forecasting.engine.forecast import Forecaster, PointForecast
from corridor.forecasting.engine.graph import RouteGraph, read_route_graph
from corridor.forecasting.engine.intervals import IntervalArchive, conformal_intervals, empirical_coverage
from corridor.forecasting.engine.scenarios import (
    CapacityLimit,
    Closure,
    Scenario,
    ScenarioResult,
    read_closures,
    run_scenario,
)
from corridor.forecasting.engine.series import DailySeries, Flag, daily_series_from_frame, read_daily_long
from corridor.forecasting.engine.shipped_data import (
    ROUTE_2015_16,
    brc_benchmark,
    historical_closures,
    policy_changes,
    route_counts,
    route_graph,
    transit_model,
)
from corridor.forecasting.engine.transit import LagKernel, TransitLagModel, upstream_along_route

__all__ = [
    "ROUTE_2015_16",
    "AgentRun",
    "Alert",
    "AlertReport",
    "AlertTiming",
    "AlertTimingTable",
    "BenchmarkForecasts",
    "CapacityLimit",
    "Closure",
    "DailySeries",
    "ErrorRow",
    "ErrorTable",
    "Flag",
    "ForecastArchive",
    "Forecaster",
    "IntervalArchive",
    "LagKernel",
    "Persistence",
    "PointForecast",
    "PolicyChange",
    "RouteGraph",
    "Scenario",
    "ScenarioResult",
    "TransitLagModel",
    "WeeklySeasonalNaive",
    "brc_benchmark",
    "compare_with_benchmark",
    "conformal_intervals",
    "daily_series_from_frame",
    "detect_alerts",
    "empirical_coverage",
    "evaluate_brc_window",
    "historical_closures",
    "integer_inflow",
    "monitor",
    "origins_for_targets",
    "policy_changes",
    "read_brc_benchmark",
    "read_closures",
    "read_daily_long",
    "read_policy_changes",
    "read_route_graph",
    "rolling_origin",
    "route_counts",
    "route_graph",
    "run_agents",
    "run_scenario",
    "time_alerts",
    "transit_model",
    "upstream_along_route",
]
