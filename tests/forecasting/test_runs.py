"""Recorded runs: forecasts and scenarios read through the funnel, are stored with what they read, run as
jobs, and are shown only to those who may see them."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.accounts.choices import Role
from corridor.core.exceptions import PermissionDenied, ValidationFailed
from corridor.forecasting.engine import route_counts, transit_model
from corridor.forecasting.forecasts import compute_forecast
from corridor.forecasting.jobs import FORECAST_JOB, SCENARIO_JOB, forecast_job_params, scenario_job_params
from corridor.forecasting.models import ForecastRun
from corridor.forecasting.scenarios import ScenarioRequest
from corridor.forecasting.selectors import forecast_runs_visible_to, get_forecast_run_for_user
from corridor.forecasting.services import owner_for, run_closure_scenario, run_forecast
from corridor.jobs.models import Job
from corridor.jobs.services import submit_job
from corridor.monitoring.models import FlowObservation
from tests.forecasting.flows import load_route_flows
from tests.forecasting.test_series_from_records import observe

pytestmark = pytest.mark.django_db


@pytest.fixture
def flows() -> int:
    return load_route_flows()


def test_a_forecast_run_records_model_parameters_cutoff_place_horizon_requester_owner_hash_and_result(  # type: ignore[no-untyped-def]
    flows, skopje_focal_point, skopje
) -> None:
    run = run_forecast(reader=skopje_focal_point, place="mk", horizon=5)

    stored = ForecastRun.objects.get(uid=run.uid)
    assert (stored.kind, stored.model, stored.horizon, stored.places) == ("forecast", "transit", 5, ["fyrom"])
    assert stored.data_cutoff == date(2016, 4, 17)  # Greek counts end on the 17th: the last day with inputs
    assert stored.parameters["windows"] == [21, 28, 42, 56] and stored.parameters["coverage"] == 0.9
    assert (stored.requested_by, stored.owner, stored.content_classification) == (
        skopje_focal_point,
        skopje,
        "public",
    )
    assert len(stored.input_hash) == 64
    assert stored.result["origin"] == "2016-04-17" and len(stored.result["forecast"]) == 5
    assert all(
        low <= point <= high
        for low, point, high in zip(
            stored.result["lower"], stored.result["forecast"], stored.result["upper"], strict=True
        )
    )


def test_a_forecast_from_the_records_equals_the_engine_on_the_shipped_series() -> None:
    load_route_flows(first=date(2015, 10, 1))

    run = run_forecast(reader=None, place="serbia", origin=date(2016, 1, 10), horizon=3)

    shipped = transit_model().predict(route_counts().until(date(2016, 1, 10)), ["serbia"], [1, 2, 3])
    assert run.result["forecast"] == [round(float(v), 1) for v in shipped.values[:, 0]]


def test_a_forecast_reads_nothing_after_its_origin(flows, cpc) -> None:  # type: ignore[no-untyped-def]
    first = run_forecast(reader=None, place="croatia", origin=date(2016, 1, 10), horizon=3)
    FlowObservation.objects.filter(date_start__gt=date(2016, 1, 10)).update(value=0)
    observe("hr", date(2016, 4, 30), 99999, owner=cpc)

    again = run_forecast(reader=None, place="croatia", origin=date(2016, 1, 10), horizon=3)

    assert again.result == first.result
    assert again.input_hash == first.input_hash
    assert again.data_cutoff == date(2016, 1, 10)


def test_a_forecast_of_a_place_the_engine_does_not_cover_names_the_places_it_does(flows) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        run_forecast(reader=None, place="gevgelija", horizon=20, model="prophet", coverage=1.5)

    assert set(refused.value.errors) == {"place", "horizon", "model", "coverage"}
    assert "fyrom" in refused.value.errors["place"][0] and "mk" in refused.value.errors["place"][0]


def test_a_reader_who_sees_no_counts_gets_a_refusal_not_a_forecast() -> None:
    with pytest.raises(ValidationFailed, match="no daily counts on Western Balkans route"):
        run_forecast(reader=None, place="serbia")


def test_persistence_forecasts_the_last_reported_day(flows) -> None:  # type: ignore[no-untyped-def]
    run = run_forecast(reader=None, place="austria", origin=date(2016, 1, 10), horizon=2, model="persistence")

    assert (
        run.result["forecast"]
        == [float(route_counts().column("austria")[route_counts().date_index(date(2016, 1, 10))])] * 2
    )
    assert run.model == "persistence"


def test_a_forecast_made_from_the_records_is_the_one_the_page_code_computes(flows) -> None:  # type: ignore[no-untyped-def]
    run = run_forecast(reader=None, place="slovenia", horizon=4)

    direct = compute_forecast(route_counts().until(date(2016, 4, 18)), place="slovenia", horizon=4)
    assert run.result["forecast"] == direct.forecast and run.result["upper"] == direct.upper


def test_closing_north_macedonia_to_serbia_diverts_flows_towards_albania_montenegro_and_bosnia(  # type: ignore[no-untyped-def]
    flows, vienna_analyst
) -> None:
    run = run_closure_scenario(reader=vienna_analyst, request=ScenarioRequest("mk-rs", date(2016, 3, 9), 28))

    change = {row["place"]: row["change"] for row in run.result["places"]}
    assert change["kapshtice"] > 10_000 and change["tirana"] > 10_000 and change["podgorica"] > 5_000
    assert change["sarajevo"] > 0
    assert change["presevo"] < -20_000 and change["gevgelija"] < -15_000
    assert run.result["diverted_total"] > 10_000
    assert run.result["closure"]["links"] == ["tabanovce -> presevo"]
    assert (run.kind, run.model, run.data_cutoff) == ("scenario", "flow", date(2016, 4, 5))
    assert len(run.result["dates"]) == 28 and len(run.result["scenario"]["tirana"]) == 28


def test_the_agent_mode_counts_whole_people(flows) -> None:  # type: ignore[no-untyped-def]
    run = run_closure_scenario(
        reader=None, request=ScenarioRequest("gr-mk", date(2016, 3, 9), 10, agents=True, seed=1)
    )

    assert run.model == "agents"
    assert all(float(v).is_integer() for values in run.result["scenario"].values() for v in values)
    assert {row["place"]: row["change"] for row in run.result["places"]}["kapshtice"] > 0


def test_a_scenario_outside_the_data_or_on_an_unknown_border_is_refused_by_field(flows) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as refused:
        run_closure_scenario(reader=None, request=ScenarioRequest("mk-xk", date(2016, 6, 1), 500))

    assert set(refused.value.errors) == {"close", "start", "days"}
    assert "mk-rs" in refused.value.errors["close"][0]


def test_a_forecast_job_runs_as_its_submitter_and_links_its_run(  # type: ignore[no-untyped-def]
    flows, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:
    params = forecast_job_params(reader=skopje_focal_point, place="rs", horizon=3)

    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind=FORECAST_JOB, params=params, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    run = ForecastRun.objects.get(uid=job.result["run"])
    assert (job.status, job.progress) == ("succeeded", 1.0)
    assert run.job == job and run.requested_by == skopje_focal_point and run.places == ["serbia"]


def test_a_scenario_job_runs_and_links_its_run(  # type: ignore[no-untyped-def]
    flows, skopje_focal_point, django_capture_on_commit_callbacks
) -> None:
    request = ScenarioRequest("mk-rs", date(2016, 3, 9), 5)
    params = scenario_job_params(reader=skopje_focal_point, request=request)

    with django_capture_on_commit_callbacks(execute=True):
        job = submit_job(kind=SCENARIO_JOB, params=params, submitted_by=skopje_focal_point)

    job.refresh_from_db()
    assert job.status == "succeeded"
    assert ForecastRun.objects.get(uid=job.result["run"]).job == job


def test_no_job_is_queued_for_an_anonymous_reader_or_a_bad_request(flows, outsider) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        forecast_job_params(reader=AnonymousUser(), place="rs")
    with pytest.raises(ValidationFailed, match="outside the data you can see"):
        forecast_job_params(reader=outsider, place="rs", origin=date(2017, 1, 1))
    with pytest.raises(ValidationFailed, match="neither a border"):
        scenario_job_params(reader=outsider, request=ScenarioRequest("nowhere", date(2016, 3, 9)))
    assert not Job.objects.exists()


def test_a_run_of_public_counts_is_seen_by_whoever_may_read_them(  # type: ignore[no-untyped-def]
    flows, make_user, skopje, serbia, cpc, skopje_focal_point, vienna_analyst, outsider
) -> None:
    run = run_forecast(reader=skopje_focal_point, place="mk", horizon=2)
    colleague = make_user("skopje.viewer", skopje, Role.VIEWER)
    belgrade = make_user("serbia.ed", serbia, Role.EDITOR)

    seen = {
        user.username if user else None: forecast_runs_visible_to(user).filter(pk=run.pk).exists()
        for user in (skopje_focal_point, colleague, vienna_analyst, belgrade, outsider, None)
    }

    assert seen == {
        "skopje.focal": True,
        "skopje.viewer": True,
        "vienna.analyst": True,
        "serbia.ed": True,
        "unhcr.partner": True,
        None: True,
    }
    assert owner_for(skopje_focal_point) == skopje and owner_for(None) is None


def test_a_run_that_read_a_restricted_count_is_hidden_from_those_who_may_not_read_it(  # type: ignore[no-untyped-def]
    flows, make_user, skopje, cpc, skopje_focal_point, vienna_analyst
) -> None:
    observe("mk", date(2016, 4, 19), 1234, owner=skopje, classification="restricted")
    observe("rs", date(2016, 4, 19), 1000, owner=skopje, classification="restricted")
    run = run_forecast(reader=skopje_focal_point, place="mk", horizon=2, model="persistence")
    internal_analyst = make_user("vienna.internal", cpc, Role.ANALYST, "internal")
    colleague = make_user("skopje.viewer", skopje, Role.VIEWER)

    assert run.content_classification == "restricted"
    assert run.result["forecast"] == [1234.0, 1234.0]
    assert forecast_runs_visible_to(skopje_focal_point).filter(pk=run.pk).exists()
    assert forecast_runs_visible_to(vienna_analyst).filter(pk=run.pk).exists()
    assert not forecast_runs_visible_to(internal_analyst).filter(pk=run.pk).exists()
    assert not forecast_runs_visible_to(colleague).filter(pk=run.pk).exists()


def test_a_hidden_run_is_not_found_like_a_missing_one(flows, skopje, skopje_focal_point, outsider) -> None:  # type: ignore[no-untyped-def]
    from corridor.core.exceptions import NotFound

    observe("mk", date(2016, 4, 19), 1234, owner=skopje, classification="internal")
    run = run_forecast(reader=skopje_focal_point, place="mk", horizon=1)

    assert get_forecast_run_for_user(skopje_focal_point, uid=run.uid) == run
    with pytest.raises(NotFound):
        get_forecast_run_for_user(outsider, uid=run.uid)
    with pytest.raises(NotFound):
        get_forecast_run_for_user(outsider, uid="not-a-uid")


def test_a_count_recorded_weeks_later_at_another_place_does_not_hide_a_forecast(flows, cpc) -> None:  # type: ignore[no-untyped-def]
    observe("mk", date(2016, 5, 20), 45, owner=cpc)

    serbia = run_forecast(reader=None, place="serbia", horizon=2)
    macedonia = run_forecast(reader=None, place="mk", horizon=2, model="persistence")

    assert serbia.data_cutoff == date(2016, 4, 17)  # its upstream counts end there
    assert macedonia.data_cutoff == date(2016, 5, 20) and macedonia.result["forecast"] == [45.0, 45.0]
