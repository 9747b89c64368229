"""Readers for jobs: a user sees the jobs they submitted (the rule is `accounts.access.runs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import restrict_to_requester
from corridor.jobs.models import Job

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def jobs_visible_to(user: Reader) -> QuerySet[Job]:
    """The jobs `user` submitted (all, for a superuser). A job's result may hold whatever its submitter
    could read, so colleagues see what it produced (a report, a run) under that output's own rule."""
    return restrict_to_requester(Job.objects.all(), user, requester="submitted_by")
