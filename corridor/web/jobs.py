"""Long work as the user sees it: their jobs, and one job's progress (polled by htmx until it ends)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from corridor.jobs.choices import JobStatus
from corridor.jobs.handlers import label_of
from corridor.jobs.selectors import jobs_visible_to


@login_required
def jobs(request: HttpRequest) -> HttpResponse:
    rows = [(job, label_of(job.kind)) for job in jobs_visible_to(request.user)[:100]]
    return render(request, "web/jobs.html", {"rows": rows})


@login_required
def job(request: HttpRequest, uid: UUID) -> HttpResponse:
    found = jobs_visible_to(request.user).filter(uid=uid).first()
    if found is None:
        raise Http404("no such job")
    running = found.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    template = "web/partials/job_status.html" if request.htmx else "web/job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": found, "label": label_of(found.kind), "running": running})
