"""A job worker killed mid-job (SIGKILL: no chance to say so): with no one running `corridor jobs sweep` by
hand, the next worker's own sweep fails the job within the sweep interval after the dead worker's
heartbeat goes stale, and the job's submitter sees it on the jobs page, as monitoring does in /readyz.

Real processes on a copy of the test database (the fixtures of tests/jobs/test_workers.py); marker
`workers`, so it runs once, in the SQLite pass.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from corridor.jobs.selectors import STALE_AFTER
from corridor.jobs.workers import SWEEP_EVERY
from tests.jobs.test_workers import (  # noqa: F401 (fixtures)
    CORRIDOR,
    ROOT,
    WORKER_STOPPED,
    database,
    environment,
    live_workers,
    start,
    status,
    wait_until,
)

pytestmark = [pytest.mark.workers, pytest.mark.django_db]

SUBMIT = """
from corridor.accounts.models import User
from corridor.jobs.services import submit_job
user = User.objects.create_user("recovery-user", "recovery@example.org", "never-used-9b2c4d1e")
print(submit_job(kind="tests.sleep", params={"seconds": 600}, submitted_by=user).uid.hex)
"""
LOOK = """
import json
from django.test import Client
from corridor.accounts.models import User
client = Client(HTTP_HOST="127.0.0.1")
readyz = client.get("/readyz").json()
client.force_login(User.objects.get(username="recovery-user"))
page = client.get("/jobs/").content.decode()
print(json.dumps({"readyz": readyz, "page": page}))
"""


def _shell(path: Path, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment(path),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_a_job_whose_worker_was_killed_is_failed_by_the_next_workers_sweep_and_shown(
    database: Path,  # noqa: F811
    start: Callable[..., subprocess.Popen[bytes]],  # noqa: F811
) -> None:
    cluster = start(sys.executable, "manage.py", "qcluster")
    wait_until(lambda: live_workers(database) == 2, "two workers")
    uid = _shell(database, SUBMIT)
    wait_until(lambda: status(database, uid)[0] == "running", "the job to run")

    os.killpg(cluster.pid, signal.SIGKILL)
    cluster.wait()
    killed_at = time.monotonic()
    start(CORRIDOR, "jobs", "worker")
    bound = (STALE_AFTER.total_seconds() + SWEEP_EVERY) * 1.5
    wait_until(lambda: status(database, uid)[0] != "running", "the sweep to settle the job", within=bound)
    settled_after = time.monotonic() - killed_at
    seen = json.loads(_shell(database, LOOK))

    assert status(database, uid) == ("failed", WORKER_STOPPED)
    assert settled_after <= STALE_AFTER.total_seconds() + SWEEP_EVERY + 15
    jobs = seen["readyz"]["checks"]["jobs"]
    assert jobs["running_on_stopped_workers"] == 0 and jobs["settled_after_worker_stopped_last_hour"] == 1
    assert seen["readyz"]["checks"]["workers"]["alive"] >= 1
    assert "the worker stopped while running this job; nothing was written" in seen["page"].lower()
