"""Long work as the user sees it: their jobs, and one job's page, which htmx polls until the job ends.

What a job came to is said in words by `corridor.jobs.outcomes`; this module only gives its links their
addresses.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from corridor.jobs.handlers import label_of
from corridor.jobs.models import Job
from corridor.jobs.outcomes import Link, Target, describe
from corridor.jobs.selectors import a_worker_is_running, jobs_visible_to

LISTED = 100


@login_required
def jobs(request: HttpRequest) -> HttpResponse:
    worker_running = a_worker_is_running()
    rows = [job_context(job, worker_running=worker_running) for job in jobs_visible_to(request.user)[:LISTED]]
    return render(request, "web/jobs.html", {"rows": rows})


@login_required
def job(request: HttpRequest, uid: UUID) -> HttpResponse:
    found = jobs_visible_to(request.user).filter(uid=uid).first()
    if found is None:
        raise Http404("no such job")
    template = "web/partials/job_status.html" if request.htmx else "web/job.html"  # type: ignore[attr-defined]
    return render(request, template, job_context(found, worker_running=a_worker_is_running()))


def job_context(job: Job, *, worker_running: bool) -> dict[str, Any]:
    """What the job templates (and `web/partials/job_status.html` wherever it is included) need."""
    outcome = describe(job, worker_running=worker_running)
    return {
        "job": job,
        "label": label_of(job.kind),
        "outcome": outcome,
        "links": [(link.label, _address(link)) for link in outcome.links],
        "running": outcome.running,
    }


def _address(link: Link) -> str:
    if link.target == Target.ERROR_REPORT:
        return reverse("web:import_errors", args=[link.key])
    if link.target == Target.REPORTS:
        return reverse("web:reports")
    if link.target == Target.REPORT_FILE:
        return reverse("web:report_download", args=[link.key, link.format])
    if link.target == Target.SCENARIO:
        return reverse("web:scenario", args=[link.key])
    if link.target == Target.PLACE:
        return reverse("web:place", args=[link.key])
    return reverse("api-v1:get_run", args=[link.key])
