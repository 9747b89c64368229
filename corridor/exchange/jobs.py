"""Long imports as recorded jobs: the parameters of one, and the handler that runs it.

An interface stages the upload (`services.stage_upload`) and submits the job itself, so this domain app
never imports the jobs interface:

    job = submit_job(kind=IMPORT_JOB, params=import_job_params(path=path, file_name=name, kind=kind),
                     submitted_by=request.user)

`corridor.jobs.handlers.HANDLERS` maps `IMPORT_JOB` to `run_import_job`; the job's result is the import
report (`ImportReport.as_dict()`) with its one-line summary, which becomes the job's message, how many rows
had errors, and whether the file was refused — it had errors and nothing was written (or, checking only,
would be refused) — which ends the job as refused rather than succeeded. The staged file is removed when
the job ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from corridor.exchange.choices import ImportMode
from corridor.exchange.services import import_file
from corridor.jobs.services import REFUSED, SUMMARY

if TYPE_CHECKING:
    from corridor.jobs.models import Job
    from corridor.jobs.services import Progress

IMPORT_JOB = "exchange.import"


def import_job_params(
    *,
    path: Path,
    file_name: str,
    kind: str,
    mapping: str | dict | None = None,
    mode: str = ImportMode.ALL_OR_NOTHING,
    dry_run: bool = False,
) -> dict[str, Any]:
    """What a job needs to import a staged upload (JSON-ready); `mapping` is a saved name or a dict."""
    return {
        "path": str(path),
        "file_name": file_name,
        "kind": kind,
        "mapping": mapping,
        "mode": mode,
        "dry_run": dry_run,
    }


def run_import_job(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    path = Path(params["path"])
    try:
        report = import_file(
            actor=job.submitted_by,
            source=path,
            file_name=params["file_name"],
            kind=params["kind"],
            mapping=params.get("mapping"),
            mode=params["mode"],
            dry_run=params["dry_run"],
            progress=progress,
            job=job,
        )
    finally:
        path.unlink(missing_ok=True)
    refused_rows = {error.row for error in report.errors if error.row is not None}
    return {
        **report.as_dict(),
        SUMMARY: report.summary(),
        REFUSED: report.error_count > 0 and not report.written,
        "refused_rows": len(refused_rows),
    }
