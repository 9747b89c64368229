"""Submit long work as a job and run it, recording progress, result or error.

`submit_job` writes the job row and hands its id to django-q2 once the transaction commits; a worker
(`manage.py qcluster`) then calls `run_job`. With `Q_CLUSTER["sync"]` (tests) the job runs at once.
The work itself is a domain service named in `corridor.jobs.handlers.HANDLERS`; it receives a
`Progress` to report how far it got.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job

if TYPE_CHECKING:
    from corridor.accounts.models import User
    from corridor.actors.models import Organisation

logger = logging.getLogger(__name__)

SUMMARY = "summary"
"""The key of a handler's result that, when present, becomes the finished job's message (one line saying
what came of it, e.g. an import's counts and errors); without it the message is "done"."""


class Progress:
    """What a running job reports: a fraction done and a short message, saved outside its transaction."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self._last_saved = -1.0

    def __call__(self, fraction: float, message: str = "") -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        if fraction - self._last_saved < 0.01 and fraction < 1.0:
            return
        self._last_saved = fraction
        Job.objects.filter(pk=self.job_id).update(progress=fraction, message=message[:300])


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
    transaction.on_commit(
        lambda: async_task("corridor.jobs.services.run_job", job.pk, task_name=f"job-{job.uid}")
    )
    return job


def run_job(job_id: int) -> None:
    """Run a queued job to its end; an exception marks it failed with its message, never lost."""
    from corridor.jobs.handlers import HANDLERS

    job = Job.objects.get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now())
    try:
        result = HANDLERS[job.kind](job, Progress(job.pk))
    except Exception as error:  # a job records any failure instead of losing it
        logger.exception("job %s failed", job.uid)
        Job.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED,
            finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}",
            message="failed",
            result={"traceback": traceback.format_exc(limit=5)},
        )
        return
    result = result or {}
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.SUCCEEDED,
        finished_at=timezone.now(),
        progress=1.0,
        result=result,
        message=str(result.get(SUMMARY) or "done")[: Job._meta.get_field("message").max_length],
    )
