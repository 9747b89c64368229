"""Request ids: each request gets one, its log lines carry it, and its answer names it (X-Request-ID).

An id sent by the reverse proxy (nginx's `$request_id`) is kept when it looks like one — up to 64 letters,
digits, dots, dashes and underscores — so one id follows a request through proxy, app and logs; anything
else is replaced by a new one, since a log line must never carry what a caller chose to put in it.
"""

from __future__ import annotations

import logging
import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_current: ContextVar[str] = ContextVar("corridor_request_id", default="")


def request_id_from(sent: str | None) -> str:
    """The id to use for a request whose caller sent `sent` (the header, or None)."""
    if sent and _ACCEPTED.match(sent):
        return sent
    return uuid.uuid4().hex


def current_request_id() -> str:
    """The id of the request this thread is answering ("" outside a request)."""
    return _current.get()


def set_current_request_id(value: str) -> object:
    """Make `value` the current request's id; returns the token that `reset_current_request_id` takes."""
    return _current.set(value)


def reset_current_request_id(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (empty outside a request); it never drops a record.

    Django logs an error answer (`django.request`) after the middleware has returned, with the request
    attached: its id is read from there."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or current_request_id()
        return True
