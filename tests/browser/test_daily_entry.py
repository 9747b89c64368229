"""Recording a site's day on a phone: few interactions, errors seen at once, long menus searchable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("CORRIDOR_SCREENSHOTS", "")


def _screenshot(page: Page, name: str) -> None:
    """For docs/web.md: `make screenshots` sets CORRIDOR_SCREENSHOTS to the folder they go in."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


class Counted:
    """The page's interactions as a person makes them: each choice, each number typed, each tap."""

    def __init__(self, page: Page) -> None:
        self.page, self.count = page, 0

    def fill(self, selector: str, value: str) -> None:
        self.count += 1
        self.page.fill(selector, value)

    def choose(self, label: str, typed: str, option: str) -> None:
        self.count += 2  # type a few letters, tap the match
        box = self.page.get_by_role("combobox", name=label)
        box.fill(typed)
        self.page.get_by_role("option", name=option, exact=True).click()

    def tap(self, name: str) -> None:
        self.count += 1
        self.page.get_by_role("button", name=name).click()


def test_four_metrics_by_sex_at_one_site_in_one_submit_within_twenty_interactions(visit_as) -> None:  # type: ignore[no-untyped-def]
    focal = visit_as("skopje.focal", **PHONE)
    focal.goto("/counts/new/")
    person = Counted(focal)

    person.choose("Site", "gevg", "Gevgelija")
    person.fill("#id_date", "2014-02-02")
    person.choose("Source of the figures", "maced pol", "Macedonian police")
    for metric, (female, male) in {
        "arrivals": (410, 590),
        "departures": (300, 500),
        "transits": (100, 90),
        "present": (20, 25),
    }.items():
        person.fill(f"#id_{metric}", str(female + male))
        person.fill(f"#id_{metric}_female", str(female))
        person.fill(f"#id_{metric}_male", str(male))
    _screenshot(focal, "tally-phone")
    person.tap("Save the day")

    expect(focal.locator(".messages")).to_contain_text("Saved for Gevgelija")
    expect(focal.locator(".messages")).to_contain_text("Present (stock at a date) (male): 25")
    saved = focal.request.get(
        "/api/v1/observations?place=gevgelija&start=2014-02-02&end=2014-02-02&limit=100"
    )
    figures = {(item["metric"], item["breakdown"]["sex"], item["value"]) for item in saved.json()["items"]}
    assert ("arrivals", "female", 410) in figures and ("present", "male", 25) in figures
    assert len(figures) == 12
    assert person.count <= 20
    # The next sheet keeps the site, the day and the source.
    expect(focal.get_by_role("combobox", name="Site")).to_have_value("Gevgelija")
    expect(focal.locator("#id_date")).to_have_value("2014-02-02")
    expect(focal.get_by_role("combobox", name="Source of the figures")).to_have_value("Macedonian police")


def test_a_failed_save_shows_its_problems_first_focused_and_linked_to_their_fields(visit_as) -> None:  # type: ignore[no-untyped-def]
    focal = visit_as("skopje.focal", **PHONE)
    focal.goto("/counts/new/?place=tabanovce")
    focal.fill("#id_date", "2014-02-03")
    focal.fill("#id_present", "10")
    focal.fill("#id_present_female", "30")
    focal.get_by_role("button", name="Save the day").click()

    summary = focal.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("There is a problem: nothing was saved")
    expect(summary).to_contain_text("by sex add up to 30, more than the total of 10")
    assert focal.title().startswith("Error:")
    _screenshot(focal, "tally-error-phone")
    summary.get_by_role("link", name="add up to 30").click()
    expect(focal.locator("#id_present_female")).to_be_in_viewport()
    expect(focal.locator("#id_present_female")).to_have_value("30")


def test_a_long_menu_finds_a_place_typed_without_its_marks(visit_as) -> None:  # type: ignore[no-untyped-def]
    focal = visit_as("skopje.focal", **PHONE)
    focal.goto("/visits/new/")

    places = focal.get_by_role("combobox", name="Places")
    places.fill("presevo")
    focal.get_by_role("option", name="Preševo", exact=False).first.click()
    places.press("Escape")

    expect(focal.get_by_role("button", name="Remove Preševo", exact=False)).to_be_visible()
    assert focal.locator("#id_places option:checked").count() == 1
