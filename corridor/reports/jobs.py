"""Reports as jobs: a long run is queued, runs in a worker as the user who asked, and reports progress."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from corridor.core.exceptions import PermissionDenied
from corridor.jobs.services import submit_job
from corridor.reports.requests import ReportRequest, checked, checked_formats
from corridor.reports.services import ProgressFn, generate_report

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.jobs.models import Job

JOB_KIND = "reports.generate"


def submit_report(*, request: ReportRequest, reader: Reader, formats: Sequence[str]) -> Job:
    """Queue a report as a job (long runs); the request is checked now, so a bad one fails at once."""
    if reader is None or not reader.is_authenticated:
        raise PermissionDenied("sign in to generate reports")
    request = checked(request, reader)
    params: dict[str, Any] = {
        "request": {
            "kind": request.kind,
            "start": request.start.isoformat() if request.start else None,
            "end": request.end.isoformat() if request.end else None,
            "operation": request.operation,
            "event": request.event,
            "window_days": request.window_days,
            "classification": request.classification,
            "distribution": list(request.distribution),
        },
        "formats": list(checked_formats(list(formats))),
    }
    return submit_job(kind=JOB_KIND, params=params, submitted_by=reader)  # type: ignore[arg-type]


def run_report_job(job: Job, progress: ProgressFn) -> dict[str, Any]:
    """The job handler: generate the report as the user who submitted it; the result names the report
    (`run`, its reference and version) and the formats rendered, which the job page offers."""
    asked = job.params["request"]
    request = ReportRequest(
        kind=asked["kind"],
        start=date.fromisoformat(asked["start"]) if asked["start"] else None,
        end=date.fromisoformat(asked["end"]) if asked["end"] else None,
        operation=asked["operation"],
        event=asked["event"],
        window_days=asked["window_days"],
        classification=asked["classification"],
        distribution=tuple(asked["distribution"]),
    )
    run = generate_report(
        request=request, reader=job.submitted_by, formats=job.params["formats"], progress=progress
    )
    return {
        "run": str(run.uid),
        "reference": run.reference,
        "version": run.version,
        "formats": list(job.params["formats"]),
    }
