"""The OpenAPI document tells the truth: reads need no authentication, writes do; each operation lists
the errors it can answer; limits are declared; date filters are texts in the product's grammar, read as
the whole span they name."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from corridor.api.v1 import api


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return dict(api.get_openapi_schema(path_prefix="/api/v1"))


def operation(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return dict(document["paths"][path][method])


def parameter(op: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in op["parameters"] if p["name"] == name)


def test_reads_declare_authentication_optional_and_writes_required(document: dict[str, Any]) -> None:
    assert operation(document, "get", "/api/v1/events")["security"] == [{}, {"CorridorAuth": []}]
    assert operation(document, "post", "/api/v1/events")["security"] == [{"CorridorAuth": []}]


def test_each_operation_lists_the_errors_it_can_answer(document: dict[str, Any]) -> None:
    assert set(operation(document, "get", "/api/v1/events")["responses"]) == {200, 401, 422}
    assert set(operation(document, "post", "/api/v1/events")["responses"]) >= {400, 401, 403, 413, 422}
    assert set(operation(document, "patch", "/api/v1/events/{slug}")["responses"]) >= {404, 412, 428}
    error = operation(document, "post", "/api/v1/events")["responses"][422]
    assert error["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_limits_are_declared(document: dict[str, Any]) -> None:
    limit = parameter(operation(document, "get", "/api/v1/events"), "limit")["schema"]["anyOf"][0]
    event_in = document["components"]["schemas"]["EventIn"]["properties"]

    assert (limit["minimum"], limit["maximum"]) == (1, 1000)
    assert event_in["title"]["maxLength"] == 500 and event_in["title"]["minLength"] == 1
    assert event_in["places"]["maxItems"] == 500
    assert event_in["description"]["maxLength"] == 20_000


def test_date_filters_are_texts_not_dates(document: dict[str, Any]) -> None:
    start = parameter(operation(document, "get", "/api/v1/events"), "start")["schema"]["anyOf"][0]

    assert start["type"] == "string" and "format" not in start


@pytest.mark.django_db
def test_a_number_is_not_a_date_filter() -> None:
    response = Client().get("/api/v1/events?start=0")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "start"]


@pytest.mark.django_db
def test_a_month_filter_covers_the_whole_month(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    last_day = make_event(skopje, date_start=date(2015, 11, 30), date_end=date(2015, 11, 30))

    body = Client().get("/api/v1/events?start=2015-11&end=2015-11&limit=1000").json()

    slugs = {item["slug"] for item in body["items"]}
    assert last_day.slug in slugs
    for item in body["items"]:
        assert item["date"]["start"] <= "2015-11-30" and item["date"]["end"] >= "2015-11-01"


@pytest.mark.django_db
def test_a_season_filter_is_read_in_the_product_s_grammar(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    in_summer = make_event(skopje, date_start=date(2015, 7, 15), date_end=date(2015, 7, 15))

    body = Client().get("/api/v1/events?start=summer 2015&end=summer 2015&limit=1000").json()

    assert in_summer.slug in {item["slug"] for item in body["items"]}


@pytest.mark.django_db
def test_a_number_is_not_the_first_day_of_a_scenario(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("skopje-editor").post(
        "/api/v1/forecasting/scenarios", {"close": "mk-rs", "start": 0}, content_type="application/json"
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "start"]


@pytest.mark.django_db
def test_a_report_period_names_single_days(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("skopje-editor").post(
        "/api/v1/reports",
        {"kind": "regional", "start": "2015-11", "end": "2015-12-31"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "start"]
    assert "not a single day" in response.json()["detail"][0]["msg"]
