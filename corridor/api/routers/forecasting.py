"""Forecasting: recorded runs, forecast and scenario requests (jobs), the BRC evaluation, alerts.

Who sees which run: their own; their organisations' runs and, for analysts, everyone's — in both cases only
when the caller may read every observation the run read (`forecasting.selectors.forecast_runs_visible_to`).
Anonymous callers see no runs and may not start one (401).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest, JsonResponse
from ninja import Field, Query, Router

from corridor.accounts.access import Reader, person_label, person_labels
from corridor.api.auth import caller
from corridor.api.concurrency import created
from corridor.api.inputs import DateText, QueryInput, date_range, day, optional_day
from corridor.api.pagination import page
from corridor.api.routers.reference import ListParams
from corridor.api.schemas.common import Page
from corridor.api.schemas.forecasting import (
    AlertsOut,
    ClosureOut,
    EvaluationOut,
    ForecastIn,
    RunJobOut,
    RunOut,
    RunSummaryOut,
    ScenarioIn,
)
from corridor.core.exceptions import NotFound
from corridor.forecasting.closures import closure_choices
from corridor.forecasting.jobs import FORECAST_JOB, SCENARIO_JOB, forecast_job_params, scenario_job_params
from corridor.forecasting.models import ForecastRun
from corridor.forecasting.routes import route_model_for
from corridor.forecasting.scenarios import ScenarioRequest
from corridor.forecasting.selectors import forecast_runs_visible_to, get_forecast_run_for_user
from corridor.forecasting.services import alerts_for, brc_error_table, owner_for
from corridor.jobs.choices import JobStatus
from corridor.jobs.models import Job
from corridor.jobs.selectors import jobs_visible_to
from corridor.jobs.services import submit_job

router = Router(tags=["forecasting"])


def run_summary(
    viewer: Reader, run: ForecastRun, named: dict[int, str | None] | None = None
) -> dict[str, Any]:
    return {
        "uid": run.uid,
        "kind": run.kind,
        "model": run.model,
        "parameters": run.parameters,
        "data_cutoff": run.data_cutoff,
        "places": run.places,
        "horizon": run.horizon,
        "requested_by": (
            named.get(run.requested_by.pk)
            if named is not None and run.requested_by is not None
            else person_label(viewer, run.requested_by)
        ),
        "owner": run.owner.slug if run.owner else None,
        "job": run.job.uid if run.job else None,
        "input_hash": run.input_hash,
        "content_classification": run.content_classification,
        "created_at": run.created_at,
    }


def _job_out(request: HttpRequest, job: Job) -> dict[str, Any]:
    run = None
    if job.status == JobStatus.SUCCEEDED and job.result.get("run"):
        found = get_forecast_run_for_user(caller(request), uid=job.result["run"])
        run = {**run_summary(caller(request), found), "result": found.result}
    return {
        "uid": job.uid,
        "kind": job.kind,
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "error": job.error,
        "run": run,
    }


def _accepted(request: HttpRequest, submit: Callable[[], Job]) -> JsonResponse:
    """Queue the job (once per Idempotency-Key) and answer 202 with it."""

    def create() -> tuple[int, dict[str, Any]]:
        job = submit()
        job.refresh_from_db()
        return 202, RunJobOut.model_validate(_job_out(request, job)).model_dump(mode="json")

    return created(request, create)


class RunFilters(ListParams):
    kind: str | None = None


@router.get("/forecasting/runs", response=Page[RunSummaryOut])
def list_runs(request: HttpRequest, filters: Query[RunFilters]) -> dict[str, Any]:
    """Recorded forecast, scenario and evaluation runs the caller may see, oldest first."""
    runs = forecast_runs_visible_to(caller(request)).defer("result")
    if filters.kind:
        runs = runs.filter(kind=filters.kind)
    items, following = page(runs, order=("created_at", "uid"), cursor=filters.cursor, limit=filters.limit)
    user = caller(request)
    named = person_labels(user, (run.requested_by for run in items))
    return {"items": [run_summary(user, run, named) for run in items], "next": following}


@router.get("/forecasting/runs/{uid}", response=RunOut)
def get_run(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    run = get_forecast_run_for_user(caller(request), uid=uid)
    return {**run_summary(caller(request), run), "result": run.result}


@router.post("/forecasting/forecasts", response={202: RunJobOut})
def request_forecast(request: HttpRequest, body: ForecastIn) -> JsonResponse:
    """Queue a forecast; answers at once with the job to poll (GET /forecasting/jobs/{uid})."""
    user = caller(request)
    params = forecast_job_params(
        reader=user,
        place=body.place,
        horizon=body.horizon,
        model=body.model,
        coverage=body.coverage,
        origin=optional_day(body.origin, "origin"),
        route=body.route,
    )
    return _accepted(
        request,
        lambda: submit_job(kind=FORECAST_JOB, params=params, submitted_by=user, owner=owner_for(user)),  # type: ignore[arg-type]
    )


@router.post("/forecasting/scenarios", response={202: RunJobOut})
def request_scenario(request: HttpRequest, body: ScenarioIn) -> JsonResponse:
    """Queue a closure scenario; answers at once with the job to poll (GET /forecasting/jobs/{uid})."""
    user = caller(request)
    scenario = ScenarioRequest(
        close=body.close,
        start=day(body.start, "start"),
        days=body.days,
        agents=body.agents,
    )
    params = scenario_job_params(reader=user, request=scenario, route=body.route)
    return _accepted(
        request,
        lambda: submit_job(kind=SCENARIO_JOB, params=params, submitted_by=user, owner=owner_for(user)),  # type: ignore[arg-type]
    )


@router.get("/forecasting/jobs/{uid}", response=RunJobOut)
def job_status(request: HttpRequest, uid: UUID) -> dict[str, Any]:
    """A forecast or scenario request's progress; its run once it succeeded."""
    job = jobs_visible_to(caller(request)).filter(uid=uid, kind__in=[FORECAST_JOB, SCENARIO_JOB]).first()
    if job is None:
        raise NotFound(f"no forecasting job {uid}")
    return _job_out(request, job)


