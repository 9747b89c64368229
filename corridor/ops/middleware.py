"""The first middleware: a request id for every request, metrics when enabled, and the probes.

`/healthz`, `/readyz` and `/metrics` are answered here, before any other middleware: a load balancer or a
monitoring system calls them by address over plain HTTP, which the host check (`ALLOWED_HOSTS`) and the
HTTPS redirect would refuse, and they must open no session and set no cookie.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.crypto import constant_time_compare

from corridor.ops import health, metrics
from corridor.ops.requestids import (
    HEADER,
    request_id_from,
    reset_current_request_id,
    set_current_request_id,
)

PROBES = ("/healthz", "/readyz", "/metrics")


class RequestIdMiddleware:
    """Give each request an id (kept from the proxy's X-Request-ID when well-formed), log with it, send it
    back; count and time the request when metrics are on; answer the probes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_current_request_id(request_id)
        started = time.perf_counter()
        try:
            path = request.path_info.rstrip("/") or "/"
            response = probe(request, path) if path in PROBES else self.get_response(request)
        finally:
            reset_current_request_id(token)
        response[HEADER] = request_id
        if metrics.enabled():
            metrics.observe_request(
                method=request.method if request.method in _METHODS else "other",
                route=_route(request, path),
                status=response.status_code,
                seconds=time.perf_counter() - started,
            )
        return response


_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def _route(request: HttpRequest, path: str) -> str:
    """The matched URL pattern (bounded, free of identifiers); the probe's path; else "unmatched"."""
    if path in PROBES:
        return path
    match = getattr(request, "resolver_match", None)
    if match is not None and match.route:
        return "/" + str(match.route)
    return "unmatched"


def probe(request: HttpRequest, path: str) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return JsonResponse({"error": "method not allowed"}, status=405, headers={"Allow": "GET, HEAD"})
    if path == "/healthz":
        return _no_store(JsonResponse({"status": "ok"}))
    if path == "/readyz":
        found = health.readiness()
        return _no_store(JsonResponse(found.as_json(), status=found.http_status))
    return metrics_endpoint(request)


def metrics_endpoint(request: HttpRequest) -> HttpResponse:
    """Metrics when enabled (and, with METRICS_TOKEN set, only for `Authorization: Bearer <token>`)."""
    from django.conf import settings

    if not metrics.enabled():
        return JsonResponse({"error": "not found"}, status=404)
    expected = getattr(settings, "METRICS_TOKEN", "")
    if expected:
        sent = request.headers.get("Authorization", "")
        if not constant_time_compare(sent, f"Bearer {expected}"):
            return JsonResponse(
                {"error": "metrics need the bearer token"}, status=401, headers={"WWW-Authenticate": "Bearer"}
            )
    return _no_store(HttpResponse(metrics.exposition(), content_type=metrics.CONTENT_TYPE))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
