"""`corridor jobs worker|sweep`: run the job workers, and settle the jobs of workers that died.

`worker` runs a django-q2 cluster that stops within seconds on SIGTERM or Ctrl-C (`corridor.jobs.cluster`);
`sweep` does at once what every worker does each half minute (`corridor.jobs.recovery.sweep_jobs`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import timedelta


def register(commands: argparse._SubParsersAction) -> None:
    jobs = commands.add_parser("jobs", help="run the job workers; settle the jobs of workers that died")
    actions = jobs.add_subparsers(dest="action", required=True)
    worker = actions.add_parser(
        "worker", help="run the job workers until SIGTERM or Ctrl-C (a running job is stopped and settled)"
    )
    worker.add_argument(
        "--grace", type=float, help="seconds to wait for the workers to stop before killing them (default 5)"
    )
    worker.set_defaults(handler=_worker)
    sweep = actions.add_parser(
        "sweep",
        help="fail or queue again the jobs of workers that stopped, and free the jobs they held",
    )
    sweep.add_argument(
        "--stale-after",
        type=float,
        help="seconds without a heartbeat after which a worker counts as stopped (default 60)",
    )
    sweep.set_defaults(handler=_sweep)


def _worker(args: argparse.Namespace) -> int:
    from corridor.jobs.cluster import STOP_GRACE, run_workers
    from corridor.operations.digest import keep_daily_schedule

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    keep_daily_schedule()
    try:
        asked = run_workers(grace=STOP_GRACE if args.grace is None else args.grace)
    except ValueError as refused:
        print(f"corridor jobs worker: {refused}", file=sys.stderr)
        return 2
    if not asked:
        print("corridor jobs worker: the workers stopped on their own (see the log above)", file=sys.stderr)
        return 1
    return 0


def _sweep(args: argparse.Namespace) -> int:
    from corridor.jobs.recovery import sweep_jobs
    from corridor.jobs.selectors import STALE_AFTER

    stale_after = STALE_AFTER if args.stale_after is None else timedelta(seconds=args.stale_after)
    print(sweep_jobs(stale_after=stale_after))
    return 0
