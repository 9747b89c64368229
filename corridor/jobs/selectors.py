"""Readers for jobs and their workers: a user sees the jobs they submitted (the rule is
`accounts.access.runs`); whether a worker is running is no one's secret."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from corridor.accounts.access import restrict_to_requester
from corridor.jobs.models import Job, Worker

if TYPE_CHECKING:
    from corridor.accounts.access import Reader

STALE_AFTER = timedelta(minutes=1)
"""A worker whose heartbeat (every few seconds, `workers.BEAT_EVERY`) is older than this is gone."""


def jobs_visible_to(user: Reader) -> QuerySet[Job]:
    """The jobs `user` submitted (all, for a superuser). A job's result may hold whatever its submitter
    could read, so colleagues see what it produced (a report, a run) under that output's own rule."""
    return restrict_to_requester(Job.objects.all(), user, requester="submitted_by")


def live_workers(*, now: datetime | None = None, stale_after: timedelta = STALE_AFTER) -> QuerySet[Worker]:
    """Worker processes that have not stopped and whose heartbeat is recent."""
    now = now or timezone.now()
    return Worker.objects.filter(stopped_at__isnull=True, beat_at__gte=now - stale_after)


def gone_workers(*, now: datetime | None = None, stale_after: timedelta = STALE_AFTER) -> QuerySet[Worker]:
    """Worker processes that stopped, or whose heartbeat stopped."""
    now = now or timezone.now()
    return Worker.objects.filter(Q(stopped_at__isnull=False) | Q(beat_at__lt=now - stale_after))


def a_worker_is_running() -> bool:
    """Whether a queued job will be taken up: some worker process is alive."""
    return live_workers().exists()
