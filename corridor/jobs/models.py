"""Long work (imports, reports, forecasts) recorded as jobs with their progress and result, and the worker
processes that run them with their heartbeats."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corridor.jobs.choices import JobStatus


class Worker(models.Model):
    """A job worker process and when it last said it was alive (`beat_at`, every few seconds).

    A row is written when a worker process starts and marked `stopped_at` when it ends cleanly; a worker
    that stopped, or whose heartbeat is older than a minute, is gone (see `corridor.jobs.recovery`, which
    also deletes the rows of gone workers once no running job names them).
    """

    uid = models.UUIDField(unique=True, editable=False)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-beat_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(beat_at__gte=models.F("started_at")), name="jobs_worker_beats_after_starting"
            ),
        ]

    def __str__(self) -> str:
        return f"worker {self.pid} on {self.host}"


class Job(models.Model):
    """One run of long work: what was asked, by whom, how far it got, and what came of it.

    Visible to the user who submitted it (see `selectors.jobs_visible_to`). `worker` is the process running
    it (none when it runs inside the request that submitted it); `attempts` counts the runs started.
    """

    uid = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(max_length=40, db_index=True)
    params = models.JSONField(default=dict)
    status = models.CharField(
        max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.FloatField(default=0.0)
    message = models.CharField(max_length=300, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs"
    )
    owner = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    worker = models.ForeignKey(Worker, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs")
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=1), name="jobs_job_progress_fraction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid} ({self.status})"
