"""Run and record forecasts, scenarios and the BRC evaluation: load (through the funnel) → run → store.

Every interface (CLI, API job, page) calls these, so a run is recorded the same way whoever asks: its
model and parameters, the data cut-off, the hash of the series it read, who asked, for which organisation,
the job that ran it, and the result. Forecasts and scenarios read only what their reader may see
(`selectors.route_series_visible_to`). The BRC evaluation is the one exception: it reproduces the
published error table from the files shipped with the engine (`engine.route_counts`, `brc_benchmark`).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.models import Membership
from corridor.core.exceptions import ValidationFailed
from corridor.forecasting.alert_summaries import NEARBY_DAYS, TimelineChange, alert_window, compute_alerts
from corridor.forecasting.choices import ForecastModel, RunKind
from corridor.forecasting.engine import (
    ErrorTable,
    brc_benchmark,
    evaluate_brc_window,
    route_counts,
    transit_model,
)
from corridor.forecasting.engine.shipped_data import BRC_BENCHMARK_CSV, ROUTE_COUNTS_CSV
from corridor.forecasting.forecasts import DEFAULT_COVERAGE, compute_forecast, model_parameters
from corridor.forecasting.models import MAX_HORIZON, ForecastRun
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.forecasting.scenarios import ScenarioRequest, compute_scenario, scenario_problems
from corridor.forecasting.selectors import policy_changes_visible_to, route_series_visible_to
from corridor.geo.choices import SeriesFrequency

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.jobs.models import Job

ProgressFn = Callable[[float, str], None]


def _silent(fraction: float, message: str = "") -> None:
    """Progress nobody watches."""


def owner_for(reader: Reader) -> Organisation | None:
    """The organisation a reader's runs count for: their earliest active membership's (None without one)."""
    if reader is None or not reader.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user_id=reader.pk, is_active=True)
        .select_related("organisation")
        .order_by("id")
        .first()
    )
    return membership.organisation if membership is not None else None


def checked_forecast_request(
    *, place: str, horizon: int, model: str, coverage: float, route: RouteModel
) -> dict[str, Any]:
    """The request's fields checked before any data is read (so a job is never queued for a bad one)."""
    problems: dict[str, list[str]] = {}
    name = route.series_named(place)
    if name is None:
        places = ", ".join(sorted({key.place for key in route.series.values()}))
        problems["place"] = [
            f"{place!r} is not a series of {route.name}: one of {', '.join(route.series)} "
            f"(or their places {places})"
        ]
    elif route.series[name].frequency != "day":
        problems["place"] = [
            f"{name!r} is a {SeriesFrequency(route.series[name].frequency).label.lower()} series: "
            "forecasts read daily series only for now"
        ]
    if not 1 <= horizon <= MAX_HORIZON:
        problems["horizon"] = [f"{horizon} is outside 1–{MAX_HORIZON} days"]
    if model not in ForecastModel.values:
        problems["model"] = [f"{model!r} is not one of {', '.join(ForecastModel.values)}"]
    if not 0.5 <= coverage <= 0.99:
        problems["coverage"] = [f"{coverage} is outside 0.5–0.99"]
    if problems:
        raise ValidationFailed(problems)
    return {"place": name, "horizon": horizon, "model": model, "coverage": coverage, "route": route.slug}


def no_counts(route: RouteModel, purpose: str) -> str:
    return f"you can see no daily counts on {route.name} to {purpose}"


def run_forecast(
    *,
    reader: Reader,
    place: str,
    horizon: int = MAX_HORIZON,
    model: str = ForecastModel.TRANSIT,
    coverage: float = DEFAULT_COVERAGE,
    origin: date | None = None,
    route: str | None = None,
    job: Job | None = None,
    progress: ProgressFn = _silent,
) -> ForecastRun:
    """Forecast `place` of `route` (default: the reader's default route) from the data `reader` may see and
    record the run."""
    model_of_route = route_model_for(reader, route)
    request = checked_forecast_request(
        place=place, horizon=horizon, model=model, coverage=coverage, route=model_of_route
    )
    progress(0.05, "reading the daily counts you may see")
    visible = route_series_visible_to(reader, model_of_route)
    if visible is None:
        raise ValidationFailed({"place": [no_counts(model_of_route, "forecast from")]})
    progress(0.2, f"forecasting {request['place']}")
    outcome = compute_forecast(
        visible.series,
        origin=origin,
        place=request["place"],
        horizon=horizon,
        model=model,
        coverage=coverage,
    )
    progress(0.9, "recording the run")
    used = visible.until(outcome.origin)
    return _record(
        kind=RunKind.FORECAST,
        model=model,
        parameters={
            **model_parameters(model, coverage=coverage, order=visible.series.places),
            "origin_asked": origin and origin.isoformat(),
            "route": model_of_route.slug,
        },
        data_cutoff=outcome.origin,
        places=[request["place"]],
        horizon=horizon,
        reader=reader,
        job=job,
        input_hash=used.sha256,
        classification=used.classification,
        result=outcome.to_dict(),
    )


