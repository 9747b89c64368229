"""In a browser: close the North Macedonia–Serbia border on the scenario page and see the flows diverted;
read a route country's forecast chart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("CORRIDOR_SCREENSHOTS")


def test_a_focal_point_closes_north_macedonia_serbia_and_sees_the_flows_diverted(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Scenarios").click()
    page.get_by_role("combobox", name="Close").select_option("mk-rs")
    page.get_by_label("From").fill("2016-03-09")
    page.get_by_label("For (days)").fill("28")
    page.get_by_role("button", name="Run the scenario").click()

    expect(page.get_by_role("heading", name="Closing MK–RS border: Tabanovce → Preševo")).to_be_visible()
    tirana = page.locator("svg.map text", has_text="Tirana +")
    expect(tirana).to_be_visible()
    expect(page.locator("svg.map circle.site.gain").first).to_be_visible()
    expect(page.locator(".diverted-total strong")).to_have_text("13,378")
    expect(page.get_by_role("img", name="Daily arrivals with and without the closure")).to_be_visible()
    expect(page.locator("#scenario-totals svg g.bar", has_text="Tirana: +")).to_have_count(1)
    table = page.get_by_role("region", name="Table of arrivals per place per day (scrolls sideways)")
    table.focus()
    expect(table).to_be_focused()
    expect(table.get_by_role("columnheader", name="Kapshticë")).to_be_visible()
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/scenario.png", full_page=True)


def test_a_route_countrys_page_draws_its_forecast_with_the_interval(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as()

    page.goto("/places/rs/")

    expect(page.get_by_role("heading", name="Forecast: Arrivals in Serbia")).to_be_visible()
    expect(page.get_by_role("img", name="Forecast: Arrivals in Serbia")).to_be_visible()
    expect(page.locator("#forecast-chart svg g.band")).to_have_count(2)
    page.get_by_text("The forecast in numbers").click()
    expect(page.locator("table.forecast-table tbody tr")).to_have_count(14)
