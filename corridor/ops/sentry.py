"""Error reporting to Sentry, on only when `SENTRY_DSN` is set and the `sentry` extra is installed.

Nothing personal is sent (`send_default_pii=False`: no user, no cookie, no body); events carry the
environment's name, the release when `SENTRY_RELEASE` is set, and the request id as a tag.
"""

from __future__ import annotations

from typing import Any


class SentryUnavailable(Exception):
    """SENTRY_DSN is set but sentry-sdk is not installed."""


def start_error_reporting(*, dsn: str, environment: str, release: str = "", sample_rate: float = 0.0) -> None:
    """Start sentry-sdk with Django's integration; `SentryUnavailable` if it is not installed."""
    try:
        import sentry_sdk
    except ImportError:
        raise SentryUnavailable(
            "SENTRY_DSN is set but sentry-sdk is not installed: install Corridor with its `sentry` extra "
            "(uv sync --extra sentry, or pip install 'corridor[sentry]'), or unset SENTRY_DSN"
        ) from None
    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment,
        "send_default_pii": False,
        "traces_sample_rate": sample_rate,
        "before_send": _tag_request_id,
    }
    if release:
        options["release"] = release
    sentry_sdk.init(**options)


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    from corridor.ops.requestids import current_request_id

    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
