"""The files the engine ships with or reads from the case study, and the configured 2015–16 model.

Paths only and plain readers (no Django): the real 2015–16 series, the British Red Cross benchmark and the
policy-change dates under `corridor/casestudy/real/`, and the editorial route graph under `engine/data/`.
Each folder's PROVENANCE.md says where the data come from.
"""

from __future__ import annotations

from pathlib import Path

from corridor.forecasting.engine.alerts import PolicyChange, read_policy_changes
from corridor.forecasting.engine.benchmark import BenchmarkForecasts, read_brc_benchmark
from corridor.forecasting.engine.graph import RouteGraph, read_route_graph
from corridor.forecasting.engine.scenarios import Closure, read_closures
from corridor.forecasting.engine.series import DailySeries, read_daily_long
from corridor.forecasting.engine.transit import TransitLagModel, upstream_along_route

REAL_DATA_DIR = Path(__file__).resolve().parents[2] / "casestudy" / "real"
ROUTE_COUNTS_CSV = REAL_DATA_DIR / "wb-route-daily-unhcr" / "wb_route_daily_long.csv"
BRC_BENCHMARK_CSV = REAL_DATA_DIR / "brc-forecast-benchmark" / "brc_forecast_benchmark_20151214_20160116.csv"
POLICY_CHANGES_CSV = REAL_DATA_DIR / "policy-changes-2015-16" / "policy_changes.csv"
ROUTE_GRAPH_DIR = Path(__file__).resolve().parent / "data" / "route_2015_16"

# UNHCR's series along the corridor, upstream first; Hungary and Germany are left out (Hungary is ≈0 after
# 17 Oct 2015 and gaps 11 Jan – 22 Feb 2016; Germany has 31 days).
ROUTE_2015_16 = (
    "greek_islands",
    "mainland_greece_departures",
    "fyrom",
    "serbia",
    "croatia",
    "slovenia",
    "austria",
)


def route_counts() -> DailySeries:
    """UNHCR daily arrivals per country along the corridor, 1 Oct 2015 – 18 Apr 2016."""
    return read_daily_long(ROUTE_COUNTS_CSV, places=ROUTE_2015_16)


def brc_benchmark() -> BenchmarkForecasts:
    """British Red Cross 1–5-day forecasts for 14 Dec 2015 – 16 Jan 2016."""
    return read_brc_benchmark(BRC_BENCHMARK_CSV)


def policy_changes() -> tuple[PolicyChange, ...]:
    """The dated policy changes of Nov 2015 – Mar 2016 (widely reported dates)."""
    return read_policy_changes(POLICY_CHANGES_CSV)


def route_graph() -> RouteGraph:
    """The editorial 2015–16 route graph with the alternative paths via Albania, Montenegro and BiH."""
    return read_route_graph(ROUTE_GRAPH_DIR / "places.csv", ROUTE_GRAPH_DIR / "links.csv")


def historical_closures() -> tuple[Closure, ...]:
    """Closures already in force before 2016 (the Hungarian borders)."""
    return read_closures(ROUTE_GRAPH_DIR / "closures.csv")


def transit_model() -> TransitLagModel:
    """The transit-lag model along the 2015–16 corridor with its validated defaults."""
    return TransitLagModel(upstream=upstream_along_route(ROUTE_2015_16))
