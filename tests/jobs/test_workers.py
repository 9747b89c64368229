"""Real job workers, killed and stopped: the sweep settles what a killed worker ran and frees what it held,
so the queue moves on at once; a worker told to stop (SIGTERM) ends within seconds.

The workers are other processes (`manage.py qcluster`, `corridor jobs worker`) on a copy of the test
database in a file, with a job kind that only sleeps (`tests.jobs.worker_settings`). They run in the
SQLite pass only (marker `workers`), as the browser tests do.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

# django_db: the test database is set up, to be copied for the workers (they never see the test's own).
pytestmark = [pytest.mark.workers, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
CORRIDOR = str(Path(sys.executable).with_name("corridor"))
STARTING = 180.0  # seconds a cluster may take to start on a busy machine
STOPPING = 30.0  # the generous bound on how long a worker told to stop may take
WORKER_STOPPED = "The worker stopped while running this job; nothing was written"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, django_db_setup: None, django_db_blocker) -> Path:  # type: ignore[no-untyped-def]
    """The test database (migrated, the case study loaded) copied to a file the workers open."""
    path = tmp_path_factory.mktemp("workers") / "corridor.sqlite3"
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(path)
            connection.connection.backup(copy)
            copy.close()
        else:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
                cwd=ROOT,
                env=environment(path),
                check=True,
            )
    return path


def environment(database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.jobs.worker_settings",
        "DATABASE_URL": f"sqlite:///{database}",
        "JOBS_SYNC": "false",
        "PYTHONPATH": str(ROOT),
    }


@pytest.fixture
def start(database: Path, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start a worker command in a session of its own; whatever is left of it is ended afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def launch(*command: str) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment(database),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append(process)
        return process

    yield launch
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOPPING)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    sessions = {process.pid for process in started}
    for (pid,) in query(database, "select pid from jobs_worker"):
        with contextlib.suppress(ProcessLookupError):
            if os.getsid(pid) in sessions:  # a worker of a session the test started, left behind
                os.kill(pid, signal.SIGKILL)


def query(database: Path, sql: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(database, timeout=30) as reading:
        return reading.execute(sql, args).fetchall()


def submit(database: Path, *seconds: float) -> list[str]:
    """Submit jobs that sleep so long, in one transaction; their uids as the database keeps them."""
    code = (
        "from django.db import transaction\n"
        "from corridor.jobs.services import submit_job\n"
        "with transaction.atomic():\n"
        f"    jobs = [submit_job(kind='tests.sleep', params={{'seconds': s}}, submitted_by=None)\n"
        f"            for s in {seconds!r}]\n"
        "print(' '.join(job.uid.hex for job in jobs))\n"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment(database),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.split()[-len(seconds) :]


def status(database: Path, uid: str) -> tuple[str, str]:
    (found,) = query(database, "select status, message from jobs_job where uid = ?", uid)
    return found


def wait_until(check: Callable[[], bool], what: str, within: float = STARTING) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {within:g} s for {what}")
        time.sleep(0.25)


def live_workers(database: Path) -> int:
    return int(query(database, "select count(*) from jobs_worker where stopped_at is null")[0][0])


def held_in_queue(database: Path) -> int:
    """Tasks a cluster took from django-q2's queue and holds (locked for about an hour)."""
    in_a_minute = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 60))
    return int(query(database, "select count(*) from django_q_ormq where lock > ?", in_a_minute)[0][0])


def test_the_jobs_of_killed_workers_are_failed_by_the_sweep_and_the_next_job_runs_at_once(
    database: Path, start: Callable[..., subprocess.Popen[bytes]]
) -> None:
    cluster = start(sys.executable, "manage.py", "qcluster")
    wait_until(lambda: live_workers(database) == 2, "two workers")
    first, second, waiting = submit(database, 600, 600, 0.1)
    wait_until(
        lambda: status(database, first)[0] == status(database, second)[0] == "running", "two jobs running"
    )
    wait_until(lambda: held_in_queue(database) == 3, "the third job taken by the cluster to run next")

    os.killpg(cluster.pid, signal.SIGKILL)  # the workers die
    cluster.wait()
    time.sleep(1.5)
    swept = subprocess.run(
        [CORRIDOR, "jobs", "sweep", "--stale-after", "1"],
        cwd=ROOT,
        env=environment(database),
        check=True,
        capture_output=True,
        text=True,
    )

    assert status(database, first) == status(database, second) == ("failed", WORKER_STOPPED)
    assert status(database, waiting)[0] == "queued" and held_in_queue(database) == 0
    assert "2 jobs failed" in swept.stdout and "1 job freed" in swept.stdout
    start(CORRIDOR, "jobs", "worker")
    wait_until(lambda: status(database, waiting)[0] == "succeeded", "the next job to run on a new worker")


def test_a_worker_told_to_stop_ends_within_seconds_and_settles_the_job_it_was_running(
    database: Path, start: Callable[..., subprocess.Popen[bytes]]
) -> None:
    workers = start(CORRIDOR, "jobs", "worker")
    wait_until(lambda: live_workers(database) == 2, "two workers")
    (sleeping,) = submit(database, 600)
    wait_until(lambda: status(database, sleeping)[0] == "running", "the job to run")
    pids = [pid for (pid,) in query(database, "select pid from jobs_worker where stopped_at is null")]

    workers.send_signal(signal.SIGTERM)
    workers.wait(timeout=STOPPING)

    assert status(database, sleeping) == ("failed", WORKER_STOPPED)
    assert live_workers(database) == 0
    for pid in pids:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
