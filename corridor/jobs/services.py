"""Submit long work as a job and run it, recording progress and what came of it.

`submit_job` writes the job row and hands its id to django-q2 once the transaction commits; a worker
(`corridor jobs worker`, see `corridor.jobs.cluster`) then calls `run_job`. With `Q_CLUSTER["sync"]`
(tests, `JOBS_SYNC=true`) the job runs at once, inside the request. The work itself is a domain service
named in `corridor.jobs.handlers.HANDLERS`; it receives a `Progress` to report how far it got.

A job ends in one of three statuses, and `succeeded` means that the work succeeded:

- `succeeded`: the work was done — an import wrote its rows (or, checking only, found none to refuse), a
  report or a run is ready;
- `refused`: the work ran and its input was refused — an import whose file had errors and so wrote
  nothing, or a check (dry run) that found errors. A handler says so with `REFUSED: True` in its result.
  This is a status of its own, not `failed` with a reason, because the two ask different things of people:
  a refusal is answered by correcting the file (the error report says where), a failure by trying again
  or telling an administrator; and lists, filters and the API can keep them apart by status alone;
- `failed`: the work stopped on an error, or its worker stopped while running it
  (`corridor.jobs.recovery`). The message says why in plain words; the technical error is kept in `error`
  for administrators, never shown on pages.

Claiming a job (queued → running) is one conditional update, so a job delivered twice runs once.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from corridor.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from corridor.jobs import workers
from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job

if TYPE_CHECKING:
    from corridor.accounts.models import User
    from corridor.actors.models import Organisation

logger = logging.getLogger(__name__)

SUMMARY = "summary"
"""The key of a handler's result that, when present, becomes the finished job's message (one line saying
what came of it, e.g. an import's counts and errors); without it the message is "done"."""
REFUSED = "refused"
"""The key of a handler's result that, when true, ends the job as refused rather than succeeded."""
UNEXPECTED = "an unexpected error stopped it (the details are logged for the administrators)"
_MESSAGE_LENGTH = 300


class Progress:
    """What a running job reports: a fraction done and a short message."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last_saved = -1.0

    def __call__(self, fraction: float, message: str = "") -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if fraction - self._last_saved < 0.01 and fraction < 1.0:
            return
        self._last_saved = fraction
        Job.objects.filter(pk=self.job_id).update(progress=fraction, message=message[:_MESSAGE_LENGTH])


def submit_job(
    *, kind: str, params: dict[str, Any], submitted_by: User | None, owner: Organisation | None = None
) -> Job:
    """Record a job and queue it; it runs in a worker after the surrounding transaction commits."""
    from corridor.jobs.handlers import HANDLERS

    if kind not in HANDLERS:
        raise ValueError(f"unknown job kind {kind!r}: one of {', '.join(sorted(HANDLERS))}")
    job = Job.objects.create(
        uid=uuid.uuid4(), kind=kind, params=params, submitted_by=submitted_by, owner=owner
    )
    enqueue(job)
    return job


TASK_PREFIX = "job-"


def task_name(job: Job) -> str:
    """The name of the job's task in django-q2's queue (how `recovery` finds it there)."""
    return f"{TASK_PREFIX}{job.uid}"


def enqueue(job: Job) -> None:
    """Hand `job` to the workers once the surrounding transaction commits."""
    name = task_name(job)
    transaction.on_commit(lambda: async_task("corridor.jobs.services.run_job", job.pk, task_name=name))


def run_job(job_id: int) -> None:
    """Run a queued job to its end; an exception marks it failed with its reason, never lost.

    A worker told to stop interrupts the job's work (`workers.WorkerStopped`): its transaction rolls back,
    the job is settled by `recovery.settle_stopped_job` and the worker process ends. Told to stop while
    the job is claimed or its end recorded, it ends just after.
    """
    with workers.handling_job():
        claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING,
            started_at=timezone.now(),
            worker_id=workers.current_worker_id(),
            attempts=F("attempts") + 1,
            progress=0.0,
            message="",
        )
        if claimed:
            _run_claimed(Job.objects.get(pk=job_id))


def _run_claimed(job: Job) -> None:
    from corridor.jobs.handlers import HANDLERS
    from corridor.jobs.recovery import settle_stopped_job

    try:
        with workers.interruptible():
            result = HANDLERS[job.kind](job, Progress(job.pk))
    except workers.WorkerStopped:
        logger.warning("job %s interrupted: its worker was told to stop", job.uid)
        connection.close()  # the interrupted statement may have left the connection unusable
        settle_stopped_job(job)
        raise SystemExit(0) from None
    except Exception as error:  # a job records any failure instead of losing it
        logger.exception("job %s failed", job.uid)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}",
            message=failure_message(job.kind, plain_reason(error)),
            result={"traceback": traceback.format_exc(limit=5)},
        )
        return
    result = result or {}
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.REFUSED if result.get(REFUSED) else JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        progress=1.0,
        result=result,
        message=str(result.get(SUMMARY) or "done")[:_MESSAGE_LENGTH],
    )


def plain_reason(error: Exception) -> str:
    """Why the work stopped, for the person who asked: a refusal's own words, else that it was a bug."""
    if isinstance(error, ValidationFailed | PermissionDenied | NotFound):
        return str(error)
    return UNEXPECTED


def failure_message(kind: str, reason: str) -> str:
    """A failed job's message: the reason, and what the failure left behind (`handlers.after_failure`)."""
    from corridor.jobs.handlers import after_failure

    left = after_failure(kind)
    room = _MESSAGE_LENGTH - len(left) - 2
    if len(reason) > room:
        reason = reason[: room - 1] + "…"
    return f"{reason[:1].upper()}{reason[1:]}; {left}"
