"""Which domain service runs each kind of job. Explicit, so every job kind can be found here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corridor.exchange.jobs import IMPORT_JOB, run_import_job
from corridor.forecasting.jobs import FORECAST_JOB, SCENARIO_JOB, run_forecast_job, run_scenario_job
from corridor.jobs.models import Job
from corridor.jobs.services import Progress
from corridor.reports.jobs import JOB_KIND as REPORT_JOB
from corridor.reports.jobs import run_report_job

Handler = Callable[[Job, Progress], dict[str, Any]]

HANDLERS: dict[str, Handler] = {
    IMPORT_JOB: run_import_job,
    REPORT_JOB: run_report_job,
    FORECAST_JOB: run_forecast_job,
    SCENARIO_JOB: run_scenario_job,
}

LABELS: dict[str, str] = {
    IMPORT_JOB: "Import",
    REPORT_JOB: "Report",
    FORECAST_JOB: "Forecast",
    SCENARIO_JOB: "Scenario",
}


def label_of(kind: str) -> str:
    """What pages call a job of `kind` ("Import", not "exchange.import")."""
    return LABELS.get(kind, kind)
