"""Editing an event in a browser: record it, find it in the list, change it, follow it from the timeline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_skopje_focal_point_edits_an_event_and_finds_it_on_the_timeline(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")
    page.goto("/events/new/")
    page.select_option("#id_owner", "osce-mission-to-skopje")
    page.select_option("#id_kind", "incident")
    page.fill("#id_title", "Protest at Tabanovce (browser)")
    page.fill("#id_date", "early 2016-03")
    page.select_option("#id_places", "tabanovce")
    page.check('input[name="classification"][value="internal"]')
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protest at Tabanovce (browser)")

    page.goto("/events/?q=Tabanovce+(browser)")
    page.get_by_role("link", name="Protest at Tabanovce (browser)").click()
    page.get_by_role("link", name="Edit the event").click()
    page.get_by_label("Title").fill("Sit-in at Tabanovce (browser)")
    page.get_by_label("When").fill("2016-03-04")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Event saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sit-in at Tabanovce (browser)")
    expect(page.get_by_text("4 March 2016").first).to_be_visible()
    page.goto("/timeline/?from=2016-03-04&to=2016-03-04")
    page.get_by_role("link", name="Sit-in at Tabanovce (browser)").click()
    expect(page).to_have_url(re.compile(r"/events/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sit-in at Tabanovce (browser)")
