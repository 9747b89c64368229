"""A site's day on one sheet: every metric with its parts, saved together or not at all; the source and
the day are kept for the next entry; the confirmation repeats what was saved; dates read as typed."""

from __future__ import annotations

import pytest
from django.test import Client

from corridor.accounts.choices import Role
from corridor.accounts.services import set_date_order
from corridor.monitoring.models import FlowObservation

pytestmark = pytest.mark.django_db

DAY = {
    "owner": "osce-mission-to-skopje",
    "place": "tabanovce",
    "date": "21.3.2016",
    "source_organisation": "osce-mission-to-skopje",
    "classification": "internal",
}


@pytest.fixture
def focal(skopje_focal_point) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(skopje_focal_point)
    return client


def _figures() -> set[tuple[str, str, str, str, int | None, str]]:
    return {
        (o.metric, o.sex, o.age_group, o.nationality, o.value, o.value_status)
        for o in FlowObservation.objects.filter(place__slug="tabanovce", date_start="2016-03-21")
    }


def test_four_metrics_with_their_parts_by_sex_are_saved_in_one_submit(focal) -> None:  # type: ignore[no-untyped-def]
    response = focal.post(
        "/counts/new/",
        {
            **DAY,
            "arrivals": "120", "arrivals_female": "50", "arrivals_male": "70",
            "departures": "100", "departures_female": "40", "departures_male": "60",
            "transits": "20", "transits_female": "10", "transits_male": "10",
            "present_na": "on",
            "arrivals_children": "30",
            "nationality_0_metric": "arrivals", "nationality_0_code": "SY", "nationality_0_value": "80",
        },
        follow=True,
    )  # fmt: skip

    assert _figures() == {
        ("arrivals", "", "", "", 120, "reported"),
        ("arrivals", "female", "", "", 50, "reported"),
        ("arrivals", "male", "", "", 70, "reported"),
        ("arrivals", "", "0-17", "", 30, "reported"),
        ("arrivals", "", "", "SY", 80, "reported"),
        ("departures", "", "", "", 100, "reported"),
        ("departures", "female", "", "", 40, "reported"),
        ("departures", "male", "", "", 60, "reported"),
        ("transits", "", "", "", 20, "reported"),
        ("transits", "female", "", "", 10, "reported"),
        ("transits", "male", "", "", 10, "reported"),
        ("present", "", "", "", None, "not_available"),
    }
    said = response.content.decode()
    assert "Saved for Tabanovce transit station, 21 March 2016" in said
    assert "Arrivals: 120; Arrivals (female): 50; Arrivals (male): 70" in said
    assert "Arrivals (Syrian Arab Republic): 80" in said
    assert "Present (stock at a date): not available" in said


def test_the_next_sheet_keeps_the_site_the_day_and_the_source_and_offers_it_first(focal) -> None:  # type: ignore[no-untyped-def]
    focal.post("/counts/new/", {**DAY, "arrivals": "5"})

    page = focal.get("/counts/new/").content.decode()

    assert '<option value="tabanovce" selected' in page
    assert 'value="2016-03-21"' in page
    recent = page.split('id="id_source_organisation"')[1].split("</select>")[0]
    assert (
        recent.index('<optgroup label="Used lately">')
        < recent.index('<option value="osce-mission-to-skopje" selected>')
        < recent.index('<optgroup label="All organisations">')
    )


def test_parts_that_exceed_their_total_refuse_the_whole_day_at_the_field(focal) -> None:  # type: ignore[no-untyped-def]
    response = focal.post(
        "/counts/new/",
        {**DAY, "arrivals": "100", "departures": "100", "departures_female": "80", "departures_male": "30"},
    )

    page = response.content.decode()
    assert _figures() == set()
    assert "<title>Error: Record a site" in page
    assert "There are 2 problems" in page or "There is a problem" in page
    assert 'href="#id_departures_female"' in page or 'href="#id_departures_male"' in page
    assert "add up to 110, more than the total of 100" in page


def test_an_empty_sheet_says_what_is_missing(focal) -> None:  # type: ignore[no-untyped-def]
    page = focal.post("/counts/new/", DAY).content.decode()

    assert "Give at least one figure" in page and _figures() == set()


def test_a_month_first_organisation_types_its_dates_month_first(focal, skopje, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("skopje.admin.dates", skopje, Role.ADMIN)
    set_date_order(actor=admin, organisation_id=skopje.pk, order="mdy")

    focal.post("/counts/new/", {**DAY, "date": "3/21/2016", "arrivals": "7"})

    assert _figures() == {("arrivals", "", "", "", 7, "reported")}


def test_a_reader_of_another_mission_cannot_name_its_restricted_source(focal, serbia, make_user) -> None:  # type: ignore[no-untyped-def]
    reader = Client()
    reader.force_login(make_user("serbia.editor.tally", serbia, Role.EDITOR))
    focal.post("/counts/new/", {**DAY, "arrivals": "5"})

    page = reader.get("/counts/new/").content.decode()

    assert "Used lately" not in page.split('id="id_source_organisation"')[1].split("</select>")[0]


def test_a_place_menu_carries_the_place_s_other_names_for_the_search(focal) -> None:  # type: ignore[no-untyped-def]
    page = focal.get("/visits/new/").content.decode()

    option = page.split('value="presevo"')[1].split(">")[0]
    assert 'data-names="' in option and "Presevo" in option
