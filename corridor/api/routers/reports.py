"""Reports: request one (a job), follow its progress, download its files."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from corridor.accounts.access import person_label
from corridor.api.auth import caller
from corridor.api.concurrency import created
from corridor.api.inputs import optional_day
from corridor.api.schemas.reports import ReportIn, ReportStatusOut
from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job
from corridor.jobs.selectors import jobs_visible_to
from corridor.reports.choices import CONTENT_TYPES, OutputFormat
from corridor.reports.jobs import JOB_KIND, submit_report
from corridor.reports.models import ReportRun
from corridor.reports.requests import ANONYMOUS, DEFAULT_DISTRIBUTION, ReportRequest, checked_formats
from corridor.reports.selectors import get_report_run_for_user, outputs_of
from corridor.reports.services import ensure_output

router = Router(tags=["reports"])


def _run_out(request: HttpRequest, run: ReportRun) -> dict[str, Any]:
    formats = [output.format for output in outputs_of(run)]
    base = f"/api/v1/reports/{run.uid}/download?format="
    return {
        "uid": run.uid,
        "reference": run.reference,
        "version": run.version,
        "kind": run.kind,
        "classification": run.classification,
        "content_classification": run.content_classification,
        "issued_on": run.issued_on,
        "created_at": run.created_at,
        "data_hash": run.data_hash,
        "parameters": {**run.parameters, "reader": _reader(request, run)},
        "distribution": run.distribution,
        "formats": formats,
        "downloads": {output_format: base + output_format for output_format in OutputFormat.values},
    }


def _reader(request: HttpRequest, run: ReportRun) -> str | None:
    """Whom the run was built for, as the caller may name them (`person_label`), or an anonymous reader."""
    if run.parameters.get("reader") == ANONYMOUS:
        return ANONYMOUS
    return person_label(caller(request), run.created_by)


def _job_out(request: HttpRequest, job: Job) -> dict[str, Any]:
    run = None
    if job.status == JobStatus.SUCCEEDED and job.result.get("run"):
        run = _run_out(request, get_report_run_for_user(caller(request), uid=job.result["run"]))
    return {
        "uid": job.uid,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "run": run,
    }


def _resolve(request: HttpRequest, uid: UUID) -> Job | ReportRun:
    """A report request (its job) or a run, by uid, as the caller may see it."""
    job = jobs_visible_to(caller(request)).filter(uid=uid, kind=JOB_KIND).first()
    if job is not None:
        return job
    return get_report_run_for_user(caller(request), uid=uid)


@router.post("/reports", response={202: ReportStatusOut})
def request_report(request: HttpRequest, body: ReportIn) -> JsonResponse:
    """Queue a report; answers at once with the request's uid to poll. Signed-in callers only."""
    report = ReportRequest(
        kind=body.kind,
        start=optional_day(body.start, "start"),
        end=optional_day(body.end, "end"),
        operation=body.operation,
        event=body.event,
        window_days=body.window_days,
        classification=body.classification,
        distribution=tuple(body.distribution) if body.distribution is not None else DEFAULT_DISTRIBUTION,
    )

    def create() -> tuple[int, dict[str, Any]]:
        job = submit_report(request=report, reader=caller(request), formats=body.formats)
        return 202, ReportStatusOut.model_validate(_job_out(request, job)).model_dump(mode="json")

    return created(request, create)


@router.get("/reports/{uid}", response=ReportStatusOut)
def report_status(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    """A report request's progress, or a run's particulars (status 'succeeded')."""
    found = _resolve(request, uid)
    if isinstance(found, Job):
        found.refresh_from_db()
        return _job_out(request, found)
    return {
        "uid": found.uid,
        "status": JobStatus.SUCCEEDED,
        "progress": 1.0,
        "message": f"{found.reference} version {found.version}",
        "error": "",
        "run": _run_out(request, found),
    }


@router.get("/reports/{uid}/download", response={200: None, 409: dict})
def download_report(request: HttpRequest, uid: UUID, format: str = "pdf") -> Any:
    """The report's file in `format` (html, pdf, docx), rendered from the run's stored data if needed."""
    (output_format,) = checked_formats([format])
    found = _resolve(request, uid)
    if isinstance(found, Job):
        if found.status != JobStatus.SUCCEEDED or not found.result.get("run"):
            return JsonResponse({"detail": f"the report is {found.status}, not ready"}, status=409)
        found = get_report_run_for_user(caller(request), uid=found.result["run"])
    output = ensure_output(found, output_format)
    response = HttpResponse(bytes(output.content), content_type=CONTENT_TYPES[OutputFormat(output_format)])
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    response["ETag"] = f'"{output.sha256}"'
    return response
