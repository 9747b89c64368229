"""Which domain service runs each kind of job, what pages call it, and what a failure or a stopped worker
leaves behind. Explicit, so every job kind can be found here.

What each kind leaves when it fails or its worker stops part-way (checked in the services named):

- an import (`exchange.services.import_file`) writes in one transaction (valid-rows-only mode too: each
  row in a savepoint inside it), so a failure writes nothing; it is never run again by itself: it writes
  records in its submitter's name, and whether to write them later — when the records may have changed —
  is theirs to decide (the staged file is removed when the job ends, too);
- a forecast or a scenario (`forecasting.services`) records its run in one transaction at its very end,
  so a failure writes nothing; running it again makes the same run from the same data;
- a report (`reports.services.generate_report`) stores its data in one transaction and then each file in
  its own, so a report stopped while rendering leaves its data stored; running it again finds the same
  data and reuses that report (same reference and version) and renders the files it lacked.

Forecasts, scenarios and reports only read records and store what they made, so a job of theirs whose
worker stopped runs once more (`RETRYABLE`); an import does not.
"""

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

NOTHING_WRITTEN = "nothing was written"
AFTER_FAILURE: dict[str, str] = {
    IMPORT_JOB: NOTHING_WRITTEN,
    REPORT_JOB: "generating it again reuses whatever it had stored",
    FORECAST_JOB: NOTHING_WRITTEN,
    SCENARIO_JOB: NOTHING_WRITTEN,
}

RETRYABLE: frozenset[str] = frozenset({REPORT_JOB, FORECAST_JOB, SCENARIO_JOB})
ATTEMPTS = 2
"""A retryable job whose worker stopped is run once more: twice in all."""


def label_of(kind: str) -> str:
    """What pages call a job of `kind` ("Import", not "exchange.import")."""
    return LABELS.get(kind, "Job")


def after_failure(kind: str) -> str:
    """What a failed job of `kind` left behind, in words ("nothing was written")."""
    return AFTER_FAILURE.get(kind, NOTHING_WRITTEN)


def may_run_again(job: Job) -> bool:
    """Whether a job whose worker stopped is queued once more rather than failed."""
    return job.kind in RETRYABLE and job.attempts < ATTEMPTS
