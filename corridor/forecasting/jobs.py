"""Forecasts and scenarios as recorded jobs: the parameters of one, and the handlers that run them.

As for imports (`corridor.exchange.jobs`), an interface checks the request here and submits the job
itself, so this domain app never imports the jobs interface:

    job = submit_job(kind=FORECAST_JOB, params=forecast_job_params(reader=user, place=slug),
                     submitted_by=user, owner=owner_for(user))

`corridor.jobs.handlers.HANDLERS` maps each kind to its handler, which runs as the user who submitted the
job (reading only what they may see) and returns the recorded run's uid.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from corridor.core.exceptions import PermissionDenied, ValidationFailed
from corridor.forecasting.choices import ForecastModel
from corridor.forecasting.forecasts import DEFAULT_COVERAGE, check_request
from corridor.forecasting.models import MAX_HORIZON
from corridor.forecasting.routes import route_model_for
from corridor.forecasting.scenarios import ScenarioRequest, scenario_problems
from corridor.forecasting.selectors import route_series_visible_to
from corridor.forecasting.services import (
    checked_forecast_request,
    no_counts,
    run_closure_scenario,
    run_forecast,
)

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.jobs.models import Job
    from corridor.jobs.services import Progress

FORECAST_JOB = "forecasting.forecast"
SCENARIO_JOB = "forecasting.scenario"


def _signed_in(reader: Reader, what: str) -> None:
    if reader is None or not reader.is_authenticated:
        raise PermissionDenied(f"sign in to run {what}: runs are recorded under your name")


def forecast_job_params(
    *,
    reader: Reader,
    place: str,
    horizon: int = MAX_HORIZON,
    model: str = ForecastModel.TRANSIT,
    coverage: float = DEFAULT_COVERAGE,
    origin: date | None = None,
    route: str | None = None,
) -> dict[str, Any]:
    """What a forecast job needs (JSON-ready), checked now so a bad request fails before it is queued."""
    _signed_in(reader, "forecasts")
    model_of_route = route_model_for(reader, route)
    checked = checked_forecast_request(
        place=place, horizon=horizon, model=model, coverage=coverage, route=model_of_route
    )
    visible = route_series_visible_to(reader, model_of_route)
    if visible is None:
        raise ValidationFailed({"place": [no_counts(model_of_route, "forecast from")]})
    problems = check_request(
        visible.series, place=checked["place"], horizon=horizon, coverage=coverage, origin=origin
    )
    if problems:
        raise ValidationFailed(problems)
    return {**checked, "origin": origin.isoformat() if origin else None}


def scenario_job_params(
    *, reader: Reader, request: ScenarioRequest, route: str | None = None
) -> dict[str, Any]:
    """What a scenario job needs (JSON-ready), checked now so a bad request fails before it is queued."""
    _signed_in(reader, "scenarios")
    model_of_route = route_model_for(reader, route)
    visible = route_series_visible_to(reader, model_of_route)
    problems = scenario_problems(visible.series if visible else None, request, model_of_route)
    if problems:
        raise ValidationFailed(problems)
    return {
        "route": model_of_route.slug,
        "close": request.close,
        "start": request.start.isoformat(),
        "days": request.days,
        "agents": request.agents,
        "seed": request.seed,
    }


def run_forecast_job(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    run = run_forecast(
        reader=job.submitted_by,
        place=params["place"],
        horizon=params["horizon"],
        model=params["model"],
        coverage=params["coverage"],
        origin=date.fromisoformat(params["origin"]) if params.get("origin") else None,
        route=params.get("route"),
        job=job,
        progress=progress,
    )
    return {"run": str(run.uid), "place": run.places[0], "data_cutoff": str(run.data_cutoff)}


def run_scenario_job(job: Job, progress: Progress) -> dict[str, Any]:
    params = job.params
    request = ScenarioRequest(
        close=params["close"],
        start=date.fromisoformat(params["start"]),
        days=params["days"],
        agents=params["agents"],
        seed=params["seed"],
    )
    run = run_closure_scenario(
        reader=job.submitted_by, request=request, route=params.get("route"), job=job, progress=progress
    )
    return {"run": str(run.uid), "close": request.close, "diverted_total": run.result["diverted_total"]}
