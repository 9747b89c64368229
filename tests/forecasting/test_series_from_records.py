"""The route series built from recorded observations, through the visibility funnel."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from corridor.forecasting.engine import ROUTE_2015_16, Flag, route_counts
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.forecasting.selectors import route_series_visible_to, series_sha256
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation
from tests.forecasting.flows import load_route_flows

pytestmark = pytest.mark.django_db


def observe(place: str, day: date, value: int | None, *, owner, classification: str = "public", **extra):  # type: ignore[no-untyped-def]
    from corridor.actors.models import Organisation

    return FlowObservation.objects.create(
        place=Place.objects.get(slug=place),
        metric=extra.pop("metric", "arrivals"),
        value=value,
        value_status="reported" if value is not None else "not_available",
        source_organisation=Organisation.objects.get(slug="unhcr"),
        owner=owner,
        classification=classification,
        date_start=day,
        date_end=day,
        date_precision="day",
        **extra,
    )


def test_the_series_built_from_the_records_is_the_shipped_series_cell_for_cell() -> None:
    load_route_flows(first=date(2015, 12, 1))

    visible = route_series_visible_to(None, _route())

    assert visible is not None
    shipped = route_counts()
    days = slice(shipped.date_index(visible.series.first), shipped.date_index(visible.series.last) + 1)
    assert visible.series.places == shipped.places
    np.testing.assert_array_equal(visible.series.values, shipped.values[days])
    np.testing.assert_array_equal(visible.series.flags, shipped.flags[days])
    assert visible.classification == "public"


def _route() -> RouteModel:
    return route_model_for(None, "western-balkans-2015-16")


def test_a_reader_who_sees_no_route_counts_gets_no_series() -> None:
    assert route_series_visible_to(None, _route()) is None


def test_a_not_available_figure_stays_apart_from_a_missing_day(cpc) -> None:  # type: ignore[no-untyped-def]
    observe("si", date(2016, 1, 1), 100, owner=cpc)
    observe("si", date(2016, 1, 2), None, owner=cpc)
    observe("si", date(2016, 1, 4), 0, owner=cpc)

    series = route_series_visible_to(None, _route()).series  # type: ignore[union-attr]

    assert series.flags[:, series.place_index("slovenia")].tolist() == [
        Flag.REPORTED,
        Flag.REPORTED_NA,
        Flag.MISSING,
        Flag.REPORTED,
    ]
    assert series.column("slovenia")[3] == 0


def test_a_restricted_count_enters_only_the_series_of_those_who_may_read_it(  # type: ignore[no-untyped-def]
    skopje, skopje_focal_point, outsider
) -> None:
    load_route_flows(first=date(2016, 4, 1))
    observe("mk", date(2016, 4, 19), 1234, owner=skopje, classification="restricted")

    theirs = route_series_visible_to(skopje_focal_point, _route())
    others = route_series_visible_to(outsider, _route())

    assert theirs.series.last.date() == date(2016, 4, 19)  # type: ignore[union-attr]
    assert theirs.classification == "restricted"  # type: ignore[union-attr]
    assert others.series.last.date() == date(2016, 4, 18)  # type: ignore[union-attr]
    assert others.classification == "public"  # type: ignore[union-attr]
    assert theirs.sha256 != others.sha256  # type: ignore[union-attr]


def test_breakdowns_and_other_sources_stay_out_of_the_totals(cpc) -> None:  # type: ignore[no-untyped-def]
    from corridor.actors.models import Organisation

    observe("rs", date(2016, 1, 1), 500, owner=cpc)
    observe("rs", date(2016, 1, 1), 200, owner=cpc, sex="female")
    FlowObservation.objects.create(
        place=Place.objects.get(slug="rs"),
        metric="arrivals",
        value=9999,
        source_organisation=Organisation.objects.get(slug="osce-mission-to-serbia"),
        owner=cpc,
        date_start=date(2016, 1, 1),
        date_end=date(2016, 1, 1),
        date_precision="day",
    )

    series = route_series_visible_to(None, _route()).series  # type: ignore[union-attr]

    assert series.column("serbia").tolist() == [500.0]


def test_equal_series_have_equal_digests_and_a_changed_count_changes_it(cpc) -> None:  # type: ignore[no-untyped-def]
    observation = observe("hr", date(2016, 1, 1), 10, owner=cpc)
    before = route_series_visible_to(None, _route()).sha256  # type: ignore[union-attr]
    assert route_series_visible_to(None, _route()).sha256 == before  # type: ignore[union-attr]

    FlowObservation.objects.filter(pk=observation.pk).update(value=11)

    assert route_series_visible_to(None, _route()).sha256 != before  # type: ignore[union-attr]
    assert series_sha256(route_counts()) != before


def test_each_series_of_the_route_names_its_place_and_metric() -> None:
    route = _route()

    assert tuple(route.series) == ROUTE_2015_16  # one key per series of the route, upstream first
    assert route.series_for_place("mk") == "fyrom"
    assert route.series_for_place("greek-islands") == "greek_islands"
    assert route.series_for_place("gevgelija") is None
    assert route.series_named("rs") == "serbia" and route.series_named("serbia") == "serbia"
    assert route.series["mainland_greece_departures"].metric == "departures"
    assert route.inflow is not None and route.inflow.key == "greek_islands"
    assert route.monitored == (
        "austria",
        "slovenia",
        "croatia",
        "serbia",
        "fyrom",
        "mainland_greece_departures",
    )
