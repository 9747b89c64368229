"""What people do in a browser: sign in, see only what they may, record a visit, read the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("CORRIDOR_SCREENSHOTS")


def _record_visit(page, *, team: str, classification: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/visits/new/?operation=osce-mission-to-skopje")
    page.select_option("#id_places", "gevgelija")
    page.fill("#id_date", "2016-03-09")
    page.fill("#id_team", team)
    page.select_option("#id_overnight", "true")
    page.fill("#id_purpose", "Entry procedures after the closure of the route")
    page.check(f'input[name="classification"][value="{classification}"]')
    page.select_option("#id_findings-0-aspect", "humanitarian_conditions")
    page.select_option("#id_findings-0-concern", "serious")
    page.fill("#id_findings-0-text", "Thousands waiting on the Greek side at Idomeni")
    page.get_by_role("button", name="Save").click()


def test_the_skopje_focal_point_records_a_visit_that_reaches_the_timeline_and_the_operation_page(
    visit_as,
) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")

    _record_visit(page, team="PDU team 2 (browser)", classification="internal")

    expect(page.get_by_text("Visit recorded; it is on the timeline.")).to_be_visible()
    expect(page.get_by_role("cell", name="Thousands waiting on the Greek side at Idomeni")).to_be_visible()
    page.goto("/timeline/?kind=visit&from=2016-03-09&to=2016-03-09")
    expect(page.get_by_text("Mission to Skopje monitoring visit to Gevgelija").first).to_be_visible()
    page.goto("/operations/osce-mission-to-skopje/")
    expect(page.locator("#visits-heading + ul").get_by_text("9 March 2016").first).to_be_visible()


def test_each_persona_sees_only_what_they_may(visit_as) -> None:  # type: ignore[no-untyped-def]
    _record_visit(visit_as("skopje.focal"), team="PDU restricted (browser)", classification="restricted")
    url = "/visits/?operation=osce-mission-to-skopje"

    visible = {}
    for persona in ("skopje.focal", "vienna.analyst", "serbia.editor", "delegation.reader", None):
        page = visit_as(persona)
        page.goto(url)
        visible[persona] = page.get_by_text("PDU restricted (browser)").count() > 0

    assert visible == {
        "skopje.focal": True,
        "vienna.analyst": True,
        "serbia.editor": False,
        "delegation.reader": False,
        None: False,
    }


def test_a_form_shows_its_validation_errors_at_the_field(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")
    page.goto("/visits/new/?operation=osce-mission-to-skopje")
    page.select_option("#id_places", "gevgelija")
    page.fill("#id_date", "last Tuesday")

    page.get_by_role("button", name="Save").click()

    field = page.locator(".field.has-error", has=page.locator("#id_date"))
    expect(field.locator(".errorlist")).to_contain_text("is not a date Corridor reads")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#id_date")).to_have_value("last Tuesday")


def test_the_dashboard_draws_the_map_and_the_flow_chart(visit_as) -> None:  # type: ignore[no-untyped-def]
    focal = visit_as("skopje.focal")
    for day, value in (("2016-05-18", 61), ("2016-05-19", 53), ("2016-05-20", 45)):
        focal.goto("/counts/new/?place=mk")
        focal.fill("#id_date", day)
        focal.select_option("#id_source_organisation", "unhcr")
        focal.fill("#id_arrivals", str(value))
        focal.get_by_role("button", name="Save the day").click()
        expect(focal.locator(".messages")).to_contain_text(f"Arrivals: {value}")

    page = visit_as("vienna.analyst")
    page.goto("/")

    expect(page.locator("svg.map path.country").first).to_be_visible()
    assert page.locator("svg.map path.country").count() >= 10
    expect(page.get_by_role("img", name="Daily arrivals per country along the route")).to_be_visible()
    assert page.locator("#flow-chart svg g.series").count() >= 1
    expect(page.locator("#flow-chart ul.chart-legend li", has_text="North Macedonia")).to_have_count(1)
    assert page.locator("table.matrix tbody tr").count() == 6
    expect(
        page.locator("svg.map circle title", has_text="North Macedonia: 45 arrivals on 20 May 2016")
    ).to_have_count(1)

    page.fill("#map-day", "2015-11-20")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("its latest count in the week to 20 November 2015")).to_be_visible()
    expect(page.locator("svg.map circle.site:not(.quiet) title", has_text="November 2015")).to_have_count(7)
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/dashboard.png", full_page=True)
        page.goto("/operations/osce-mission-to-skopje/")
        page.screenshot(path=f"{SCREENSHOTS}/operation.png", full_page=True)
        page.goto("/places/mk/")
        page.wait_for_selector("#place-chart svg")
        page.screenshot(path=f"{SCREENSHOTS}/place.png", full_page=True)


def test_the_pages_work_from_the_keyboard_on_a_tablet(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as(None, width=820, height=1180)
    page.goto("/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.scrollWidth") <= 820
    for field in page.locator("main select, main input:not([type=hidden])").all():
        label = field.get_attribute("aria-label") or page.evaluate(
            "el => el.labels && el.labels.length ? el.labels[0].textContent : ''", field.element_handle()
        )
        assert label.strip(), field.evaluate("el => el.outerHTML")


def test_a_focal_point_s_pages_fit_a_phone_screen(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal", width=390, height=844)

    for path in ("/", "/timeline/", "/visits/", "/visits/new/", "/counts/new/", "/places/gevgelija/"):
        page.goto(path)
        # Wide tables scroll inside their panel; the page itself never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
