"""Reading events: filters, citations, and the activities related to an event."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from corridor.core.citations import citations_of
from corridor.core.dates import DateSpan
from corridor.geo.models import Place
from corridor.operations.selectors import activities_related_to_event
from corridor.operations.services import record_activity
from corridor.timeline.selectors import EventFilters, events_matching, get_event_for_user


@pytest.fixture
def gevgelija(db: None) -> Place:
    return Place.objects.get(slug="gevgelija")


@pytest.mark.django_db
def test_events_are_filtered_by_text_kind_place_operation_and_period(make_event, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    wanted = make_event(skopje, title="Fence built near Gevgelija", kind="border_policy_change")
    wanted.places.set([gevgelija])
    wanted.actors.set([skopje])
    make_event(skopje, title="Fence built elsewhere", kind="incident")

    def matching(**filters: Any) -> set[str]:
        found = events_matching(None, EventFilters(**filters)).filter(title__startswith="Fence")
        return set(found.values_list("title", flat=True))

    assert matching(text="fence") == {"Fence built near Gevgelija", "Fence built elsewhere"}
    assert matching(kind="border_policy_change") == {"Fence built near Gevgelija"}
    assert matching(place="gevgelija") == {"Fence built near Gevgelija"}
    assert matching(place="mk") == {"Fence built near Gevgelija"}
    assert matching(operation="osce-mission-to-skopje") == {"Fence built near Gevgelija"}
    assert matching(start=date(2016, 3, 10)) == set()
    assert matching(start=date(2016, 3, 1), end=date(2016, 3, 31)) == {
        "Fence built near Gevgelija",
        "Fence built elsewhere",
    }


@pytest.mark.django_db
def test_a_filtered_event_appears_once_however_many_places_match(make_event, skopje, gevgelija) -> None:  # type: ignore[no-untyped-def]
    event = make_event(skopje, title="Two sites")
    event.places.set([gevgelija, Place.objects.get(slug="mk")])

    assert events_matching(None, EventFilters(place="mk")).filter(pk=event.pk).count() == 1


@pytest.mark.django_db
def test_the_filters_keep_hidden_events_hidden(make_event, skopje) -> None:  # type: ignore[no-untyped-def]
    make_event(skopje, "restricted", title="Hidden pushback")

    assert not events_matching(None, EventFilters(text="Hidden pushback")).exists()


@pytest.mark.django_db
def test_a_case_study_event_cites_the_study() -> None:
    event = get_event_for_user(None, slug="helsinki-final-act-1975")

    citations = list(citations_of(event))

    assert citations and all(citation.locator for citation in citations)


@pytest.mark.django_db
def test_related_activities_share_the_time_and_a_place_or_an_actor(  # type: ignore[no-untyped-def]
    make_event, skopje, serbia, skopje_focal_point, gevgelija
) -> None:
    event = make_event(
        skopje, date_start=date(2016, 3, 1), date_end=date(2016, 3, 31), date_precision="month"
    )
    event.places.set([gevgelija])
    there = record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Monitoring at Gevgelija",
        category="monitoring",
        span=DateSpan.parse("2016-03-09"),
        places=[gevgelija],
        classification="public",
    )
    later = record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Monitoring later",
        category="monitoring",
        span=DateSpan.parse("2016-05"),
        places=[gevgelija],
        classification="public",
    )
    hidden = record_activity(
        actor=skopje_focal_point,
        lead=skopje,
        title="Restricted monitoring",
        category="monitoring",
        span=DateSpan.parse("2016-03-10"),
        places=[gevgelija],
        classification="restricted",
    )

    related = activities_related_to_event(None, event)
    mine = activities_related_to_event(skopje_focal_point, event)

    assert there in related and later not in related and hidden not in related
    assert hidden in mine
