"""The dashboard's flow chart marks the dated policy changes that `corridor realdata load` puts on the
timeline (`web.dashboard.flow_chart`): one-day changes on their day, two-day changes (announced in the
evening, applied from midnight) on their first day; events dated more vaguely are not marked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from corridor.core.dates import DatePrecision
from corridor.exchange.real_data import load_real_data
from corridor.exchange.report import ImportReport
from corridor.geo.choices import NameAudience
from corridor.timeline.models import Event
from corridor.web.dashboard import MARKED_KINDS, chosen_route, flow_chart
from tests.forecasting.flows import load_route_flows

ONE_DAY = {
    ("2016-02-19", "Austria's daily caps"),
    ("2016-03-20", "EU–Turkey statement in force"),
}
TWO_DAYS = {
    ("2015-11-18", "fYROM admits only Syrians/Iraqis/Afghans"),
    ("2016-02-21", "fYROM stops Afghans"),
    ("2016-03-08", "Route closed to most"),
}


@pytest.fixture
def loaded(db: None) -> list[ImportReport]:
    return load_real_data()


def _marked(chart: dict[str, Any]) -> set[tuple[str, str]]:
    return {(event["date"], event["title"]) for event in chart["events"]}


@pytest.mark.django_db
def test_the_one_day_policy_changes_are_marked_on_the_flow_chart_of_an_anonymous_visitor(
    loaded: list[ImportReport],
) -> None:
    chart = flow_chart(None, audience=NameAudience.NEUTRAL, route=chosen_route(None, ""))

    assert "border_policy_change" in MARKED_KINDS
    assert _marked(chart) >= ONE_DAY
    assert {event["when"] for event in chart["events"]} >= {"19 February 2016", "20 March 2016"}


@pytest.mark.django_db
def test_with_the_daily_counts_alone_the_chart_marks_none_of_them(db: None) -> None:
    load_route_flows()

    chart = flow_chart(None, audience=NameAudience.NEUTRAL, route=chosen_route(None, ""))

    assert chart["traces"]
    assert not (ONE_DAY | TWO_DAYS) & _marked(chart)


@pytest.mark.django_db
def test_the_two_day_policy_changes_are_marked_on_their_first_day(loaded: list[ImportReport]) -> None:
    chart = flow_chart(None, audience=NameAudience.NEUTRAL, route=chosen_route(None, ""))

    assert _marked(chart) >= TWO_DAYS


@pytest.mark.django_db
def test_an_event_spanning_three_days_or_dated_to_a_month_is_not_marked(loaded: list[ImportReport]) -> None:
    Event.objects.filter(title="Route closed to most").update(date_end=date(2016, 3, 10))
    Event.objects.filter(title="fYROM stops Afghans").update(
        date_start=date(2016, 2, 1), date_end=date(2016, 2, 29), date_precision=DatePrecision.MONTH
    )

    titles = {
        title
        for _, title in _marked(flow_chart(None, audience=NameAudience.NEUTRAL, route=chosen_route(None, "")))
    }

    assert "Route closed to most" not in titles
    assert "fYROM stops Afghans" not in titles
    assert "fYROM admits only Syrians/Iraqis/Afghans" in titles


@pytest.mark.django_db
def test_the_dashboard_page_carries_the_markers(loaded: list[ImportReport], client: Client) -> None:
    page = client.get("/")

    assert page.status_code == 200
    chart = page.context["flow_chart"]
    assert _marked(chart) >= ONE_DAY | TWO_DAYS
    # Drawn into the chart's SVG: a dotted line on each marked day, titled with the day and the event.
    figure = page.content.decode().split('<div id="flow-chart" class="chart">', 1)[1].split("</svg>", 1)[0]
    for event in chart["events"]:
        assert f'<g class="mark"><title>{escape(event["when"])}: {escape(event["title"])}</title>' in figure
    assert figure.count('<g class="mark">') == len(chart["events"])
