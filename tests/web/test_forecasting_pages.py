"""Forecast charts on place pages and the dashboard, the alerts panel, and the scenario page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from corridor.forecasting.models import ForecastRun
from corridor.forecasting.scenarios import ScenarioRequest
from corridor.forecasting.services import run_closure_scenario
from tests.forecasting.flows import load_route_flows

pytestmark = pytest.mark.django_db


@pytest.fixture
def flows() -> int:
    return load_route_flows()


@pytest.fixture
def focal_client(skopje_focal_point) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)
    return client


def chart_svg(page: str, element_id: str) -> str:
    """The inline SVG figure drawn in the chart's element (corridor.web.charts)."""
    found = re.search(rf'<div id="{element_id}" class="chart[^"]*">(<svg .*?</svg>)', page, re.S)
    assert found, f"no figure in #{element_id}"
    return found.group(1)


def test_a_route_countrys_page_shows_its_forecast_with_intervals(flows) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/places/mk/")
    page = response.content.decode()

    assert 'id="forecast-heading">Forecast: Arrivals in North Macedonia' in page
    data = response.context["forecast"]
    assert data["origin"] == "2016-04-17" and len(data["days"]) == 14 and data["coverage"] == 0.9
    assert all(
        low <= point <= high
        for low, point, high in zip(data["lower"], data["forecast"], data["upper"], strict=True)
    )
    assert data["history_days"][-1] == "2016-04-17" and data["backtest_days"]
    assert "<td>18 April 2016</td>" in page  # the table beside the chart, days with their precision
    # Drawn on the server: the observed line, the forecast, both intervals, the origin; no chart script.
    svg = chart_svg(page, "forecast-chart")
    assert '<title id="forecast-title">Forecast: Arrivals in North Macedonia</title>' in svg
    assert svg.count('<g class="band"><title>90 % interval') == 2 and "arrivals per day</text>" in svg
    assert (
        '<g class="series"><title>observed</title>' in svg
        and '<g class="series"><title>forecast</title>' in svg
    )
    assert '<g class="mark"><title>Forecast from 17 April 2016</title>' in svg
    assert "plotly" not in page and "charts.js" not in page


def test_the_forecast_names_the_country_as_the_chosen_convention_does(flows) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.post("/names/", {"audience": "osce_official", "next": "/"})

    page = client.get("/places/mk/").content.decode()

    assert "Forecast: Arrivals in the former Yugoslav Republic of Macedonia" in page


def test_a_place_the_engine_does_not_cover_has_no_forecast(flows) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/places/gevgelija/").content.decode()

    assert "forecast-heading" not in page


def test_without_visible_counts_a_place_page_has_no_forecast_and_the_dashboard_says_so() -> None:
    assert "forecast-heading" not in Client().get("/places/mk/").content.decode()
    dashboard = Client().get("/").content.decode()
    assert "No UNHCR daily counts on the route to monitor." in dashboard
    assert "forecast-small-chart" not in dashboard


def test_the_dashboard_lists_recent_alerts_with_the_policy_change_nearby_and_a_small_forecast(  # type: ignore[no-untyped-def]
    flows, make_event, cpc
) -> None:
    make_event(
        cpc,
        kind="border_policy_change",
        title="Route closed to most",
        date_start=date(2016, 3, 8),
        date_end=date(2016, 3, 9),
        date_precision="range",
    )

    response = Client().get("/")
    page = response.content.decode()

    assert 'id="alerts-heading">Forecast alerts' in page
    assert "Days from 19 February 2016 to 18 April 2016" in page
    rows = re.findall(r"<tr><td>(\d+ \w+ 2016)</td>", page)
    assert rows[0] == "8 April 2016" and len(rows) == 12  # the latest first
    assert re.search(r"14 March 2016</td><td><a href=\"/places/at/\">Arrivals in Austria</a>", page)
    assert 'Route closed to most <span class="muted">(8–9 March 2016)</span>' in page
    svg = chart_svg(page, "forecast-small-chart")
    assert "<title>forecast</title>" in svg and svg.count('class="band"') == 2
    small = response.context["forecasting"]["chart"]
    assert small["place"] == "fyrom" and len(small["forecast"]) == 14


def test_the_scenario_page_asks_visitors_to_sign_in_and_the_nav_shows_it_after_reports(focal_client) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/scenarios/").status_code == 302

    page = focal_client.get("/scenarios/").content.decode()

    nav = page.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    assert nav.index(">Reports<") < nav.index(">Scenarios<")
    assert '<option value="mk-rs">MK–RS border: Tabanovce → Preševo</option>' in page
    assert '<option value="gr-mk" selected>' in page  # the route's first border
    assert '<label for="id_start">From' in page and '<label for="id_days">For (days)' in page


