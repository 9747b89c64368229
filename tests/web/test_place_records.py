"""A place's page lists the records there and at the places within it, naming where each was."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from corridor.geo.models import Place
from corridor.geo.selectors import places_within
from corridor.monitoring.models import MonitoringVisit
from corridor.operations.models import Activity


@pytest.mark.django_db
def test_a_country_holds_its_sites_whatever_their_parent() -> None:
    slugs = set(places_within(None, "mk").values_list("slug", flat=True))

    # Gevgelija's parent is the southern border area, not the country.
    assert Place.objects.get(slug="gevgelija").parent.slug == "mk-southern-border"
    assert {"mk", "mk-southern-border", "gevgelija", "tabanovce", "skopje"} <= slugs
    assert "presevo" not in slugs


@pytest.mark.django_db
def test_an_area_holds_its_descendants_only() -> None:
    slugs = set(places_within(None, "mk-southern-border").values_list("slug", flat=True))

    assert "gevgelija" in slugs
    assert "tabanovce" not in slugs


@pytest.mark.django_db
def test_the_country_page_lists_an_event_at_a_site_and_names_the_site(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    event = make_event(skopje, title="Fence works begin near the crossing")
    event.places.set([Place.objects.get(slug="gevgelija")])
    elsewhere = make_event(skopje, title="Queue at the northern crossing")
    elsewhere.places.set([Place.objects.get(slug="presevo")])

    page = Client().get("/places/mk/").content.decode()

    named = '<span class="muted">at <a href="/places/gevgelija/">Gevgelija</a></span>'
    assert f"Fence works begin near the crossing</a> {named}" in page
    assert "Queue at the northern crossing" not in page
    site_page = Client().get("/places/gevgelija/").content.decode()
    assert "Fence works begin near the crossing</a></li>" in site_page  # at the page's own place: not named


@pytest.mark.django_db
def test_a_place_the_reader_may_not_see_neither_named_nor_places_its_records(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    hidden = Place.objects.create(
        slug="test-restricted-site",
        name="Undisclosed shelter",
        kind="reception_centre",
        country=Place.objects.get(slug="mk").country,
        classification="restricted",
        owner=skopje,
    )
    event = make_event(skopje, title="Shelter opened")
    event.places.set([hidden])

    page = Client().get("/places/mk/").content.decode()

    # Listed under Macedonia, the event would tell where the hidden place is.
    assert "Shelter opened" not in page
    assert "Undisclosed shelter" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "record"),
    [
        ("/", "Shelter opened"),
        ("/timeline/", "Shelter opened"),
        ("/events/", "Shelter opened"),
        ("/events/test-event-0/", "Shelter opened"),
        ("/activities/?place=gevgelija", "Shelter staff briefed"),
        ("/activities/test-at-hidden-site/", "Shelter staff briefed"),
        ("/visits/", "1 December 2016"),
        ("/visits/test-visit-at-hidden-site/", "1 December 2016"),
        ("/operations/osce-mission-to-skopje/", "1 December 2016"),
        ("/places/mk/", "Shelter staff briefed"),
    ],
)
def test_no_page_names_a_place_the_reader_may_not_see(url: str, record: str, make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    """Public records at a restricted place (and a public one): the records show, the restricted place's
    name does not, wherever a record lists its places."""
    gevgelija = Place.objects.get(slug="gevgelija")
    hidden = Place.objects.create(
        slug="test-restricted-site",
        name="Undisclosed shelter",
        kind="reception_centre",
        country=gevgelija.country,
        classification="restricted",
        owner=skopje,
    )
    make_event(
        skopje, title="Shelter opened", date_start=date(2016, 12, 1), date_end=date(2016, 12, 1)
    ).places.set([hidden, gevgelija])
    dated = {"date_start": date(2016, 12, 1), "date_end": date(2016, 12, 1), "date_precision": "day"}
    Activity.objects.create(
        slug="test-at-hidden-site",
        title="Shelter staff briefed",
        category="monitoring",
        lead=skopje,
        owner=skopje,
        classification="public",
        **dated,
    ).places.set([hidden, gevgelija])
    MonitoringVisit.objects.create(
        slug="test-visit-at-hidden-site", operation=skopje, owner=skopje, classification="public", **dated
    ).places.set([hidden, gevgelija])

    response = Client().get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert record in page and "Gevgelija" in page
    assert "Undisclosed shelter" not in page
