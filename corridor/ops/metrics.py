"""Prometheus-style metrics at `/metrics`, off unless `METRICS_ENABLED` (ADR 0015).

Requests are counted and timed by `corridor.ops.middleware.RequestIdMiddleware` with prometheus-client's
`Counter` and `Histogram`, labelled by method, the matched route (its pattern, never the path a caller
sent, so no identifier and no unbounded label) and status. Jobs are read from the database when the
endpoint is scraped: jobs per status, live workers, the oldest queued job's age.

Under gunicorn each worker process counts its own requests; set `PROMETHEUS_MULTIPROC_DIR` to an empty
directory (wiped at every start) and prometheus-client's multiprocess mode adds them up (docs/deploy.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "corridor_http_requests", "HTTP requests answered", ["method", "route", "status"], registry=None
)
LATENCY = Histogram(
    "corridor_http_request_duration_seconds",
    "Time taken to answer an HTTP request",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=None,
)
CONTENT_TYPE = CONTENT_TYPE_LATEST


def enabled() -> bool:
    return bool(getattr(settings, "METRICS_ENABLED", False))


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method=method, route=route, status=str(status)).inc()
    LATENCY.labels(method=method, route=route).observe(seconds)


class JobsCollector(Collector):
    """Jobs per status, live workers, and the oldest queued job's age — read when scraped."""

    def collect(self) -> Iterator[Metric]:
        from django.db.models import Count, Min

        from corridor.jobs.choices import JobStatus
        from corridor.jobs.models import Job
        from corridor.jobs.selectors import live_workers

        now = timezone.now()
        per_status = GaugeMetricFamily("corridor_jobs", "Jobs per status", labels=["status"])
        counts = dict(Job.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
        for status in JobStatus.values:
            per_status.add_metric([status], counts.get(status, 0))
        yield per_status
        yield GaugeMetricFamily(
            "corridor_job_workers_alive",
            "Job worker processes with a fresh heartbeat",
            value=live_workers(now=now).count(),
        )
        oldest = Job.objects.filter(status=JobStatus.QUEUED).aggregate(oldest=Min("created_at"))["oldest"]
        yield GaugeMetricFamily(
            "corridor_job_queue_age_seconds",
            "How long the oldest queued job has waited (0: none waits)",
            value=0.0 if oldest is None else max((now - oldest).total_seconds(), 0.0),
        )


def exposition() -> bytes:
    """The metrics in Prometheus' text format."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_RequestsCollector())
    registry.register(JobsCollector())
    return generate_latest(registry)


class _RequestsCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        yield from REQUESTS.collect()
        yield from LATENCY.collect()
