"""Inside a job worker process: its heartbeat, the sweep it runs, and how it stops.

django-q2 starts each worker process and sends `post_spawn` in it (connected in `JobsConfig.ready`), so
this works under `corridor jobs worker` and a plain `manage.py qcluster` alike. The worker then:

- records itself as a `Worker` row (marked stopped when it ends cleanly) and, from a background thread,
  updates its heartbeat every `BEAT_EVERY` seconds and runs the sweep (`recovery.sweep_jobs`) every
  `SWEEP_EVERY` seconds — the first time as it starts, so a worker started after a crash frees at once
  what the dead one held;
- on SIGTERM, interrupts the job it is running (`WorkerStopped` is raised in it: its transaction rolls
  back and `recovery.settle_stopped_job` records it) and ends; an idle worker just ends. The same happens
  when `corridor jobs worker` asks its workers to stop, or when the process that started this worker died
  (so no worker outlives its cluster).

The heartbeat thread has its own database connection. On SQLite a long write elsewhere can delay a beat
(SQLite has one writer); a beat that fails is simply tried again.
"""

from __future__ import annotations

import logging
import multiprocessing.util
import os
import signal
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.synchronize import Event
from types import FrameType
from typing import Any

from django.db import DatabaseError, connection
from django.utils import timezone
from django_q.conf import Conf

from corridor.jobs.models import Worker

logger = logging.getLogger(__name__)

BEAT_EVERY = 5.0
SWEEP_EVERY = 30.0


class WorkerStopped(BaseException):
    """Raised inside a running job when its worker is told to stop. Not an `Exception`, so the work's own
    error handling never swallows it; `services.run_job` settles the job and ends the process."""


class _State:
    worker_id: int | None = None
    pid: int | None = None
    in_job = False  # from claiming a job to recording what came of it
    running_job = False  # while the job's work runs (interruptible)
    stop_after_job = False
    stopping: Event | None = None
    """Set by `cluster.run_workers` to ask every worker it started to stop (inherited when forked)."""


_state = _State()


def share_stop_event(event: Event) -> None:
    """Give the workers about to be started (forked from this process) the event that asks them to stop."""
    _state.stopping = event


def current_worker_id() -> int | None:
    """This process's `Worker` row, or None outside a worker process (a job run inside a request)."""
    return _state.worker_id if _state.pid == os.getpid() else None


@contextmanager
def handling_job() -> Iterator[None]:
    """From claiming a job to recording its end: a stop asked meanwhile, outside the work itself (see
    `interruptible`), waits until the job's end is recorded, then ends the worker."""
    _state.in_job = True
    try:
        yield
    finally:
        _state.in_job = False
    if _state.stop_after_job and _state.pid == os.getpid():
        raise SystemExit(0)


@contextmanager
def interruptible() -> Iterator[None]:
    """While a job's work runs: a stop request interrupts it rather than waiting for it to end."""
    _state.running_job = True
    try:
        yield
    finally:
        _state.running_job = False


def on_worker_spawn(sender: object, **kwargs: Any) -> None:
    """django-q2's `post_spawn`, in a new worker process: record it, start its heartbeat, catch SIGTERM.

    With `Q_CLUSTER["sync"]` django-q2 runs its worker loop inside the submitting process (a request, a
    test): that is no worker process, and is left as it is.
    """
    if Conf.SYNC:
        return
    now = timezone.now()
    worker = Worker.objects.create(
        uid=uuid.uuid4(), host=socket.gethostname()[:255], pid=os.getpid(), started_at=now, beat_at=now
    )
    _state.worker_id, _state.pid, _state.running_job = worker.pk, os.getpid(), False
    signal.signal(signal.SIGTERM, _on_stop_signal)
    threading.Thread(
        target=_keep_beating, args=(worker.pk, os.getppid()), name="corridor-heartbeat", daemon=True
    ).start()
    multiprocessing.util.Finalize(None, _mark_stopped, exitpriority=10)


def _on_stop_signal(signum: int, frame: FrameType | None) -> None:
    if _state.pid != os.getpid():  # a child this worker forked: end as SIGTERM would
        os._exit(128 + signum)
    if _state.running_job:
        _state.running_job = False  # a second signal while the job is settled must not interrupt that
        raise WorkerStopped
    if _state.in_job:
        _state.stop_after_job = True
        return
    raise SystemExit(0)


def _keep_beating(worker_id: int, parent_pid: int) -> None:
    from corridor.jobs.recovery import sweep_jobs

    since_sweep = SWEEP_EVERY  # sweep at once: a worker started after a crash frees what it held
    while True:
        if _told_to_stop(parent_pid):
            connection.close()
            os.kill(os.getpid(), signal.SIGTERM)
            return
        try:
            Worker.objects.filter(pk=worker_id).update(beat_at=timezone.now())
        except DatabaseError:
            logger.warning(
                "worker %s could not write its heartbeat; trying again", os.getpid(), exc_info=True
            )
            connection.close()
        if since_sweep >= SWEEP_EVERY:
            since_sweep = 0.0
            try:
                sweep_jobs()
            except Exception:  # the heartbeat must outlive any failure of a sweep, or the worker looks dead
                logger.exception("worker %s could not sweep; it will try again", os.getpid())
                connection.close()
        since_sweep += BEAT_EVERY
        if _state.stopping is not None:
            _state.stopping.wait(BEAT_EVERY)
        else:
            time.sleep(BEAT_EVERY)


def _told_to_stop(parent_pid: int) -> bool:
    asked = _state.stopping is not None and _state.stopping.is_set()
    return asked or os.getppid() != parent_pid


def _mark_stopped() -> None:
    """A worker that ends cleanly says so, so that pages stop counting it and its jobs are settled at once."""
    if _state.worker_id is None or _state.pid != os.getpid():
        return
    try:
        Worker.objects.filter(pk=_state.worker_id).update(stopped_at=timezone.now())
    except DatabaseError:
        logger.warning("worker %s could not record that it stopped", os.getpid(), exc_info=True)
