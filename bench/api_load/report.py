"""The figures of one run as Markdown tables, for docs/benchmarks.md."""

from __future__ import annotations

from typing import Any

GOAL_MS = 50
GOAL_RATIO = 2


def table(summary: dict[str, Any]) -> str:
    """The figures as a Markdown table, with the goal (p95 ≤ 2 × SQL p95 and ≤ 50 ms) checked per row."""
    lines = [
        "| endpoint | API p50 | API p95 | API req/s | SQL p50 | SQL p95 | SQL q/s | p95 ratio | goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    endpoints = summary["endpoints"]
    assert isinstance(endpoints, dict)
    for name, row in endpoints.items():
        api, sql = row["api"], row["sql"]
        ratio = api["p95_ms"] / sql["p95_ms"] if sql["p95_ms"] else float("inf")
        met = api["p95_ms"] <= GOAL_MS and ratio <= GOAL_RATIO
        lines.append(
            f"| {name} | {api['p50_ms']:.1f} ms | {api['p95_ms']:.1f} ms | {api['per_second']:.0f}"
            f" | {sql['p50_ms']:.1f} ms | {sql['p95_ms']:.1f} ms | {sql['per_second']:.0f}"
            f" | {ratio:.1f} × | {'met' if met else 'not met'} |"
        )
    lines += [
        "",
        "| endpoint | CPU ms per API request: app | db | wrk | CPU ms per SQL query: db | pgbench |",
    ]
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, row in endpoints.items():
        api_cpu, sql_cpu = row["cpu_seconds"]["api"], row["cpu_seconds"]["sql"]
        per_api = {
            party: 1000 * seconds / max(row["api"]["requests"], 1) for party, seconds in api_cpu.items()
        }
        per_sql = {
            party: 1000 * seconds / max(row["sql"]["requests"], 1) for party, seconds in sql_cpu.items()
        }
        lines.append(
            f"| {name} | {per_api.get('app', 0):.2f} | {per_api.get('db', 0):.2f}"
            f" | {per_api.get('load tool', 0):.2f} | {per_sql.get('db', 0):.2f}"
            f" | {per_sql.get('load tool', 0):.2f} |"
        )
    return "\n".join(lines)
