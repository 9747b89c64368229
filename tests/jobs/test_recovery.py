"""Jobs recover when their workers die: the sweep settles what a dead worker was running, frees what a dead
cluster held in the queue, and a queued job says when no worker is running to take it.

Workers are stood in for by their `Worker` rows here; `test_workers.py` kills real ones.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.signing import SignedPackage

from corridor.cli.main import main as corridor
from corridor.exchange.jobs import IMPORT_JOB
from corridor.jobs.models import Job, Worker
from corridor.jobs.recovery import sweep_jobs
from corridor.reports.jobs import JOB_KIND as REPORT_JOB
from tests.reports.conftest import PERIOD

pytestmark = pytest.mark.django_db

REPORT_PARAMS = {
    "request": {
        "kind": "regional",
        "start": PERIOD.start.isoformat(),
        "end": PERIOD.end.isoformat(),
        "operation": "",
        "event": "",
        "window_days": 14,
        "classification": "",
        "distribution": ["OSCE Permanent Council"],
    },
    "formats": ["html"],
}


def worker(*, beat_seconds_ago: float, started_seconds_ago: float = 600) -> Worker:
    now = timezone.now()
    return Worker.objects.create(
        uid=uuid.uuid4(),
        host="field-server",
        pid=4242,
        started_at=now - timedelta(seconds=started_seconds_ago),
        beat_at=now - timedelta(seconds=beat_seconds_ago),
    )


def running_job(
    kind: str, on: Worker | None, *, submitted_by: object, attempts: int = 1, **fields: object
) -> Job:
    params = REPORT_PARAMS if kind == REPORT_JOB else {"file_name": "counts.csv", "kind": "observations"}
    return Job.objects.create(
        uid=uuid.uuid4(),
        kind=kind,
        params=params,
        status="running",
        worker=on,
        attempts=attempts,
        started_at=timezone.now() - timedelta(minutes=2),
        submitted_by=submitted_by,
        **fields,
    )


def queued_task(job: Job, *, taken_seconds_ago: float) -> OrmQ:
    """The job's task in django-q2's queue, taken (and locked) by a cluster `taken_seconds_ago`."""
    package = {"id": uuid.uuid4().hex, "name": f"job-{job.uid}", "func": "corridor.jobs.services.run_job"}
    lock = timezone.now() - timedelta(seconds=taken_seconds_ago) + timedelta(seconds=Conf.RETRY)
    return OrmQ.objects.create(key=Conf.CLUSTER_NAME, payload=SignedPackage.dumps(package), lock=lock)


def test_an_import_whose_worker_stopped_beating_is_failed_and_says_nothing_was_written(
    skopje_focal_point,
) -> None:  # type: ignore[no-untyped-def]
    job = running_job(IMPORT_JOB, worker(beat_seconds_ago=90), submitted_by=skopje_focal_point)
    queued_task(job, taken_seconds_ago=120)

    swept = sweep_jobs()

    job.refresh_from_db()
    assert (swept.failed, swept.queued_again) == (1, 0)
    assert job.status == "failed" and job.finished_at is not None
    assert job.message == "The worker stopped while running this job; nothing was written"
    assert not OrmQ.objects.exists()
    client = Client()
    client.force_login(skopje_focal_point)
    page = client.get(f"/jobs/{job.uid}/").content.decode()
    assert "Failed: the worker stopped while running this job; nothing was written" in page


def test_a_job_whose_worker_said_it_stopped_is_settled_at_once(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    stopped = worker(beat_seconds_ago=1)
    Worker.objects.filter(pk=stopped.pk).update(stopped_at=timezone.now())
    job = running_job(IMPORT_JOB, stopped, submitted_by=skopje_focal_point)

    sweep_jobs()

    job.refresh_from_db()
    assert job.status == "failed"


def test_a_job_whose_worker_is_alive_is_left_running(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    job = running_job(IMPORT_JOB, worker(beat_seconds_ago=3), submitted_by=skopje_focal_point)

    swept = sweep_jobs()

    job.refresh_from_db()
    assert job.status == "running" and swept.failed == 0 and Worker.objects.count() == 1


def test_a_report_whose_worker_stopped_runs_once_more(  # type: ignore[no-untyped-def]
    vienna_analyst, django_capture_on_commit_callbacks
) -> None:
    job = running_job(REPORT_JOB, worker(beat_seconds_ago=90), submitted_by=vienna_analyst)

    with django_capture_on_commit_callbacks(execute=True):
        swept = sweep_jobs()

    job.refresh_from_db()
    assert (swept.failed, swept.queued_again) == (0, 1)
    assert (job.status, job.attempts, job.worker) == ("succeeded", 2, None)
    assert job.result["formats"] == ["html"]


def test_a_report_stopped_on_its_second_run_is_failed(vienna_analyst) -> None:  # type: ignore[no-untyped-def]
    job = running_job(REPORT_JOB, worker(beat_seconds_ago=90), submitted_by=vienna_analyst, attempts=2)

    sweep_jobs()

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.message == (
        "The worker stopped while running this job; generating it again reuses whatever it had stored"
    )


def test_a_job_run_inside_a_request_is_failed_only_past_the_time_limit(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    recent = running_job(IMPORT_JOB, None, submitted_by=skopje_focal_point)
    stuck = running_job(IMPORT_JOB, None, submitted_by=skopje_focal_point)
    Job.objects.filter(pk=stuck.pk).update(started_at=timezone.now() - timedelta(seconds=Conf.TIMEOUT + 60))

    sweep_jobs()

    assert Job.objects.get(pk=recent.pk).status == "running"
    assert Job.objects.get(pk=stuck.pk).status == "failed"


def test_a_queued_job_a_dead_cluster_held_is_freed_for_the_next_worker(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    job = Job.objects.create(uid=uuid.uuid4(), kind=IMPORT_JOB, submitted_by=skopje_focal_point)
    held = queued_task(job, taken_seconds_ago=300)
    worker(beat_seconds_ago=2, started_seconds_ago=20)  # started after the task was taken: not its holder

    swept = sweep_jobs()

    held.refresh_from_db()
    assert swept.freed == 1 and held.lock <= timezone.now()


def test_a_queued_job_a_live_cluster_may_hold_is_left_to_it(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    job = Job.objects.create(uid=uuid.uuid4(), kind=IMPORT_JOB, submitted_by=skopje_focal_point)
    held = queued_task(job, taken_seconds_ago=30)
    worker(beat_seconds_ago=2, started_seconds_ago=600)  # running before the task was taken

    swept = sweep_jobs()

    held.refresh_from_db()
    assert swept.freed == 0 and held.lock > timezone.now()


def test_stopped_workers_are_forgotten_once_no_running_job_names_them(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    dead, alive = worker(beat_seconds_ago=600), worker(beat_seconds_ago=1)
    running_job(IMPORT_JOB, dead, submitted_by=skopje_focal_point)

    swept = sweep_jobs()

    assert swept.workers_forgotten == 1
    assert list(Worker.objects.all()) == [alive]


def test_a_sweep_on_demand_says_what_it_did(skopje_focal_point, capsys) -> None:  # type: ignore[no-untyped-def]
    running_job(IMPORT_JOB, worker(beat_seconds_ago=90), submitted_by=skopje_focal_point)

    code = corridor(["jobs", "sweep"])

    assert code == 0
    assert capsys.readouterr().out.startswith(
        "1 job failed and 0 jobs queued again because their worker stopped;"
    )


def test_a_queued_job_says_when_no_worker_is_running_to_take_it(skopje_focal_point) -> None:  # type: ignore[no-untyped-def]
    job = Job.objects.create(uid=uuid.uuid4(), kind=IMPORT_JOB, submitted_by=skopje_focal_point)
    client = Client()
    client.force_login(skopje_focal_point)
    worker(beat_seconds_ago=300)  # one that died

    alone = client.get(f"/jobs/{job.uid}/").content.decode()
    listed = client.get("/jobs/").content.decode()
    worker(beat_seconds_ago=2)
    served = client.get(f"/jobs/{job.uid}/").content.decode()

    assert "Queued</strong> — Waiting for a worker: none is running." in alone
    assert "Queued — Waiting for a worker: none is running." in listed
    assert 'hx-trigger="every 2s"' in alone
    assert "Waiting for a free worker." in served and "none is running" not in served
