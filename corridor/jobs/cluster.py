"""`corridor jobs worker`: run the job workers (a django-q2 cluster) and stop them within seconds.

On SIGTERM `manage.py qcluster` waits for every running job to end (the time limit is an hour), and once a
worker process has been killed it waits for ever: the dead process held the lock of the queue its
siblings read, so they never read the message telling them to stop (and take no job either). This command
runs the cluster in a child process with a process group of its own and, on SIGTERM or SIGINT:

1. asks the cluster and each worker to stop (an event they inherit, see `corridor.jobs.workers`): a
   running job is interrupted — its transaction rolls back and it is queued again or failed by
   `recovery.settle_stopped_job` — and django-q2 stops the rest of the cluster as it does;
2. after `grace` seconds, kills whatever is left of the cluster (SIGKILL to its process group).

Nothing killed stays stranded: the next worker's sweep settles its jobs and frees what it held.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import time
from multiprocessing.synchronize import Event
from types import FrameType

from django import db
from django_q.cluster import Cluster
from django_q.conf import Conf

from corridor.jobs import workers

logger = logging.getLogger(__name__)

STOP_GRACE = 5.0
_POLL = 0.2


def run_workers(*, grace: float = STOP_GRACE) -> bool:
    """Run the job workers until SIGTERM or SIGINT, then stop them within `grace` seconds; False if the
    cluster ended without being asked to."""
    if Conf.SYNC:
        raise ValueError("jobs run inside the requests that submit them (JOBS_SYNC=true): start no worker")
    context = multiprocessing.get_context("fork")
    stopping = context.Event()
    workers.share_stop_event(stopping)
    asked: list[int] = []

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        asked.append(signum)

    signal.signal(signal.SIGTERM, ask_to_stop)
    signal.signal(signal.SIGINT, ask_to_stop)
    db.connections.close_all()  # the cluster's processes open their own
    child = context.Process(target=_run_cluster, args=(stopping,), name="corridor-job-cluster")
    child.start()
    group = child.pid
    assert group is not None  # started
    _lead_own_group(group)
    while not asked and child.is_alive():
        time.sleep(_POLL)
    logger.info("stopping the job workers")
    stopping.set()
    deadline = time.monotonic() + grace
    while _cluster_alive(child, group) and time.monotonic() < deadline:
        time.sleep(_POLL / 2)
    if _cluster_alive(child, group):
        logger.warning("the job workers did not stop within %s s: killing them", grace)
        _kill_group(group)
    child.join(timeout=grace)
    return bool(asked)


def _run_cluster(stopping: Event) -> None:
    """The child: a django-q2 cluster in a process group of its own, stopped when `stopping` is set."""
    _lead_own_group(0)
    asked: list[int] = []
    cluster = Cluster()

    def ask_to_stop(signum: int, frame: FrameType | None) -> None:
        asked.append(signum)  # stopping here, in the signal handler, could deadlock (django-q2 #346)

    # After Cluster(), which installs its own handlers for these.
    signal.signal(signal.SIGTERM, ask_to_stop)
    signal.signal(signal.SIGINT, ask_to_stop)
    cluster.start()
    while not asked and not stopping.is_set() and cluster.sentinel.is_alive():
        stopping.wait(_POLL)
    stopping.set()
    cluster.stop()


def _lead_own_group(pid: int) -> None:
    """Make `pid` (0: this process) lead a process group of its own; both sides call it, to leave no gap."""
    with contextlib.suppress(OSError):  # done already by the other side, or the child has ended
        os.setpgid(pid, 0)


def _cluster_alive(child: multiprocessing.process.BaseProcess, group: int) -> bool:
    """Whether the child, or any process of its group (the cluster's), is still there."""
    if child.is_alive():
        return True
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def _kill_group(group: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
