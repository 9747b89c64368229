"""Scenario engine vs Flee on Flee's synthetic Western Balkans corridor: agent-steps per second, peak RSS.

    .venv/bin/python bench/forecasting/scenario_vs_flee.py --agents 1000000 --days 180 \
        --flee-python /tmp/flee-venv/bin/python [--repeat 3] [--markdown]

Each measurement runs in its own process (so each peak RSS is that run's alone):

- `agents`: engine.agents.run_agents — one agent per person, vectorised discrete events;
- `flow`: engine.scenarios.run_scenario — expected values, no individual agents;
- Flee 3.1: /work/shared/bench/flee/flee_bench.py run with `--flee-python` (a venv outside the project
  with `pip install flee==3.1`; Flee is never a dependency of Corridor). Without it, Flee is skipped.

Agent-steps are counted as flee_bench.py counts them: Σ over days of the agents created so far
(Σ_t Σ_{s ≤ t} inflow(s)), for both engines. Simulation seconds: Flee spawn + evolve; ours scenario
construction (incl. spreading the agents over days) + run. Prints one JSON object (or Markdown).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLEE_BENCH = Path("/work/shared/bench/flee/flee_bench.py")
CAMPS = ("Traiskirchen", "Passau", "Munich")


def measure(mode: str, agents: int, days: int) -> dict[str, object]:
    """Run one engine mode in this process and report its timings and peak RSS."""
    sys.path.insert(0, str(HERE))
    from flee_scenario import FLEE_SCENARIO, read_flee_scenario

    from corridor.forecasting.engine.agents import run_agents
    from corridor.forecasting.engine.scenarios import run_scenario

    rss_after_imports = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    scenario = read_flee_scenario(FLEE_SCENARIO, agents=agents, days=days)
    setup_wall = time.perf_counter() - wall
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    if mode == "agents":
        run = run_agents(scenario, seed=42)
        result, agent_steps, events = run.result, run.agent_steps, run.events
    else:
        result = run_scenario(scenario)
        created = scenario.inflow_matrix().sum(axis=1).cumsum()
        agent_steps, events = round(float(created.sum())), 0
    run_wall, run_cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
    final = dict(zip(result.places, result.present[-1].round().tolist(), strict=True))
    return {
        "mode": mode,
        "agents": agents,
        "days": days,
        "agent_steps": agent_steps,
        "events": events,
        "setup_s": round(setup_wall, 4),
        "run_s": round(run_wall, 4),
        "run_cpu_s": round(run_cpu, 4),
        "sim_s": round(setup_wall + run_wall, 4),
        "total_cpu_s": round(time.process_time() - cpu, 4),
        "agent_steps_per_s": round(agent_steps / (setup_wall + run_wall)),
        "agent_steps_per_cpu_s": round(agent_steps / (time.process_time() - cpu)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_after_imports_mb": round(rss_after_imports, 1),
        "in_camps": round(sum(final[c] for c in CAMPS)),
        "final_camps": {c: final[c] for c in CAMPS},
    }


def run_child(mode: str, agents: int, days: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--measure", mode, "--agents", str(agents), "--days", str(days)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_flee(python: str, agents: int, days: int) -> dict[str, object]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [python, str(FLEE_BENCH), "--agents", str(agents), "--days", str(days)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    flee = json.loads(output.strip().splitlines()[-1])
    sim = float(flee["spawn_s"]) + float(flee["evolve_s"])
    return {
        "flee_version": flee["flee_version"],
        "agent_steps": flee["agent_steps"],
        "sim_s": round(sim, 3),
        "wall_s": flee["wall_s"],
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 3),
        "agent_steps_per_s": round(int(flee["agent_steps"]) / sim),
        "agent_steps_per_cpu_s": round(
            int(flee["agent_steps"])
            / ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        ),
        "peak_rss_mb": flee["peak_rss_mb"],
        "in_camps": flee["in_camps"],
        "final_camps": {c: flee["final_counts"][c] for c in CAMPS},
    }


def median_run(runs: list[dict[str, object]]) -> dict[str, object]:
    ordered = sorted(runs, key=lambda r: float(r["sim_s"]))  # type: ignore[arg-type]
    chosen = dict(ordered[len(ordered) // 2])
    chosen["sim_s_all"] = [r["sim_s"] for r in runs]
    chosen["median_of"] = len(runs)
    return chosen


def markdown(report: dict[str, object]) -> str:
    rows = [("Corridor agent mode", report["agents_mode"]), ("Corridor flow mode", report["flow_mode"])]
    if report.get("flee"):
        rows.append(("Flee 3.1", report["flee"]))
    lines = [
        "| engine | agent-steps | simulation s (wall) | agent-steps/s (wall) | × Flee (wall) "
        "| agent-steps/CPU-s | × Flee (CPU) | peak RSS MB | in camps at the end |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    flee = report.get("flee")
    for name, row in rows:
        assert isinstance(row, dict)
        wall_ratio, cpu_ratio = "–", "–"
        if isinstance(flee, dict):
            wall_ratio = f"{row['agent_steps_per_s'] / flee['agent_steps_per_s']:,.0f}"
            cpu_ratio = f"{row['agent_steps_per_cpu_s'] / flee['agent_steps_per_cpu_s']:,.0f}"
        lines.append(
            f"| {name} | {row['agent_steps']:,} | {row['sim_s']} | {row['agent_steps_per_s']:,} "
            f"| {wall_ratio} "
            f"| {row['agent_steps_per_cpu_s']:,} | {cpu_ratio} | {row['peak_rss_mb']} | {row['in_camps']:,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=3, help="engine runs per mode (median reported)")
    parser.add_argument("--flee-python", default="", help="python of a venv with flee==3.1 installed")
    parser.add_argument("--measure", choices=["agents", "flow"], help=argparse.SUPPRESS)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table after the JSON")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.agents, args.days)))
        return
    report: dict[str, object] = {
        "agents": args.agents,
        "days": args.days,
        "load_average_before": os.getloadavg(),
        "agents_mode": median_run([run_child("agents", args.agents, args.days) for _ in range(args.repeat)]),
        "flow_mode": median_run([run_child("flow", args.agents, args.days) for _ in range(args.repeat)]),
    }
    if args.flee_python:
        report["flee"] = run_flee(args.flee_python, args.agents, args.days)
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=2))
    if args.markdown:
        print()
        print(markdown(report))


if __name__ == "__main__":
    main()