def test_closing_north_macedonia_serbia_shows_flows_diverted_on_the_map_and_in_numbers(  # type: ignore[no-untyped-def]
    flows, focal_client
) -> None:
    response = focal_client.post("/scenarios/", {"close": "mk-rs", "start": "2016-03-09", "days": "28"})

    assert response.status_code == 302
    page = focal_client.get(response["Location"]).content.decode()
    run = ForecastRun.objects.get(kind="scenario")
    change = {row["place"]: row["change"] for row in run.result["places"]}
    # On the map: circles at the places on the Albanian path, labelled with what they gain, in the colour
    # of a gain; the countries that receive diverted people shaded; the crossings that lose, labelled −.
    svg = page.split('<svg class="map"', 1)[1].split("</svg>", 1)[0]
    for place, label in (("kapshtice", "Kapshticë"), ("tirana", "Tirana"), ("podgorica", "Podgorica")):
        assert f">{label} +{change[place]:,.0f}</text>" in svg
    assert re.search(
        r'<circle class="site gain"[^>]*><title>Tirana: [\d,]+ arrivals with the closure, 0 without', svg
    )
    assert re.search(r'<path class="country route" d="[^"]*"><title>Albania</title>', svg)
    assert (
        f">Preševo −{-change['presevo']:,.0f}</text>" in svg
        or f">Preševo {change['presevo']:,.0f}</text>" in svg
    )
    # In numbers: the people diverted, the alternative link, and the daily table with and without.
    assert (
        f"<strong>{run.result['diverted_total']:,.0f}</strong> people set off on an alternative path" in page
    )
    assert 'Idomeni → Kapshticë <span class="muted">(alternative path)</span>' in page
    assert '<th scope="row">9 March 2016</th>' in page and '<th scope="row">5 April 2016</th>' in page
    assert run.result["diverted_total"] > 10_000 and change["tirana"] > 10_000
    daily = chart_svg(page, "scenario-chart")
    for label in ("Preševo", "Tabanovce"):
        assert f"<title>{label} (closure)</title>" in daily and f"<title>{label} (without)</title>" in daily
    assert 'stroke-dasharray="2 3"' in daily  # without the closure: dotted
    totals = chart_svg(page, "scenario-totals")
    assert f'<g class="bar"><title>Tirana: +{change["tirana"]:,.0f}</title>' in totals
    assert "change in arrivals</text>" in totals


def test_a_refused_scenario_shows_the_reason_at_the_field(flows, focal_client) -> None:  # type: ignore[no-untyped-def]
    page = focal_client.post(
        "/scenarios/", {"close": "mk-rs", "start": "2016-06-01", "days": "28"}
    ).content.decode()

    start_field = page.split('<label for="id_start">', 1)[1].split('<label for="id_days">', 1)[0]
    assert "2016-06-01 is outside" in start_field and 'class="errorlist"' in start_field
    assert not ForecastRun.objects.exists()
    page = focal_client.post(
        "/scenarios/", {"close": "atlantis", "start": "2016-03-09", "days": "0"}
    ).content.decode()
    assert "Select a valid choice" in page and "greater than or equal to 1" in page


def test_an_agent_scenario_runs_as_a_job_whose_page_opens_the_result(  # type: ignore[no-untyped-def]
    flows, focal_client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = focal_client.post(
            "/scenarios/", {"close": "gr-mk", "start": "2016-03-09", "days": "7", "agents": "on"}
        )

    assert re.fullmatch(r"/scenarios/jobs/[0-9a-f-]+/", response["Location"])
    run = ForecastRun.objects.get(kind="scenario")
    assert run.model == "agents" and run.job is not None
    assert focal_client.get(response["Location"])["Location"] == f"/scenarios/{run.uid}/"
    polled = focal_client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert (polled.status_code, polled["HX-Redirect"]) == (204, f"/scenarios/{run.uid}/")


def test_a_queued_scenario_shows_its_progress_through_the_job_status_partial(flows, focal_client) -> None:  # type: ignore[no-untyped-def]
    response = focal_client.post(
        "/scenarios/", {"close": "gr-mk", "start": "2016-03-09", "days": "7", "agents": "on"}
    )

    page = focal_client.get(response["Location"]).content.decode()

    assert 'id="job-status"' in page and "Queued" in page and 'hx-trigger="every 2s"' in page
    assert focal_client.get(response["Location"], HTTP_HX_REQUEST="true").status_code == 204


def test_a_shared_scenario_link_opens_for_whoever_may_read_what_it_read(  # type: ignore[no-untyped-def]
    flows, skopje_focal_point, outsider
) -> None:
    run = run_closure_scenario(
        reader=skopje_focal_point, request=ScenarioRequest("mk-rs", date(2016, 3, 9), 5)
    )
    partner = Client()
    partner.force_login(outsider)
    mine = Client()
    mine.force_login(skopje_focal_point)

    assert run.content_classification == "public"
    assert partner.get(f"/scenarios/{run.uid}/").status_code == 200
    assert mine.get(f"/scenarios/{run.uid}/").status_code == 200
    assert "/scenarios/" + str(run.uid) in mine.get("/scenarios/").content.decode()


def test_a_scenario_that_read_internal_counts_is_not_found_by_a_partner(  # type: ignore[no-untyped-def]
    flows, skopje, skopje_focal_point, outsider
) -> None:
    from corridor.monitoring.models import FlowObservation

    FlowObservation.objects.filter(place__slug="mk").update(classification="internal", owner=skopje)
    run = run_closure_scenario(
        reader=skopje_focal_point, request=ScenarioRequest("mk-rs", date(2016, 3, 9), 5)
    )
    partner = Client()
    partner.force_login(outsider)

    assert run.content_classification == "internal"
    assert partner.get(f"/scenarios/{run.uid}/").status_code == 404
    assert str(run.uid) not in partner.get("/scenarios/").content.decode()
