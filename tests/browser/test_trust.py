"""Records a focal point can trust, in a browser, from how they failed before: a count that went public
by itself, a conflict that overwrote a colleague's finding, an edit that erased a saved field, and pages
that offered what their reader could not do."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_police_count_recorded_on_a_phone_is_not_public(visit_as) -> None:  # type: ignore[no-untyped-def]
    focal = visit_as("skopje.focal", **PHONE)
    focal.goto("/counts/new/?place=tabanovce")
    expect(focal.locator("input[name=classification][value=internal]")).to_be_checked()
    expect(focal.get_by_text("Internal — members of OSCE structures")).to_be_visible()
    focal.select_option("#id_owner", "osce-mission-to-skopje")
    focal.fill("#id_date", "2016-03-21")
    focal.fill("#id_arrivals", "48117")
    focal.select_option("#id_source_organisation", "osce-mission-to-skopje")
    focal.get_by_role("button", name="Save the day").click()
    expect(focal.get_by_text("Saved for Tabanovce transit station, 21 March 2016")).to_be_visible()

    anonymous = visit_as(None, **PHONE)
    anonymous.goto("/places/tabanovce/")
    listed = anonymous.request.get("/api/v1/observations?place=tabanovce&start=2016-03-21&end=2016-03-21")
    exported = anonymous.request.get("/exchange/export/?kind=observations&format=hxl")

    assert "48,117" not in anonymous.content() and "48117" not in anonymous.content()
    assert listed.json()["items"] == []
    assert ",48117," not in exported.text()
    assert ",48117," in focal.request.get("/exchange/export/?kind=observations&format=hxl").text()


def _edit_first_finding(page: Page, slug: str) -> None:
    page.goto(f"/visits/{slug}/edit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit the visit")


def test_two_tabs_editing_one_visit_lose_nothing_and_ask_about_the_finding_both_changed(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")
    page.goto("/visits/new/?operation=osce-mission-to-skopje")
    page.select_option("#id_places", "gevgelija")
    page.fill("#id_date", "2016-03-15")
    page.fill("#id_team", "PDU 1 (two tabs)")
    page.fill("#id_follow_up", "Write to the ministry")
    page.select_option("#id_findings-0-aspect", "staffing")
    page.select_option("#id_findings-0-concern", "serious")
    page.fill("#id_findings-0-text", "Two officers for the whole line")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Visit recorded")).to_be_visible()
    slug = re.search(r"/visits/([\w-]+)/$", page.url).group(1)  # type: ignore[union-attr]
    tab_a, tab_b = page, page.context.new_page()
    _edit_first_finding(tab_a, slug)
    _edit_first_finding(tab_b, slug)

    tab_a.select_option("#id_findings-0-concern", "critical")
    tab_a.fill("#id_follow_up", "Raise with UNHCR and the ministry")
    tab_a.get_by_role("button", name="Save").click()
    expect(tab_a.get_by_text("Visit saved.")).to_be_visible()
    tab_b.select_option("#id_findings-0-concern", "minor")
    tab_b.fill("#id_team", "PDU 2 (two tabs)")
    tab_b.get_by_role("button", name="Save").click()

    conflict = tab_b.locator("section.conflict")
    expect(conflict).to_contain_text("saved this record while you were editing it")
    rows = conflict.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Critical")
    expect(rows.first).to_contain_text("Minor concern")
    expect(conflict).not_to_contain_text("Follow-up")
    expect(tab_b.locator("#id_follow_up")).to_have_value("Raise with UNHCR and the ministry")
    expect(tab_b.locator("#id_team")).to_have_value("PDU 2 (two tabs)")

    tab_b.get_by_role("button", name="Save").click()
    expect(tab_b.locator("ul.errorlist").first).to_contain_text(
        "Choose which to keep for “Finding 1 — concern”"
    )
    tab_b.locator("section.conflict input[value=theirs]").check()
    tab_b.get_by_role("button", name="Save").click()

    expect(tab_b.get_by_text("Visit saved.")).to_be_visible()
    expect(tab_b.get_by_role("cell", name="Critical", exact=True)).to_be_visible()
    expect(tab_b.get_by_text("Follow-up. Raise with UNHCR and the ministry")).to_be_visible()
    expect(tab_b.get_by_text("PDU 2 (two tabs)").first).to_be_visible()


def test_saving_a_visit_unchanged_keeps_overnight(visit_as) -> None:  # type: ignore[no-untyped-def]
    page = visit_as("skopje.focal")
    page.goto("/visits/new/?operation=osce-mission-to-skopje")
    page.select_option("#id_places", "tabanovce")
    page.fill("#id_date", "2016-03-16")
    page.fill("#id_team", "Night shift (browser)")
    page.select_option("#id_overnight", "true")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("stayed overnight")).to_be_visible()

    page.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_overnight")).to_have_value("true")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("stayed overnight")).to_be_visible()
    expect(page.get_by_text("Version 2")).to_have_count(0)


def test_each_reader_is_offered_only_what_they_may_do(visit_as) -> None:  # type: ignore[no-untyped-def]
    reader = visit_as("delegation.reader")
    reader.goto("/")
    expect(reader.get_by_role("navigation", name="Main").get_by_role("link", name="Record")).to_have_count(0)
    reader.goto("/exchange/")
    expect(reader.get_by_role("heading", name="Import a spreadsheet")).to_have_count(0)
    refused = reader.goto("/counts/new/")
    assert refused is not None and refused.status == 403
    expect(reader.get_by_role("heading", level=1)).to_have_text("You may not do this")
    expect(reader.get_by_text("yours reads only")).to_be_visible()

    editor = visit_as("serbia.editor")
    editor.goto("/visits/?operation=osce-mission-to-skopje")
    editor.get_by_role("link", name=re.compile(r"\d{4}")).first.click()
    expect(editor.get_by_role("link", name="Edit", exact=True)).to_have_count(0)
    refused = editor.goto(editor.url + "edit/")
    assert refused is not None and refused.status == 403
    expect(editor.get_by_text("Ask a focal point or an administrator of Mission to Skopje")).to_be_visible()

    missing = editor.goto("/scenarios/00000000-0000-4000-8000-000000000000/")
    assert missing is not None and missing.status == 404
    expect(editor.get_by_role("heading", level=1)).to_have_text("Nothing here")
    expect(editor.get_by_text("URLconf")).to_have_count(0)
