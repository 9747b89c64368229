"""Reads routed to PostgreSQL streaming replicas, with read-your-writes (`DATABASE_REPLICA_URLS`).

`PrimaryReplicaRouter` sends every write, every migration and every read made inside a transaction on
the primary (`default`) to the primary, and so every read outside a web request (commands, job workers,
which claim and settle jobs). A web request's other reads go to a replica that answers, picked at random,
or to the primary when none does (a replica found down is tried again after `RECHECK_SECONDS`).

Read-your-writes: a request that may write (any method but GET, HEAD, OPTIONS) runs wholly on the
primary, and its answer carries a cookie (`PINNED_COOKIE`) telling later requests of the same browser
or client to read from the primary for `READ_YOUR_WRITES_SECONDS` — longer than a replica lags behind in
normal operation — so a user never reads a page older than what they just saved. A client that sends no
cookies back (an API script) reads from the primary within its own writing request only.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

PRIMARY = "default"
PINNED_COOKIE = "corridor_primary_until"
RECHECK_SECONDS = 5.0
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Only a web request that reads may use a replica: commands, job workers and shells read from the primary.
_replica_allowed: ContextVar[bool] = ContextVar("corridor_reads_may_use_a_replica", default=False)
_health: dict[str, tuple[float, bool]] = {}
_health_lock = threading.Lock()


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def replica_answers(alias: str) -> bool:
    """Whether the replica answers a connection (remembered for RECHECK_SECONDS, per process)."""
    now = time.monotonic()
    with _health_lock:
        checked = _health.get(alias)
    if checked is not None and now - checked[0] < RECHECK_SECONDS:
        return checked[1]
    connection = connections[alias]
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        answers = True
    except DatabaseError:
        logger.warning("database replica %s does not answer; reading from the primary", alias)
        connection.close_if_unusable_or_obsolete()
        answers = False
    with _health_lock:
        _health[alias] = (now, answers)
    return answers


def forget_replica_health() -> None:
    with _health_lock:
        _health.clear()


class PrimaryReplicaRouter:
    """Writes, migrations and transactional reads on the primary; other reads on a live replica."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if not _replica_allowed.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        candidates = replicas()
        random.shuffle(candidates)
        for alias in candidates:
            if replica_answers(alias):
                return alias
        return PRIMARY

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # one database, copied

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReadYourWritesMiddleware:
    """Pin a request to the primary when it may write, or when the caller wrote a short while ago."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replicas():
            return self.get_response(request)
        writing = request.method not in SAFE_METHODS
        token = _replica_allowed.set(not writing and not _recently_wrote(request))
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if writing:
            seconds = int(getattr(settings, "READ_YOUR_WRITES_SECONDS", 10))
            response.set_cookie(
                PINNED_COOKIE,
                str(int(time.time()) + seconds),
                max_age=seconds,
                secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
                httponly=True,
                samesite="Lax",
            )
        return response


def _recently_wrote(request: HttpRequest) -> bool:
    try:
        return int(request.COOKIES.get(PINNED_COOKIE, "0")) > time.time()
    except ValueError:
        return False
