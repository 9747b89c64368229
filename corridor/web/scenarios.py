"""The scenario page: choose a border or link to close, a date and a duration; see the redistribution.

Expected values run at once (milliseconds); the agent mode runs as a job whose progress the page polls with
the job status partial, then opens the result. The result page draws the change in arrivals per place on
the map, charts the daily arrivals with and without the closure, and tables them.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from corridor.core.exceptions import NotFound
from corridor.forecasting.choices import RunKind
from corridor.forecasting.closures import closure_choices
from corridor.forecasting.jobs import SCENARIO_JOB, scenario_job_params
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.forecasting.scenarios import DEFAULT_DAYS, MAX_DAYS, ScenarioRequest
from corridor.forecasting.selectors import get_forecast_run_for_user, recent_runs_for
from corridor.forecasting.services import owner_for, run_closure_scenario
from corridor.jobs.choices import JobStatus
from corridor.jobs.selectors import a_worker_is_running, jobs_visible_to
from corridor.jobs.services import submit_job
from corridor.web import charts
from corridor.web.context import name_audience
from corridor.web.editing import submitted
from corridor.web.forms import DateSpanField
from corridor.web.jobs import job_context
from corridor.web.scenario_figures import scenario_map, scenario_table

HTMX_STOP_POLLING = 286  # htmx stops an `every` trigger when the answer has this status


class ScenarioForm(forms.Form):
    close = forms.ChoiceField(
        label="Close",
        help_text="A border closes every link of the route graph that crosses it.",
    )
    start = DateSpanField(
        day=True, label="From", help_text="First day of the closure: pick it or type 9.3.2016."
    )
    days = forms.IntegerField(label="For (days)", min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS)
    agents = forms.BooleanField(
        label="One agent per person",
        required=False,
        help_text="Simulates every person instead of expected values; runs as a job.",
    )

    def __init__(self, *args: Any, route: RouteModel | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = closure_choices(route) if route is not None and route.graph is not None else []
        borders = [(c.key, c.label) for c in choices if ">" not in c.key]
        links = [(c.key, c.label) for c in choices if ">" in c.key]
        self.fields["close"].choices = [("Borders", borders), ("Single links", links)]  # type: ignore[attr-defined]
        self.fields["close"].initial = borders[0][0] if borders else None


@login_required
def scenarios(request: HttpRequest) -> HttpResponse:
    """The form for a route (`?route=slug`, default: the reader's first route), and the scenarios the user
    may see."""
    slug = request.GET.get("route") or None
    try:
        route = route_model_for(request.user, slug)
    except NotFound:
        if slug:
            raise Http404("no such route") from None
        route = None
    form = ScenarioForm(request.POST or None, route=route)
    chosen = route.slug if route is not None else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        asked = ScenarioRequest(
            close=data["close"], start=data["start"].start, days=data["days"], agents=data["agents"]
        )
        if asked.agents:
            params = submitted(
                form, lambda: scenario_job_params(reader=request.user, request=asked, route=chosen)
            )
            if params is not None:
                job = submit_job(
                    kind=SCENARIO_JOB,
                    params=params,
                    submitted_by=request.user,  # type: ignore[arg-type]  # signed in: login_required
                    owner=owner_for(request.user),
                )
                return redirect("web:scenario_job", job.uid)
        else:
            run = submitted(
                form, lambda: run_closure_scenario(reader=request.user, request=asked, route=chosen)
            )
            if run is not None:
                return redirect("web:scenario", run.uid)
    runs = recent_runs_for(request.user, kind=RunKind.SCENARIO)
    return render(request, "web/scenarios.html", {"form": form, "runs": runs, "route": route})


@login_required
def scenario(request: HttpRequest, uid: UUID) -> HttpResponse:
    """One recorded scenario: map, charts and table of the redistribution."""
    try:
        run = get_forecast_run_for_user(request.user, uid=uid)
    except NotFound:
        raise Http404("no such scenario") from None
    if run.kind != RunKind.SCENARIO:
        raise Http404("no such scenario")
    result = run.result
    chart = _chart(result)
    context = {
        "run": run,
        "result": result,
        "map_svg": scenario_map(request.user, result, audience=name_audience(request)),
        "table": scenario_table(result),
        "chart": chart,
        "figures": charts.scenario_figures(chart),
    }
    return render(request, "web/scenario.html", context)


@login_required
def scenario_job(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A queued scenario's progress; once it succeeded, its result page (htmx follows HX-Redirect)."""
    job = jobs_visible_to(request.user).filter(uid=uid, kind=SCENARIO_JOB).first()
    if job is None:
        raise Http404("no such scenario job")
    running = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    if job.status == JobStatus.SUCCEEDED and job.result.get("run"):
        target = reverse("web:scenario", args=[job.result["run"]])
        if not request.htmx:  # type: ignore[attr-defined]
            return redirect(target)
        response = HttpResponse(status=204)
        response["HX-Redirect"] = target
        return response
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=204 if running else HTMX_STOP_POLLING)
    return render(request, "web/scenario_job.html", job_context(job, worker_running=a_worker_is_running()))


def _chart(result: dict[str, Any], shown: int = 6) -> dict[str, Any]:
    """Daily arrivals with and without the closure at the places it changed most."""
    changed = sorted(result["places"], key=lambda row: -abs(row["change"]))[:shown]
    return {
        "dates": result["dates"],
        "places": [
            {
                "label": row["label"],
                "baseline": result["baseline"][row["place"]],
                "scenario": result["scenario"][row["place"]],
            }
            for row in changed
            if row["change"]
        ],
        "totals": [
            {"label": row["label"], "change": row["change"]} for row in result["places"] if row["change"]
        ],
    }
