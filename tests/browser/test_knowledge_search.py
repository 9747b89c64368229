"""The header's search box from any page, and a basis confirmed in place (htmx) on the activity page."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_visitor_searches_from_the_header_and_finds_the_preševo_records(
    visit_as: Callable[..., Page],
) -> None:
    page = visit_as()
    page.goto("/activities/")

    box = page.get_by_role("searchbox", name="Search Corridor")
    box.fill("presevo")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=presevo$"))
    results = page.locator("ol.search-results")
    expect(results.get_by_role("link", name="Preševo one-stop centre")).to_be_visible()
    expect(results.locator("mark").first).to_have_text(re.compile("Pre[sš]evo"))
    expect(page.get_by_role("searchbox", name="Search Corridor")).to_have_value("presevo")
    results.get_by_role("link", name="Preševo one-stop centre").click()
    expect(page).to_have_url(re.compile(r"/places/presevo/$"))


def test_the_skopje_focal_point_confirms_a_clause_without_leaving_the_page(
    visit_as: Callable[..., Page],
) -> None:
    page = visit_as("skopje.focal")
    page.goto("/activities/skopje-frontline-workers-training-2016/")
    page.evaluate("window.notReloaded = true")

    page.get_by_role(
        "button", name="Confirm mandate clause osce-mission-to-skopje:monitor-humanitarian-trafficking"
    ).click()

    section = page.locator("#basis")
    expect(section.get_by_role("status")).to_have_text(
        "Mandate clause confirmed as a basis of this activity."
    )
    confirmed = section.locator("ul.basis-list").first
    # The focal point reads their own user name; nobody else would (corridor.accounts.access.people).
    expect(confirmed.get_by_text(re.compile(r"Confirmed by .*\(skopje\.focal\)"))).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
