"""Long runs are jobs: queued with a checked request, run as the user who asked, progress reported."""

from __future__ import annotations

import pytest

from corridor.core.exceptions import PermissionDenied, ValidationFailed
from corridor.jobs.models import Job
from corridor.reports.jobs import submit_report
from corridor.reports.models import ReportRun
from corridor.reports.requests import ReportRequest
from corridor.reports.services import generate_report
from tests.reports.conftest import PERIOD

REGIONAL = ReportRequest(kind="regional", start=PERIOD.start, end=PERIOD.end)


@pytest.mark.django_db
def test_a_report_job_runs_as_its_submitter_and_names_its_run(
    vienna_analyst, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_report(request=REGIONAL, reader=vienna_analyst, formats=["html", "docx"])

    job.refresh_from_db()
    run = ReportRun.objects.get(uid=job.result["run"])
    assert (job.status, job.progress) == ("succeeded", 1.0)
    assert job.result["reference"] == run.reference and job.result["version"] == 1
    assert run.created_by == vienna_analyst and run.parameters["reader"] == "vienna.analyst"
    assert sorted(run.outputs.values_list("format", flat=True)) == ["docx", "html"]


@pytest.mark.django_db
def test_generation_reports_its_progress_in_order() -> None:
    seen: list[tuple[float, str]] = []

    generate_report(
        request=REGIONAL, reader=None, formats=["html"], progress=lambda f, m="": seen.append((f, m))
    )

    fractions = [fraction for fraction, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [message for _, message in seen][:3] == [
        "reading the records",
        "storing the run",
        "rendering html",
    ]


@pytest.mark.django_db
def test_nobody_signed_in_may_queue_a_report() -> None:
    with pytest.raises(PermissionDenied):
        submit_report(request=REGIONAL, reader=None, formats=["pdf"])
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_a_bad_request_is_refused_before_a_job_is_queued(vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed):
        submit_report(request=ReportRequest(kind="regional"), reader=vienna_analyst, formats=["pdf"])
    with pytest.raises(ValidationFailed):
        submit_report(request=REGIONAL, reader=vienna_analyst, formats=["odt"])
    assert not Job.objects.exists()
