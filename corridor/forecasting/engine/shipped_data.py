"""The case study's files the engine's benchmarks read: its real series, the British Red Cross benchmark,
the policy-change dates (`corridor/casestudy/real/`) and its route folder (`corridor/casestudy/routes/`).

Paths only and plain readers (no Django), for the published error table and the engine's own tests; the
application reads routes and series from the database (`forecasting.routes`). No series is named here:
the route's order is its folder's `series.csv`. Each folder's PROVENANCE.md says where the data come from.
"""

from __future__ import annotations

import csv
from pathlib import Path

from corridor.forecasting.engine.alerts import PolicyChange, read_policy_changes
from corridor.forecasting.engine.benchmark import BenchmarkForecasts, read_brc_benchmark
from corridor.forecasting.engine.graph import RouteGraph, read_route_graph
from corridor.forecasting.engine.scenarios import Closure, read_closures
from corridor.forecasting.engine.series import DailySeries, read_daily_long
from corridor.forecasting.engine.transit import TransitLagModel, upstream_along_route

CASE_STUDY_DIR = Path(__file__).resolve().parents[2] / "casestudy"
REAL_DATA_DIR = CASE_STUDY_DIR / "real"
ROUTE_COUNTS_CSV = REAL_DATA_DIR / "wb-route-daily-unhcr" / "wb_route_daily_long.csv"
BRC_BENCHMARK_CSV = REAL_DATA_DIR / "brc-forecast-benchmark" / "brc_forecast_benchmark_20151214_20160116.csv"
POLICY_CHANGES_CSV = REAL_DATA_DIR / "policy-changes-2015-16" / "policy_changes.csv"
ROUTE_GRAPH_DIR = CASE_STUDY_DIR / "routes" / "western-balkans-2015-16"


def _series_order(folder: Path) -> tuple[str, ...]:
    with (folder / "series.csv").open(encoding="utf-8", newline="") as stream:
        return tuple(row["series"] for row in csv.DictReader(stream))


# The case study route's series, upstream first, as its series.csv lists them.
ROUTE_2015_16 = _series_order(ROUTE_GRAPH_DIR)


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
    return read_route_graph(ROUTE_GRAPH_DIR / "nodes.csv", ROUTE_GRAPH_DIR / "links.csv")


def historical_closures() -> tuple[Closure, ...]:
    """Closures already in force before 2016 (the Hungarian borders)."""
    return read_closures(ROUTE_GRAPH_DIR / "closures.csv")


def transit_model() -> TransitLagModel:
    """The transit-lag model along the 2015–16 corridor with its validated defaults."""
    return TransitLagModel(upstream=upstream_along_route(ROUTE_2015_16))
