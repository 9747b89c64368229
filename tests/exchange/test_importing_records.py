"""Importing events, activities and places through their services: idempotent, updated in place when a
row changes, and all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from corridor.exchange.services import PLATFORM, import_file
from corridor.geo.models import Place
from corridor.operations.models import Activity
from corridor.timeline.models import Event

EVENTS = (
    "date,kind,title,places,countries,actors,classification\n"
    "2015-11-19,border_policy_change,Entry restricted to SIA nationals,gevgelija;idomeni,MK;GR,"
    "osce-mission-to-skopje,public\n"
    "early 2016-03,border_policy_change,Route closed at the southern border,gevgelija,MK,,internal\n"
)


@pytest.mark.django_db
def test_events_are_put_on_the_timeline_once(skopje_focal_point, write_file, database_snapshot) -> None:
    path = write_file(EVENTS)

    first = import_file(actor=skopje_focal_point, source=path, kind="events")
    before = database_snapshot()
    second = import_file(actor=skopje_focal_point, source=path, kind="events")

    assert (first.errors, first.created) == ([], 2)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert database_snapshot() == before
    event = Event.objects.get(title="Entry restricted to SIA nationals")
    assert (event.owner.slug, event.classification, event.date_precision) == (
        "osce-mission-to-skopje",
        "public",
        "day",
    )
    assert sorted(event.places.values_list("slug", flat=True)) == ["gevgelija", "idomeni"]
    closing = Event.objects.get(title="Route closed at the southern border")
    assert (closing.date_start, closing.date_end, closing.date_precision) == (
        date(2016, 3, 1),
        date(2016, 3, 10),
        "part_of_month",
    )


@pytest.mark.django_db
def test_a_changed_event_row_updates_the_event_and_keeps_its_history(skopje_focal_point, write_file) -> None:
    import_file(actor=skopje_focal_point, source=write_file(EVENTS), kind="events")

    # An edit made from version 1 of each event (a row without a version may not change a record)
    edited = "".join(line + (",version\n" if index == 0 else ",1\n") for index, line in enumerate(
        EVENTS.replace("gevgelija;idomeni", "gevgelija").splitlines()
    ))  # fmt: skip

    report = import_file(actor=skopje_focal_point, source=write_file(edited), kind="events")

    event = Event.objects.get(title="Entry restricted to SIA nationals")
    assert (report.updated, report.unchanged) == (1, 1)
    assert (event.version, list(event.places.values_list("slug", flat=True))) == (2, ["gevgelija"])
    assert event.history.count() == 2


@pytest.mark.django_db
def test_bad_event_rows_are_reported_and_nothing_is_written(
    skopje_focal_point, write_file, database_snapshot
) -> None:
    path = write_file(
        "date,kind,title,places,countries\n"
        "2015-11-19,riot,A title,gevgelija;atlantis,MK;XX\n"
        f"2015-11-20,incident,{'T' * 201},,\n"
        "2015-11-21,incident,,,\n"
    )
    before = database_snapshot()

    report = import_file(actor=skopje_focal_point, source=path, kind="events")

    assert [error.as_row() for error in report.errors] == [
        (
            "2",
            "kind",
            "riot",
            "is not one of: border_policy_change, incident, meeting, report, resolution, conference, visit, "
            "interview, training, decision, establishment, statement, other",
        ),
        ("2", "places", "gevgelija;atlantis", "'atlantis' is not a known place"),
        ("2", "countries", "MK;XX", "'XX' is not a known country (did you mean XK?)"),
        ("3", "title", "T" * 200 + "… (201 characters)", "is 201 characters long; at most 200 fit"),
        ("4", "title", "", "is required"),
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_row_repeating_an_event_is_reported_on_both_rows(skopje_focal_point, write_file) -> None:
    line = "2015-11-19,incident,Same,gevgelija\n"
    report = import_file(
        actor=skopje_focal_point, source=write_file("date,kind,title,places\n" + line + line), kind="events"
    )

    assert [error.as_row() for error in report.errors] == [
        ("2", "", "", "is the same event as row 3"),
        ("3", "", "", "is the same event as row 2"),
    ]


@pytest.mark.django_db
def test_activities_need_a_user_to_act_for(write_file) -> None:
    # Events no longer do: the platform writes them with `record_event(as_operator=True)`
    # (tests/exchange/test_real_policy_changes.py); `record_activity` has no operator mode.
    path = write_file("date,title,category,lead\n2016-02-19,A count,research,osce-mission-to-skopje\n")

    report = import_file(actor=PLATFORM, source=path, kind="activities")

    assert [error.reason for error in report.errors] == [
        "importing activities needs a user to act for: name one (corridor import --user)"
    ]


@pytest.mark.django_db
def test_activities_are_recorded_for_their_lead(skopje_focal_point, write_file, database_snapshot) -> None:
    path = write_file(
        "title,category,lead,date,partners,places,status\n"
        "Monitoring of the southern border,monitoring,osce-mission-to-skopje,2015-09/2016-03,unhcr,gevgelija,"
        "completed\n"
        "Workshop with the Ombudsman,human_rights_approach,osce-mission-to-serbia,2015-11,,,planned\n"
    )
    before = database_snapshot()

    refused = import_file(actor=skopje_focal_point, source=path, kind="activities")

    assert [error.as_row() for error in refused.errors] == [
        (
            "3",
            "lead",
            "osce-mission-to-serbia",
            "you may not write records for OSCE Mission to Serbia: you edit only for your own",
        )
    ]
    assert database_snapshot() == before

    written = import_file(actor=skopje_focal_point, source=path, kind="activities", mode="valid_rows_only")

    activity = Activity.objects.get(title="Monitoring of the southern border")
    assert (written.created, activity.lead.slug, activity.status, activity.span.kind) == (
        1,
        "osce-mission-to-skopje",
        "completed",
        "range",
    )
    assert list(activity.partners.values_list("slug", flat=True)) == ["unhcr"]


@pytest.mark.django_db
def test_places_are_created_with_their_life_and_parents_defined_earlier(cpc_editor, write_file) -> None:
    path = write_file(
        "slug,name,kind,country,parent,lat,lon,opened,closed\n"
        "vinojug,Vinojug transit centre,transit_centre,MK,gevgelija,41.1465,22.5021,2015-06-20,\n"
        "vinojug-clinic,Vinojug clinic,other,MK,vinojug,,,2015-10-01,2016-03-31\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="places")
    again = import_file(actor=cpc_editor, source=path, kind="places")

    assert (report.errors, report.created, again.unchanged) == ([], 2, 2)
    centre = Place.objects.get(slug="vinojug")
    assert (centre.parent.slug, centre.latitude, centre.opened_on, centre.owner.slug) == (
        "gevgelija",
        Decimal("41.14650"),
        date(2015, 6, 20),
        "osce-secretariat-cpc",
    )
    assert Place.objects.get(slug="vinojug-clinic").parent == centre


@pytest.mark.django_db
def test_bad_place_rows_are_reported_exactly(cpc_editor, write_file, database_snapshot) -> None:
    path = write_file(
        "slug,name,kind,country,parent,lat,lon,opened,closed\n"
        "Bad Slug,Somewhere,camp,MK,,,,,\n"
        "child,Child,camp,MK,later,,,,\n"
        "later,Later,camp,MK,,95,22,,\n"
        "shut,Shut,camp,RS,,41,,2016-01-01,2015-12-31\n"
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="places")

    assert [error.as_row() for error in report.errors] == [
        ("2", "slug", "Bad Slug", "is not a slug (lower-case letters, digits and single hyphens)"),
        (
            "3",
            "parent",
            "later",
            "is not a known place (a parent defined in the file must come on an earlier row)",
        ),
        ("4", "lat", "95", "is not between -90 and 90"),
        ("5", "lon", "", "give both coordinates or neither"),
        ("5", "closed", "2015-12-31", "is before the place opened (2016-01-01)"),
    ]
    assert database_snapshot() == before