def run_closure_scenario(
    *,
    reader: Reader,
    request: ScenarioRequest,
    route: str | None = None,
    job: Job | None = None,
    progress: ProgressFn = _silent,
) -> ForecastRun:
    """Run a closure scenario on `route` (default: the reader's default route) with the inflow `reader` may
    see and record it."""
    model_of_route = route_model_for(reader, route)
    progress(0.05, "reading the counts you may see")
    visible = route_series_visible_to(reader, model_of_route)
    problems = scenario_problems(visible.series if visible else None, request, model_of_route)
    if problems or visible is None:  # a reader who sees no counts always has a problem with `start`
        raise ValidationFailed(problems)
    progress(0.2, f"closing {request.close} from {request.start.isoformat()} for {request.days} days")
    result = compute_scenario(visible.series, request, model_of_route)
    progress(0.9, "recording the run")
    used = visible.until(min(request.end, visible.series.last.date()))
    return _record(
        kind=RunKind.SCENARIO,
        model=request.mode,
        parameters={**request.parameters(), "route": model_of_route.slug},
        data_cutoff=used.series.last.date(),
        places=[point["place"] for point in result["places"]],
        horizon=None,
        reader=reader,
        job=job,
        input_hash=used.sha256,
        classification=used.classification,
        result=result,
    )


def alerts_for(
    *,
    reader: Reader,
    first: date | None = None,
    last: date | None = None,
    horizon: int = 1,
    coverage: float = DEFAULT_COVERAGE,
    route: str | None = None,
) -> dict[str, Any]:
    """Alerts on the monitored series of `route` that `reader` may see, each with the policy change on their
    timeline nearby."""
    model_of_route = route_model_for(reader, route)
    visible = route_series_visible_to(reader, model_of_route)
    if visible is None:
        raise ValidationFailed({"start": [no_counts(model_of_route, "monitor")]})
    start, end = alert_window(visible.series, first, last)
    changes = timeline_changes(reader, start=start - timedelta(days=NEARBY_DAYS), end=end)
    monitored = [key for key in model_of_route.monitored if key in visible.series.places]
    result = compute_alerts(
        visible.series,
        changes,
        first=start,
        last=end,
        places=monitored,
        labels={key: series.label for key, series in model_of_route.series.items()},
        horizon=horizon,
        coverage=coverage,
    )
    return {
        **result,
        "route": model_of_route.slug,
        "input_hash": visible.until(end).sha256,
        "content_classification": visible.classification,
    }


def timeline_changes(reader: Reader, *, start: date, end: date) -> list[TimelineChange]:
    """The border-policy changes on `reader`'s timeline overlapping [start, end]."""
    return [
        TimelineChange(event.slug, event.title, event.date_start, event.date_end, event.span.text())
        for event in policy_changes_visible_to(reader, start=start, end=end)
    ]


def shipped_data_sha256() -> str:
    """The digest of the two shipped files the BRC evaluation reads."""
    digest = hashlib.sha256()
    for path in (ROUTE_COUNTS_CSV, BRC_BENCHMARK_CSV):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def brc_error_table() -> ErrorTable:
    """The error table of docs/benchmarks.md, from the shipped series and the BRC's published forecasts."""
    return _error_table_of(shipped_data_sha256())


@lru_cache(maxsize=1)
def _error_table_of(digest: str) -> ErrorTable:
    """Computed once per content of the shipped files (it takes seconds; the files rarely change)."""
    return evaluate_brc_window(route_counts(), brc_benchmark(), transit_model())


def record_evaluation(*, table: ErrorTable, reader: Reader = None) -> ForecastRun:
    """Record an evaluation run of the BRC window (its table as the result)."""
    return _record(
        kind=RunKind.EVALUATION,
        model=ForecastModel.TRANSIT,
        parameters={**model_parameters(ForecastModel.TRANSIT, coverage=DEFAULT_COVERAGE), "window": "brc"},
        data_cutoff=route_counts().last.date(),
        places=sorted({row.place for row in table.rows}),
        horizon=max(row.horizon for row in table.rows),
        reader=reader,
        job=None,
        input_hash=shipped_data_sha256(),
        classification="public",
        result=table.to_dict(),
    )


def _record(
    *,
    kind: str,
    model: str,
    parameters: dict[str, Any],
    data_cutoff: date | None,
    places: list[str],
    horizon: int | None,
    reader: Reader,
    job: Job | None,
    input_hash: str,
    classification: str,
    result: dict[str, Any],
) -> ForecastRun:
    signed_in = reader is not None and reader.is_authenticated
    run = ForecastRun(
        uid=uuid.uuid4(),
        kind=kind,
        model=model,
        parameters=parameters,
        data_cutoff=data_cutoff,
        places=places,
        horizon=horizon,
        requested_by=reader if signed_in else None,  # type: ignore[misc]
        owner=owner_for(reader),
        job=job,
        input_hash=input_hash,
        content_classification=classification,
        result=result,
    )
    run.full_clean()
    with transaction.atomic():
        run.save()
    return run
