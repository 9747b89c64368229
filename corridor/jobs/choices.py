from django.db import models


class JobStatus(models.TextChoices):
    """Where a job is. `succeeded` means its work succeeded; work that was refused (an import whose file
    had errors, so nothing was written) ends as `refused` — see `corridor.jobs.services`."""

    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    REFUSED = "refused", "Refused"
    FAILED = "failed", "Failed"


ENDED = (JobStatus.SUCCEEDED, JobStatus.REFUSED, JobStatus.FAILED)
