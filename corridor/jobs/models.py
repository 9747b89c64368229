"""Long work (imports, exports, reports, forecasts) recorded as jobs with their progress and result."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corridor.jobs.choices import JobStatus


class Job(models.Model):
    """One run of long work: what was asked, by whom, how far it got, and what came of it.

    Visible to the user who submitted it and to members of `owner` (see `selectors.jobs_visible_to`).
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
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=1), name="jobs_job_progress_fraction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid} ({self.status})"
