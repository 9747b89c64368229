"""The forecasting endpoints, for every kind of caller: runs (own, organisation's, analysts all), forecast
and scenario requests as jobs, the BRC evaluation, alerts and the closures a scenario may choose."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from corridor.accounts.models import User
from corridor.forecasting.models import ForecastRun
from tests.api_fixtures import READERS
from tests.forecasting.flows import load_route_flows

HASH = "0" * 64
# Which of the runs in `runs` each caller sees (accounts.access.runs): a run that read only public counts
# is readable by anyone, as the counts are; one that read a restricted count by its requester and by
# readers cleared to restricted across organisations.
PUBLIC_RUNS = {"skopje", "serbia", "platform"}
SEES = {
    "anonymous": PUBLIC_RUNS,
    "skopje-viewer": PUBLIC_RUNS,
    "skopje-editor": PUBLIC_RUNS,
    "skopje-focal-point": PUBLIC_RUNS | {"restricted"},
    "skopje-admin": PUBLIC_RUNS,
    "vienna-analyst": PUBLIC_RUNS | {"restricted"},
    "serbia-editor": PUBLIC_RUNS,
    "unhcr-partner": PUBLIC_RUNS,
    "superuser": PUBLIC_RUNS | {"restricted"},
}


def _run(name: str, requester: User | None, owner, classification: str = "public") -> ForecastRun:  # type: ignore[no-untyped-def]
    return ForecastRun.objects.create(
        uid=uuid.uuid4(),
        kind="forecast",
        model="transit",
        parameters={"name": name},
        data_cutoff=date(2016, 4, 17),
        places=["fyrom"],
        horizon=2,
        requested_by=requester,
        owner=owner,
        input_hash=HASH,
        content_classification=classification,
        result={"forecast": [1.0, 2.0]},
    )


@pytest.fixture
def runs(client_for, skopje, serbia) -> dict[str, ForecastRun]:  # type: ignore[no-untyped-def]
    """A run by a Skopje editor, one by a Serbia editor, one by the Skopje focal point that read a restricted
    count, and a platform run nobody requested."""
    for name in ("skopje-editor", "serbia-editor", "skopje-focal-point"):
        client_for(name)
    return {
        "skopje": _run("skopje", User.objects.get(username="skopje-editor"), skopje),
        "serbia": _run("serbia", User.objects.get(username="serbia-editor"), serbia),
        "restricted": _run(
            "restricted", User.objects.get(username="skopje-focal-point"), skopje, "restricted"
        ),
        "platform": _run("platform", None, None),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_each_caller_lists_exactly_the_runs_they_may_see(caller, client_for, runs) -> None:  # type: ignore[no-untyped-def]
    response = client_for(caller).get("/api/v1/forecasting/runs?limit=1000")

    assert response.status_code == 200, response.content
    listed = {item["parameters"]["name"] for item in response.json()["items"]}
    assert listed == SEES[caller]


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
@pytest.mark.parametrize("name", ["skopje", "serbia", "restricted", "platform"])
def test_a_run_the_caller_may_not_see_answers_404(caller, name, client_for, runs) -> None:  # type: ignore[no-untyped-def]
    response = client_for(caller).get(f"/api/v1/forecasting/runs/{runs[name].uid}")

    assert response.status_code == (200 if name in SEES[caller] else 404)
    if response.status_code == 200:
        body = response.json()
        assert body["result"] == {"forecast": [1.0, 2.0]} and body["input_hash"] == HASH
    else:
        assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_a_run_names_its_requester_owner_and_content_level(client_for, runs) -> None:  # type: ignore[no-untyped-def]
    body = client_for("vienna-analyst").get(f"/api/v1/forecasting/runs/{runs['restricted'].uid}").json()

    assert (body["requested_by"], body["owner"], body["content_classification"]) == (
        "a member of Mission to Skopje",
        "osce-mission-to-skopje",
        "restricted",
    )
    assert (body["kind"], body["model"], body["data_cutoff"], body["places"], body["horizon"]) == (
        "forecast",
        "transit",
        "2016-04-17",
        ["fyrom"],
        2,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_every_signed_in_caller_may_request_a_forecast_and_follow_its_job(  # type: ignore[no-untyped-def]
    caller, client_for, django_capture_on_commit_callbacks
) -> None:
    load_route_flows()
    client = client_for(caller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/forecasting/forecasts", {"place": "mk", "horizon": 3}, content_type="application/json"
        )

    if caller == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["status"] == "queued" and job["kind"] == "forecasting.forecast" and job["run"] is None
    done = client.get(f"/api/v1/forecasting/jobs/{job['uid']}").json()
    assert done["status"] == "succeeded" and done["progress"] == 1.0
    assert done["run"]["places"] == ["fyrom"] and len(done["run"]["result"]["forecast"]) == 3
    assert done["run"]["job"] == job["uid"]
    assert done["run"]["requested_by"] == ("root" if caller == "superuser" else caller)


@pytest.mark.django_db
def test_a_job_is_seen_by_its_submitter_only(  # type: ignore[no-untyped-def]
    client_for, django_capture_on_commit_callbacks
) -> None:
    load_route_flows()
    with django_capture_on_commit_callbacks(execute=True):
        job = (
            client_for("skopje-editor")
            .post(
                "/api/v1/forecasting/forecasts",
                {"place": "rs", "horizon": 1},
                content_type="application/json",
            )
            .json()
        )

    statuses = {
        caller: client_for(caller).get(f"/api/v1/forecasting/jobs/{job['uid']}").status_code
        for caller in ("skopje-editor", "skopje-viewer", "serbia-editor", "unhcr-partner", "anonymous")
    }

    assert statuses == {
        "skopje-editor": 200,
        "skopje-viewer": 404,
        "serbia-editor": 404,
        "unhcr-partner": 404,
        "anonymous": 404,
    }


@pytest.mark.django_db
def test_a_bad_forecast_request_is_refused_at_each_field_before_any_job(client_for) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    response = client_for("skopje-editor").post(
        "/api/v1/forecasting/forecasts",
        {"place": "vienna", "horizon": 15, "model": "oracle", "coverage": 0.2},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert {tuple(d["loc"]) for d in response.json()["detail"]} == {
        ("body", "place"),
        ("body", "horizon"),
        ("body", "model"),
        ("body", "coverage"),
    }
    assert not ForecastRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_a_closure_scenario_at_north_macedonia_serbia_diverts_flows(  # type: ignore[no-untyped-def]
    caller, client_for, django_capture_on_commit_callbacks
) -> None:
    load_route_flows()
    client = client_for(caller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/forecasting/scenarios",
            {"close": "mk-rs", "start": "2016-03-09", "days": 28},
            content_type="application/json",
        )

    if caller == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 202
    run = client.get(f"/api/v1/forecasting/jobs/{response.json()['uid']}").json()["run"]
    change = {row["place"]: row["change"] for row in run["result"]["places"]}
    assert change["tirana"] > 10_000 and change["presevo"] < -20_000
    assert run["result"]["diverted_total"] > 10_000 and run["kind"] == "scenario"


@pytest.mark.django_db
def test_a_bad_scenario_is_refused_with_the_path_of_each_field(client_for) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    response = client_for("skopje-editor").post(
        "/api/v1/forecasting/scenarios",
        {"close": "mk-gr-rs", "start": "2017-01-01", "days": 0},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert {tuple(d["loc"]) for d in response.json()["detail"]} == {
        ("body", "close"),
        ("body", "start"),
        ("body", "days"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_the_brc_evaluation_is_the_table_of_the_docs_for_everyone(caller, client_for) -> None:  # type: ignore[no-untyped-def]
    from corridor.forecasting.services import brc_error_table

    response = client_for(caller).get("/api/v1/forecasting/evaluation/brc")

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(brc_error_table().to_dict()))
    assert len(response.json()["rows"]) == 30


@pytest.mark.django_db
@pytest.mark.parametrize("caller", list(READERS))
def test_alerts_answer_every_caller_on_the_series_they_may_see(caller, client_for) -> None:  # type: ignore[no-untyped-def]
    load_route_flows()

    response = client_for(caller).get("/api/v1/forecasting/alerts?start=2016-02-15&end=2016-02-25")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["start"], body["end"], body["horizon"]) == ("2016-02-15", "2016-02-25", 1)
    assert any(a["day"] == "2016-02-19" and a["place"] == "austria" for a in body["alerts"])


@pytest.mark.django_db
def test_alerts_without_visible_counts_are_refused_not_empty(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("anonymous").get("/api/v1/forecasting/alerts")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "start"]


@pytest.mark.django_db
def test_the_closures_list_borders_first(client_for) -> None:  # type: ignore[no-untyped-def]
    closures = client_for("anonymous").get("/api/v1/forecasting/closures").json()

    assert closures[2] == {
        "key": "mk-rs",
        "label": "MK–RS border: Tabanovce → Preševo",
        "links": ["tabanovce -> presevo"],
    }
    assert closures[-1]["key"] == "sarajevo>slavonski-brod"


@pytest.mark.django_db
def test_a_bigger_page_of_runs_costs_no_more_queries(client_for, runs) -> None:  # type: ignore[no-untyped-def]
    client = client_for("vienna-analyst")
    client.get("/api/v1/forecasting/runs?limit=1")

    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/forecasting/runs?limit=2")
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/forecasting/runs?limit=4")

    assert len(small) == len(large) <= 6


@pytest.mark.django_db
def test_runs_page_by_keyset_without_skipping_or_repeating(client_for, runs) -> None:  # type: ignore[no-untyped-def]
    client = client_for("superuser")
    first = client.get("/api/v1/forecasting/runs?limit=3").json()
    second = client.get(f"/api/v1/forecasting/runs?limit=3&cursor={first['next']}").json()

    names = [item["parameters"]["name"] for item in first["items"] + second["items"]]
    assert names == ["skopje", "serbia", "restricted", "platform"] and second["next"] is None
    assert client.get("/api/v1/forecasting/runs?kind=scenario").json()["items"] == []
