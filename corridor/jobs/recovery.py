"""Jobs that recover when their workers die: the sweep, and what becomes of a job whose worker stopped.

A worker is gone when it said it stopped (`Worker.stopped_at`) or its heartbeat is older than
`selectors.STALE_AFTER` (a minute; it beats every few seconds). `sweep_jobs` — run by every worker every
half minute and as it starts (`corridor.jobs.workers`), and by `corridor jobs sweep` — then:

1. settles each job still running on a gone worker (`settle_stopped_job`): a kind that may run again
   (`handlers.RETRYABLE`) is queued once more the first time; any other is failed with "The worker stopped
   while running this job; nothing was written" (`handlers` says, per kind, why that is true). A job run
   inside a request (no worker) is failed once it has run longer than the workers' time limit;
2. frees queued jobs that a dead cluster had taken from django-q2's queue: its pusher takes a task before
   a worker is free and locks it for `Q_CLUSTER["retry"]` (about an hour), so after a crash the next job
   waited that long. Unless a worker alive now was already running when the task was taken (its cluster
   may hold it), the lock is lifted and the next worker runs the job; a job delivered twice still runs
   once (`services.run_job` claims it);
3. deletes the rows of gone workers that no running job names.

Every change is a conditional update, so sweeps running side by side settle each job once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min, Q
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ

from corridor.jobs.choices import JobStatus
from corridor.jobs.handlers import may_run_again
from corridor.jobs.models import Job
from corridor.jobs.selectors import STALE_AFTER, gone_workers, live_workers
from corridor.jobs.services import TASK_PREFIX, enqueue, failure_message, task_name

WORKER_STOPPED = "The worker stopped while running this job"
_DEFAULT_TIME_LIMIT = 3600


@dataclass(frozen=True)
class Swept:
    """What one sweep did."""

    failed: int = 0
    queued_again: int = 0
    freed: int = 0
    workers_forgotten: int = 0

    def __str__(self) -> str:
        return (
            f"{_jobs(self.failed)} failed and {_jobs(self.queued_again)} queued again because their worker "
            f"stopped; {_jobs(self.freed)} freed from a stopped worker's hold; "
            f"{self.workers_forgotten} stopped worker(s) forgotten"
        )


def _jobs(count: int) -> str:
    return f"{count} job" if count == 1 else f"{count} jobs"


def sweep_jobs(*, stale_after: timedelta = STALE_AFTER) -> Swept:
    """Settle the jobs of gone workers, free the queued jobs a dead cluster held, forget gone workers."""
    now = timezone.now()
    gone = gone_workers(now=now, stale_after=stale_after)
    time_limit = timedelta(seconds=Conf.TIMEOUT or _DEFAULT_TIME_LIMIT)
    stranded = (
        Job.objects.filter(status=JobStatus.RUNNING)
        .filter(Q(worker__in=gone) | Q(worker__isnull=True, started_at__lt=now - time_limit))
        .select_related("worker")
    )
    settled = [settle_stopped_job(job) for job in stranded]
    freed = _free_held_tasks(now, stale_after)
    forgotten, _ = (
        gone_workers(now=now, stale_after=stale_after).exclude(jobs__status=JobStatus.RUNNING).delete()
    )
    return Swept(
        failed=settled.count(JobStatus.FAILED),
        queued_again=settled.count(JobStatus.QUEUED),
        freed=freed,
        workers_forgotten=forgotten,
    )


def settle_stopped_job(job: Job) -> str:
    """Queue once more, or fail, a job whose worker stopped while running it; return its new status ("" if
    another sweep settled it first). Its work's transaction rolled back with the worker."""
    still_running = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING).filter(
        Q(worker_id=job.worker_id) if job.worker_id is not None else Q(worker__isnull=True)
    )
    if may_run_again(job):
        if not still_running.update(
            status=JobStatus.QUEUED,
            worker=None,
            started_at=None,
            progress=0.0,
            message=f"{WORKER_STOPPED}; it will run again",
        ):
            return ""
        _deliver_again(job)
        return JobStatus.QUEUED
    if not still_running.update(
        status=JobStatus.FAILED,
        finished_at=timezone.now(),
        message=failure_message(job.kind, WORKER_STOPPED),
        error=f"its worker ({job.worker or 'none'}) stopped while running it",
    ):
        return ""
    OrmQ.objects.filter(pk__in=[row.pk for row in _tasks_of(job)]).delete()
    return JobStatus.FAILED


def _tasks_of(job: Job) -> list[OrmQ]:
    """The job's tasks in django-q2's queue (it names them `services.task_name`)."""
    name = task_name(job)
    return [row for row in OrmQ.objects.filter(key=Conf.CLUSTER_NAME) if row.name() == name]


def _deliver_again(job: Job) -> None:
    """Make the job's task deliverable now, or queue a new one if none is left."""
    rows = _tasks_of(job)
    if rows:
        OrmQ.objects.filter(pk__in=[row.pk for row in rows]).update(lock=timezone.now())
    else:
        enqueue(job)


def _free_held_tasks(now: datetime, stale_after: timedelta) -> int:
    held = list(OrmQ.objects.filter(key=Conf.CLUSTER_NAME, lock__gt=now))
    if not held:
        return 0
    first_alive = live_workers(now=now, stale_after=stale_after).aggregate(first=Min("started_at"))["first"]
    retry = timedelta(seconds=Conf.RETRY)
    freed = 0
    for row in held:
        taken_at = row.lock - retry
        if first_alive is not None and first_alive <= taken_at:
            continue  # a cluster alive now may hold it
        job_uid = _job_uid(str(row.name() or ""))
        if job_uid is None or not Job.objects.filter(uid=job_uid, status=JobStatus.QUEUED).exists():
            continue
        freed += OrmQ.objects.filter(pk=row.pk, lock=row.lock).update(lock=now)
    return freed


def _job_uid(name: str) -> uuid.UUID | None:
    if not name.startswith(TASK_PREFIX):
        return None
    try:
        return uuid.UUID(name.removeprefix(TASK_PREFIX))
    except ValueError:
        return None
