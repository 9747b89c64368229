"""Readers for jobs: a user sees their own jobs and those of their organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from corridor.accounts.access import access_for
from corridor.jobs.models import Job

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def jobs_visible_to(user: Reader) -> QuerySet[Job]:
    access = access_for(user)
    if access.superuser:
        return Job.objects.all()
    if not access.authenticated or user is None:
        return Job.objects.none()
    return Job.objects.filter(Q(submitted_by_id=user.pk) | Q(owner_id__in=sorted(access.organisation_ids)))
