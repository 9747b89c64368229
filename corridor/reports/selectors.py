"""Readers for report runs. A run is readable by whoever it was built for, and by anyone who may read
every record its marking allows (so a restricted report reaches only readers cleared to restricted)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import QuerySet

from corridor.accounts.access import restrict_runs
from corridor.core.exceptions import NotFound
from corridor.reports.models import ReportOutput, ReportRun

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def report_runs_visible_to(user: Reader) -> QuerySet[ReportRun]:
    """Runs built for `user`, and runs whose marking `user` reads across organisations (membership of an
    owning organisation is not enough: a colleague's report may hold other owners' records at that level).
    The rule is `accounts.access.runs`."""
    runs = ReportRun.objects.select_related("created_by")
    return restrict_runs(runs, user, requester="created_by", content_level="classification")


def get_report_run_for_user(user: Reader, *, uid: UUID | str) -> ReportRun:
    try:
        return report_runs_visible_to(user).get(uid=uid)
    except (ReportRun.DoesNotExist, ValueError):
        raise NotFound(f"no report run {uid}") from None


def outputs_of(run: ReportRun) -> QuerySet[ReportOutput]:
    """The files rendered so far (without their bytes)."""
    return run.outputs.defer("content").order_by("format")


def recent_runs_for(user: Reader, *, limit: int = 50) -> list[ReportRun]:
    """The runs a page lists for this user, newest first."""
    return list(report_runs_visible_to(user).defer("data").order_by("-created_at", "-id")[:limit])