@router.get("/forecasting/evaluation/brc", response=EvaluationOut)
def brc_evaluation(request: HttpRequest) -> dict[str, Any]:
    """The error table of the BRC window (14 Dec 2015 – 16 Jan 2016, horizons 1–5): ours, the British Red
    Cross's and persistence's mean absolute errors per country and horizon. Computed from the public
    files shipped with the engine, as `corridor forecast evaluate --window brc --json` prints it."""
    return brc_error_table().to_dict()


class AlertParams(QueryInput):
    start: DateText | None = None
    end: DateText | None = None
    horizon: int = Field(1, ge=1, le=14, description="days ahead, 1–14")
    coverage: float = Field(0.9, ge=0.5, le=0.99, description="coverage of the intervals, 0.5–0.99")
    route: str | None = Field(
        None, description="the route's slug (default: the first route the caller reads)"
    )


@router.get("/forecasting/alerts", response=AlertsOut)
def list_alerts(request: HttpRequest, params: Query[AlertParams]) -> dict[str, Any]:
    """Days between `start` and `end` (default: the last 60 days of data) whose observed count left the
    interval of the `horizon`-day-ahead forecast, on the series the caller may see, each with the
    border-policy change on the caller's timeline nearby."""
    first, last = date_range(params.start, params.end)
    return alerts_for(
        reader=caller(request),
        first=first,
        last=last,
        horizon=params.horizon,
        coverage=params.coverage,
        route=params.route,
    )


class ClosureParams(QueryInput):
    route: str | None = Field(
        None, description="the route's slug (default: the first route the caller reads)"
    )


@router.get("/forecasting/closures", response=list[ClosureOut])
def list_closures(request: HttpRequest, params: Query[ClosureParams]) -> list[dict[str, Any]]:
    """What a scenario may close on a route: every border its graph crosses, then every link."""
    return [
        {"key": choice.key, "label": choice.label, "links": [f"{a} -> {b}" for a, b in choice.links]}
        for choice in closure_choices(route_model_for(caller(request), params.route))
    ]
