"""Logging for production: one JSON object per line on standard output, for the platform's log collector.

Each line holds the time (UTC, ISO 8601), level, logger and message, and the request's id while a request
is answered (`corridor.ops.requestids`, also sent back as X-Request-ID); a line about a request (Django's
`django.request` logger, which reports every 4xx and 5xx answer) adds its method, path and status, and a
server error adds its traceback. Query strings and bodies are left out: they may hold what the caller
may read and the log's readers may not.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class JsonLineFormatter(logging.Formatter):
    """A log record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "")
        if request_id:
            line["request_id"] = request_id
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            line["method"] = request.method
            line["path"] = getattr(request, "path", "")
        status = getattr(record, "status_code", None)
        if status is not None:
            line["status"] = status
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def json_logging(level: str) -> dict[str, Any]:
    """A LOGGING setting: JSON lines on stdout at `level` for Corridor and Django (requests included)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logging.JsonLineFormatter"}},
        "filters": {"request_id": {"()": "corridor.ops.requestids.RequestIdFilter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.request": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.server": {"handlers": ["stdout"], "level": level, "propagate": False},
            "corridor": {"handlers": ["stdout"], "level": level, "propagate": False},
            "axes": {"handlers": ["stdout"], "level": level, "propagate": False},
        },
    }
