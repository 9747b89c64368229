"""The dashboard's map of flows: countries counted by UNHCR are marked inside their outlines."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from corridor.actors.models import Organisation
from corridor.geo.models import Place
from corridor.geo.outlines import contains, distance_to_border_km, interior_point, outlines
from corridor.geo.svg_map import MapPoint, render_map
from corridor.monitoring.models import FlowObservation
from tests.forecasting.flows import load_route_flows

ROUTE = ("GR", "MK", "RS", "HR", "HU", "SI", "AT", "AL", "ME", "BA", "XK")


@pytest.mark.parametrize("code", ROUTE)
def test_a_country_is_marked_well_inside_its_outline(code: str) -> None:
    latitude, longitude = interior_point(code)  # type: ignore[misc]

    assert contains(code, latitude=latitude, longitude=longitude)
    assert distance_to_border_km(code, latitude=latitude, longitude=longitude) > 40


def test_croatia_is_not_marked_at_its_centroid_which_lies_in_bosnia_and_herzegovina() -> None:
    mainland = max(outlines()["HR"], key=len)[0]
    longitude = sum(lon for lon, _ in mainland) / len(mainland)
    latitude = sum(lat for _, lat in mainland) / len(mainland)
    assert contains("BA", latitude=latitude, longitude=longitude)

    assert contains("HR", latitude=interior_point("HR")[0], longitude=interior_point("HR")[1])  # type: ignore[index]


def test_a_country_without_an_outline_has_no_mark() -> None:
    assert interior_point("FR") is None


def test_points_outside_the_drawn_area_are_left_out_and_do_not_set_the_scale() -> None:
    drawn = render_map(
        [
            MapPoint("Berlin", latitude=52.52, longitude=13.40, value=100_000),
            MapPoint("Gevgelija", latitude=41.13, longitude=22.515, value=4_000),
        ]
    )

    assert "Berlin" not in drawn
    assert re.search(r'<circle class="site" [^>]*r="11.5"><title>Gevgelija</title>', drawn)


@pytest.mark.django_db
def test_the_dashboard_map_marks_every_route_country_with_its_count_of_the_last_week() -> None:
    load_route_flows(first=date(2016, 4, 12), last=date(2016, 4, 18))
    # Hungary's last count, months before: drawn small and grey, not as busy as it was then.
    FlowObservation.objects.create(
        place=Place.objects.get(slug="hu"),
        metric="arrivals",
        value=5_000,
        value_status="reported",
        source_organisation=Organisation.objects.get(slug="unhcr"),
        owner=Organisation.objects.get(slug="osce-secretariat-cpc"),
        classification="public",
        date_start=date(2015, 10, 16),
        date_end=date(2015, 10, 16),
        date_precision="day",
    )

    page = Client().get("/").content.decode()
    svg = page.split('<svg class="map"', 1)[1].split("</svg>", 1)[0]

    for name in ("Greek Aegean islands", "North Macedonia", "Serbia", "Croatia", "Slovenia", "Austria"):
        # (a count of 0 is drawn grey too; its tooltip tells it from a stale one)
        assert re.search(rf"<circle [^>]*><title>{name}: [\d,]+ arrivals on 1\d April 2016</title>", svg)
        assert re.search(rf"<text [^>]*>{name}</text>", svg)
    assert re.search(
        r'<circle class="site quiet" [^>]*r="2.5"><title>Hungary: no count in the week to 18 April 2016; '
        r"the last, 5,000 arrivals on 16 October 2015</title>",
        svg,
    )
    assert "its latest count in the week to 18 April 2016" in page


def test_a_label_that_would_run_off_the_right_edge_is_written_left_of_its_circle() -> None:
    drawn = render_map(
        [
            MapPoint("Greek Aegean islands", latitude=39.1067, longitude=26.5547, value=1_000),
            MapPoint("Skopje", latitude=41.9973, longitude=21.428, value=1_000),
        ]
    )

    assert re.search(r'<text x="[\d.]+" y="[\d.]+" text-anchor="end">Greek Aegean islands</text>', drawn)
    assert re.search(r'<text x="[\d.]+" y="[\d.]+">Skopje</text>', drawn)


def test_labels_keep_clear_of_other_circles_and_labels() -> None:
    # Tabanovce and Preševo, 11 km apart: side by side, the larger one's label would run over the other.
    drawn = render_map(
        [
            MapPoint("Tabanovce", latitude=42.215, longitude=21.70, value=20_000),
            MapPoint("Preševo", latitude=42.309, longitude=21.649, value=19_000),
        ],
        bounds=(18.0, 40.0, 24.0, 45.0),
    )
    anchors = {
        label: anchor
        for anchor, label in re.findall(r'<text x="[\d.]+" y="[\d.]+"(?: text-anchor="(\w+)")?>(\w+)', drawn)
    }

    assert anchors == {"Tabanovce": "", "Preševo": "end"}  # the larger first, on the right; the other left


@pytest.mark.django_db
def test_the_reader_chooses_the_week_the_map_shows() -> None:
    load_route_flows(first=date(2015, 11, 1), last=date(2016, 4, 18))

    page = Client().get("/", {"day": "2015-12-01"}).content.decode()
    svg = page.split('<svg class="map"', 1)[1].split("</svg>", 1)[0]

    assert re.search(
        r'<circle class="site" [^>]*><title>Austria: 2,821 arrivals on 1 December 2015</title>', svg
    )
    assert 'value="2015-12-01"' in page and "its latest count in the week to 1 December 2015" in page


@pytest.mark.django_db
def test_a_day_the_map_cannot_read_is_named_and_the_latest_counts_are_shown() -> None:
    load_route_flows(first=date(2016, 4, 12), last=date(2016, 4, 18))

    response = Client().get("/", {"day": "1 Dec"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "“1 Dec” is not a date Corridor reads. For a day write" in page
    assert "The map shows the latest counts." in page
    assert "its latest count in the week to 18 April 2016" in page
