"""What `/healthz` and `/readyz` answer: whether the process is up, and whether this install can serve.

`readiness()` checks, each on its own so one failure never hides another:

- `database`: a query answers;
- `migrations`: every migration of the code is applied to the database;
- `workers`: a job worker's heartbeat is fresh (`corridor.jobs.selectors.live_workers`);
- `queue`: the oldest queued job has waited no longer than `READYZ_MAX_QUEUE_AGE` seconds;
- `jobs`: no job is still marked running on a worker that is gone (the sweep settles those within
  `corridor.jobs.workers.SWEEP_EVERY` seconds of the heartbeat going stale), and how many jobs the sweep
  failed or queued again in the last hour because their worker stopped.

The answer's status is `unavailable` (HTTP 503) when the database cannot be read or migrations are
missing — this app server cannot serve; `degraded` (HTTP 200) when only the jobs side is unwell — pages and
the API still serve, so a load balancer keeps the server while monitoring alerts on it (ADR 0015);
otherwise `ok`. Nothing in it names a user, an organisation, a record or a setting's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Min, Q
from django.utils import timezone

OK = "ok"
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"
RECENT = timedelta(hours=1)


@dataclass
class Readiness:
    """The checks' findings, ready to be sent as JSON."""

    status: str = OK
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, name: str, healthy: bool, *, blocking: bool, **details: Any) -> None:
        self.checks[name] = {"ok": healthy, **details}
        if healthy:
            return
        if blocking:
            self.status = UNAVAILABLE
        elif self.status == OK:
            self.status = DEGRADED

    @property
    def http_status(self) -> int:
        return 503 if self.status == UNAVAILABLE else 200

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "checks": self.checks}


def max_queue_age() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "READYZ_MAX_QUEUE_AGE", 300)))


def readiness(*, now: datetime | None = None) -> Readiness:
    """Check the database, the migrations, the workers and the queue."""
    now = now or timezone.now()
    found = Readiness()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        found.add("database", False, blocking=True, error=type(error).__name__)
        return found
    found.add("database", True, blocking=True, vendor=connection.vendor)
    pending = pending_migrations()
    found.add("migrations", pending == 0, blocking=True, pending=pending)
    if pending:
        return found
    _check_jobs(found, now)
    return found


_migrated = False  # once all are applied, this process's code stays migrated: no need to read them again


def pending_migrations() -> int:
    """How many of the code's migrations the default database lacks (read from disk until none is)."""
    global _migrated
    if _migrated:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrated = pending == 0
    return pending


def _check_jobs(found: Readiness, now: datetime) -> None:
    from corridor.jobs.choices import JobStatus
    from corridor.jobs.models import Job
    from corridor.jobs.recovery import WORKER_STOPPED
    from corridor.jobs.selectors import gone_workers, live_workers

    alive = live_workers(now=now)
    last_beat = alive.order_by("-beat_at").values_list("beat_at", flat=True).first()
    found.add(
        "workers",
        last_beat is not None,
        blocking=False,
        alive=alive.count(),
        last_heartbeat_seconds=None if last_beat is None else round((now - last_beat).total_seconds(), 1),
    )
    queued = Job.objects.filter(status=JobStatus.QUEUED)
    oldest = queued.aggregate(oldest=Min("created_at"))["oldest"]
    age = 0.0 if oldest is None else max((now - oldest).total_seconds(), 0.0)
    limit = max_queue_age().total_seconds()
    found.add(
        "queue",
        age <= limit,
        blocking=False,
        queued=queued.count(),
        oldest_seconds=round(age, 1),
        limit_seconds=limit,
    )
    stranded = Job.objects.filter(status=JobStatus.RUNNING, worker__in=gone_workers(now=now)).count()
    stopped_lately = (
        Job.objects.filter(message__startswith=WORKER_STOPPED)
        .filter(Q(status=JobStatus.QUEUED) | Q(finished_at__gte=now - RECENT))
        .count()
    )
    found.add(
        "jobs",
        stranded == 0,
        blocking=False,
        running=Job.objects.filter(status=JobStatus.RUNNING).count(),
        running_on_stopped_workers=stranded,
        settled_after_worker_stopped_last_hour=stopped_lately,
    )
