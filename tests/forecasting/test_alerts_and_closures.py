"""Alerts with the policy change nearby, what a scenario may close, and the page cache."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache

from corridor.core.exceptions import ValidationFailed
from corridor.forecasting import latest
from corridor.forecasting.closures import closure_choices, resolve_closure
from corridor.forecasting.routes import RouteModel, route_model_for
from corridor.forecasting.services import alerts_for
from corridor.geo.models import Place
from corridor.monitoring.models import FlowObservation
from tests.forecasting.flows import load_route_flows

pytestmark = pytest.mark.django_db

CAPS = date(2016, 2, 19)


@pytest.fixture
def flows() -> int:
    return load_route_flows()


def test_alerts_in_the_closure_period_are_those_of_the_engine_on_the_same_days(flows) -> None:  # type: ignore[no-untyped-def]
    result = alerts_for(reader=None, first=date(2016, 2, 1), last=date(2016, 3, 31))

    austria_on_the_caps = [
        a for a in result["alerts"] if a["day"] == CAPS.isoformat() and a["place"] == "austria"
    ]
    assert austria_on_the_caps == [
        {
            "day": "2016-02-19",
            "place": "austria",
            "label": "Arrivals in Austria",
            "observed": 50.0,
            "lower": pytest.approx(366, abs=1),
            "upper": pytest.approx(1012, abs=1),
            "direction": "below",
            "policy_change": austria_on_the_caps[0]["policy_change"],
        }
    ]
    assert (result["start"], result["end"]) == ("2016-02-01", "2016-03-31")
    assert all(a["observed"] < a["lower"] or a["observed"] > a["upper"] for a in result["alerts"])


def test_an_alert_names_the_policy_change_on_the_readers_timeline_nearby(  # type: ignore[no-untyped-def]
    flows, make_event, skopje, skopje_focal_point, outsider
) -> None:
    make_event(
        skopje,
        "restricted",
        kind="border_policy_change",
        title="Austria caps daily entries",
        date_start=CAPS,
        date_end=CAPS,
    )

    theirs = alerts_for(reader=skopje_focal_point, first=date(2016, 2, 19), last=date(2016, 2, 20))
    others = alerts_for(reader=outsider, first=date(2016, 2, 19), last=date(2016, 2, 20))

    on_the_day = next(a for a in theirs["alerts"] if a["place"] == "austria")
    assert on_the_day["policy_change"]["title"] == "Austria caps daily entries"
    assert on_the_day["policy_change"]["when"] == "19 February 2016"
    assert all(
        (a["policy_change"] or {}).get("title") != "Austria caps daily entries" for a in others["alerts"]
    )
    timing = next(
        t
        for t in theirs["timings"]
        if t["place"] == "austria" and t["policy_change"]["title"].startswith("Austria")
    )
    assert (timing["first_alert"], timing["days_after"], timing["direction"]) == ("2016-02-19", 0, "below")


def test_alerts_default_to_the_last_sixty_days_of_data_and_refuse_a_window_after_it(flows) -> None:  # type: ignore[no-untyped-def]
    result = alerts_for(reader=None)

    assert (result["start"], result["end"]) == ("2016-02-19", "2016-04-18")
    with pytest.raises(ValidationFailed, match="after 2016-04-18"):
        alerts_for(reader=None, first=date(2016, 5, 1))


def _route() -> RouteModel:
    return route_model_for(None, "western-balkans-2015-16")


def test_a_border_closes_every_link_that_crosses_it() -> None:
    graph = _route()

    assert resolve_closure(graph, "mk-rs").links == (("tabanovce", "presevo"),)
    assert resolve_closure(graph, "RS-MK").key == "mk-rs"
    assert resolve_closure(graph, "rs-ba").links == (("belgrade", "sarajevo"), ("sid", "sarajevo"))
    assert resolve_closure(graph, "idomeni->gevgelija").links == (("idomeni", "gevgelija"),)
    assert resolve_closure(graph, "tabanovce>presevo").label == "Link Tabanovce → Preševo"


def test_an_unknown_closure_names_the_borders_there_are() -> None:
    with pytest.raises(ValidationFailed) as refused:
        resolve_closure(_route(), "mk-bg")

    assert "gr-mk, gr-al, mk-rs" in refused.value.errors["close"][0]


def test_every_node_of_the_graph_has_a_point_on_the_map_and_the_table_nothing_else() -> None:
    route = _route()
    graph, point_for = route.require_graph(), route.point_for

    assert set(route.points) == set(graph.places)
    assert all(36 < point_for(p).latitude < 49.2 and 12.5 < point_for(p).longitude < 29 for p in graph.places)
    assert len(closure_choices(route)) == 14 + len(graph.link_from)
    with pytest.raises(ValueError, match="no node 'zagreb'"):
        point_for("zagreb")


def test_a_page_reuses_the_forecast_until_the_data_it_read_changes(  # type: ignore[no-untyped-def]
    flows, monkeypatch
) -> None:
    cache.clear()
    made = []
    compute = latest.compute_forecast
    monkeypatch.setattr(latest, "compute_forecast", lambda *a, **k: made.append(1) or compute(*a, **k))

    first = latest.latest_forecast(None, place="serbia", route=_route())
    again = latest.latest_forecast(None, place="serbia", route=_route())
    FlowObservation.objects.filter(place=Place.objects.get(slug="rs"), date_start=date(2016, 4, 10)).update(
        value=77
    )
    changed = latest.latest_forecast(None, place="serbia", route=_route())

    assert len(made) == 2
    assert first == again and first is not None
    assert changed is not None and changed.history != first.history


def test_a_page_gets_no_forecast_for_a_reader_without_data_or_a_place_outside_the_route() -> None:
    assert latest.latest_forecast(None, place="serbia", route=_route()) is None
    assert latest.recent_alerts(None, route=_route()) is None
