"""Long work as recorded jobs: queued, run, progress kept, failures recorded rather than lost."""

from __future__ import annotations

import pytest

from corridor.core.exceptions import PermissionDenied
from corridor.jobs import handlers
from corridor.jobs.models import Job
from corridor.jobs.selectors import jobs_visible_to
from corridor.jobs.services import run_job, submit_job


@pytest.fixture
def counting_job(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    seen: list[float] = []

    def count(job: Job, progress) -> dict:  # type: ignore[no-untyped-def]
        for step in range(1, 5):
            progress(step / 4, f"step {step}")
            seen.append(Job.objects.get(pk=job.pk).progress)
        return {"counted": job.params["up_to"]}

    def fail(job: Job, progress) -> dict:  # type: ignore[no-untyped-def]
        raise ValueError("row 12, column 'date': '31/02/2016' is not a date")

    def summarise(job: Job, progress) -> dict:  # type: ignore[no-untyped-def]
        return {"rows": 3, "summary": "counts.csv: 3 rows read, 1 error(s); wrote nothing"}

    def refuse(job: Job, progress) -> dict:  # type: ignore[no-untyped-def]
        return {"refused": True, "summary": "counts.csv: 3 rows read, 1 error(s); wrote nothing"}

    def forbid(job: Job, progress) -> dict:  # type: ignore[no-untyped-def]
        raise PermissionDenied("only editors of the Mission to Skopje may change its visits")

    monkeypatch.setitem(handlers.HANDLERS, "count", count)
    monkeypatch.setitem(handlers.HANDLERS, "summarise", summarise)
    monkeypatch.setitem(handlers.HANDLERS, "fail", fail)
    monkeypatch.setitem(handlers.HANDLERS, "refuse", refuse)
    monkeypatch.setitem(handlers.HANDLERS, "forbid", forbid)
    return seen


@pytest.mark.django_db
def test_a_submitted_job_runs_after_commit_and_keeps_its_result(  # type: ignore[no-untyped-def]
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind="count", params={"up_to": 4}, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    assert (job.status, job.progress, job.result) == ("succeeded", 1.0, {"counted": 4})
    assert counting_job == [0.25, 0.5, 0.75, 1.0]
    assert job.started_at <= job.finished_at


@pytest.mark.django_db
def test_a_finished_job_says_what_came_of_it_when_its_handler_sums_it_up(  # type: ignore[no-untyped-def]
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        summed = submit_job(kind="summarise", params={}, submitted_by=skopje_focal_point)
        plain = submit_job(kind="count", params={"up_to": 1}, submitted_by=skopje_focal_point)

    summed.refresh_from_db()
    plain.refresh_from_db()
    assert summed.message == "counts.csv: 3 rows read, 1 error(s); wrote nothing"
    assert plain.message == "done"


@pytest.mark.django_db
def test_a_failing_job_records_why(
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind="fail", params={}, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "ValueError: row 12, column 'date': '31/02/2016' is not a date"
    assert job.message == (
        "An unexpected error stopped it (the details are logged for the administrators); nothing was written"
    )


@pytest.mark.django_db
def test_a_job_refused_by_a_rule_says_the_rule_as_its_reason(
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind="forbid", params={}, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == "Only editors of the Mission to Skopje may change its visits; nothing was written"


@pytest.mark.django_db
def test_a_job_whose_work_was_refused_ends_refused_not_succeeded(
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind="refuse", params={}, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    assert (job.status, job.progress) == ("refused", 1.0)


@pytest.mark.django_db
def test_a_job_delivered_twice_runs_once(
    counting_job, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind="count", params={"up_to": 4}, submitted_by=skopje_focal_point)

    run_job(job.pk)

    job.refresh_from_db()
    assert counting_job == [0.25, 0.5, 0.75, 1.0]
    assert (job.status, job.attempts) == ("succeeded", 1)


@pytest.mark.django_db
def test_an_unknown_kind_is_refused(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match="unknown job kind 'teleport'"):
        submit_job(kind="teleport", params={}, submitted_by=skopje_focal_point)


@pytest.mark.django_db
def test_jobs_are_seen_by_their_submitter_only(  # type: ignore[no-untyped-def]
    counting_job, skopje_focal_point, outsider, skopje, make_user
) -> None:
    colleague = make_user("skopje.colleague", skopje)
    job = submit_job(kind="count", params={"up_to": 1}, submitted_by=skopje_focal_point, owner=skopje)

    assert job in jobs_visible_to(skopje_focal_point)
    assert job not in jobs_visible_to(colleague)
    assert job not in jobs_visible_to(outsider)
