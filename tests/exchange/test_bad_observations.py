"""Each kind of bad observation row is reported exactly — row, column, value, reason — and a file with any
of them writes nothing at all."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.exchange.services import import_file
from corridor.geo.models import Place

GOOD = "gevgelija,2015-11-20,arrivals,120,unhcr,osce-secretariat-cpc"


def refused(report, snapshot, before):  # type: ignore[no-untyped-def]
    assert not report.written
    assert snapshot() == before
    return [error.as_row() for error in report.errors]


@pytest.mark.django_db
def test_it_reports_a_negative_count_with_its_row_and_column(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(GOOD, "gevgelija,2015-11-21,arrivals,-5,unhcr,osce-secretariat-cpc")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("3", "value", "-5", "is negative: a count of people is 0 or more")
    ]


@pytest.mark.django_db
def test_it_reports_a_fraction_of_a_person_and_an_impossible_count(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(
        "gevgelija,2015-11-21,arrivals,12.5,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-22,arrivals,250000000,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-23,arrivals,1.234,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-24,arrivals,many,unhcr,osce-secretariat-cpc",
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("2", "value", "12.5", "is not a whole number of people"),
        ("3", "value", "250000000", "is not a possible count (more than 100,000,000 people)"),
        (
            "4",
            "value",
            "1.234",
            "is not a whole number (if '.' separates thousands, write the number without it)",
        ),
        ("5", "value", "many", "is not a number"),
    ]


@pytest.mark.django_db
def test_it_reads_thousands_separators_but_not_an_empty_value(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(
        'gevgelija,2015-11-21,arrivals,"4,370",unhcr,osce-secretariat-cpc',
        "gevgelija,2015-11-22,arrivals,,unhcr,osce-secretariat-cpc",
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        (
            "3",
            "value",
            "",
            "is empty: write the count, N/A where the source says not available, or leave the row out",
        )
    ]


@pytest.mark.django_db
def test_it_names_an_unknown_place_and_suggests_close_ones(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(GOOD, "gevgelia,2015-11-21,arrivals,100,unhcr,osce-secretariat-cpc")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("3", "place", "gevgelia", "is not a known place (did you mean gevgelija?)")
    ]


@pytest.mark.django_db
def test_it_finds_a_place_by_its_name_in_any_script_or_spelling(cpc_editor, observations_csv) -> None:
    path = observations_csv(
        "Preševo,2015-11-20,arrivals,10,unhcr,osce-secretariat-cpc",
        "Прешево,2015-11-21,arrivals,11,unhcr,osce-secretariat-cpc",
        "PRESEVO,2015-11-22,arrivals,12,unhcr,osce-secretariat-cpc",
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created) == ([], 3)
    assert set(Place.objects.get(slug="presevo").observations.values_list("value", flat=True)) == {10, 11, 12}


@pytest.mark.django_db
def test_it_names_an_unknown_organisation_and_suggests_close_ones(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv("gevgelija,2015-11-21,arrivals,100,unhrc,osce-secretariat-cpc")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("2", "source_organisation", "unhrc", "is not a known organisation (did you mean unhcr?)")
    ]


@pytest.mark.django_db
def test_it_reports_dates_it_cannot_read_and_says_how_to_fix_them(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(
        "gevgelija,31/02/2016,arrivals,100,unhcr,osce-secretariat-cpc",
        "gevgelija,2016-02-30,arrivals,100,unhcr,osce-secretariat-cpc",
        "gevgelija,42278,arrivals,100,unhcr,osce-secretariat-cpc",
        "gevgelija,,arrivals,100,unhcr,osce-secretariat-cpc",
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        (
            "2",
            "date",
            "31/02/2016",
            "is not a date this system reads: write 2016-05-05, or set date_format in the mapping "
            "(e.g. %d/%m/%Y)",
        ),
        ("3", "date", "2016-02-30", "is not a real date (day is out of range for month)"),
        (
            "4",
            "date",
            "42278",
            "looks like an Excel serial date: format the column as a date, or set date_format: excel",
        ),
        ("5", "date", "", "is required"),
    ]


@pytest.mark.django_db
def test_it_refuses_a_precision_the_dates_do_not_have(cpc_editor, write_file, database_snapshot) -> None:
    path = write_file(
        "place,date_start,date_end,date_precision,metric,value,source_organisation\n"
        "gevgelija,2015-11-03,2015-11-30,month,arrivals,100,unhcr\n"
        "gevgelija,2015-11-01,2015-11-30,day,arrivals,100,unhcr\n"
        "gevgelija,2015-11-30,2015-11-01,range,arrivals,100,unhcr\n"
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("2", "date_precision", "month", "2015-11-03 to 2015-11-30 is not a whole month"),
        ("3", "date_precision", "day", "2015-11-01 to 2015-11-30 is not a whole day"),
        ("4", "date_end", "2015-11-01", "is before the start (2015-11-30)"),
    ]


@pytest.mark.django_db
def test_it_refuses_a_count_dated_outside_the_life_of_its_site(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    Place.objects.filter(slug="presevo").update(opened_on=date(2015, 7, 1), closed_on=date(2016, 3, 31))
    path = observations_csv(
        "presevo,2015-06-30,arrivals,100,unhcr,osce-secretariat-cpc",
        "presevo,2015-07,arrivals,100,unhcr,osce-secretariat-cpc",
        "presevo,2016-04-01,arrivals,100,unhcr,osce-secretariat-cpc",
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    life = "is outside the life of Preševo one-stop centre (opened 2015-07-01, closed 2016-03-31)"
    assert refused(report, database_snapshot, before) == [
        ("2", "date", "2015-06-30", life),
        ("4", "date", "2016-04-01", life),
    ]


@pytest.mark.django_db
def test_it_reports_every_row_that_repeats_an_observation(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(
        GOOD, "gevgelija,2015-11-21,arrivals,100,unhcr,osce-secretariat-cpc", GOOD.replace("120", "130")
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    same = "(same place, period, metric, breakdown and source)"
    assert refused(report, database_snapshot, before) == [
        ("2", "", "", f"is the same observation as row 4 {same}"),
        ("4", "", "", f"is the same observation as row 2 {same}"),
    ]


@pytest.mark.django_db
def test_it_refuses_rows_for_an_organisation_the_user_does_not_edit_for(
    skopje_focal_point, observations_csv, database_snapshot
) -> None:
    path = observations_csv(
        "gevgelija,2015-11-21,arrivals,100,unhcr,osce-mission-to-skopje",
        "gevgelija,2015-11-22,arrivals,100,unhcr,osce-secretariat-cpc",
    )
    before = database_snapshot()

    report = import_file(actor=skopje_focal_point, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        (
            "3",
            "owner",
            "osce-secretariat-cpc",
            "you may not write records for Conflict Prevention Centre: you edit only for your own",
        )
    ]


@pytest.mark.django_db
def test_it_reports_all_the_problems_of_one_row(cpc_editor, observations_csv, database_snapshot) -> None:
    path = observations_csv("nowhere,2015-13,teleported,-1,nobody,osce-secretariat-cpc")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert [(row, column) for row, column, _, _ in refused(report, database_snapshot, before)] == [
        ("2", "place"),
        ("2", "date"),
        ("2", "metric"),
        ("2", "value"),
        ("2", "source_organisation"),
    ]
    assert report.errors[2].reason == (
        "is not one of: arrivals, departures, transits, present, refugees_abroad, registered, "
        "asylum_applications, deaths"
    )


@pytest.mark.django_db
def test_it_keeps_a_reported_zero_apart_from_the_sources_not_available(cpc_editor, observations_csv) -> None:
    path = observations_csv(
        "gevgelija,2015-11-21,arrivals,0,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-22,arrivals,N/A,unhcr,osce-secretariat-cpc",
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    stored = Place.objects.get(slug="gevgelija").observations.filter(date_start__gte=date(2015, 11, 21))
    assert report.created == 2
    assert sorted(stored.values_list("date_start", "value", "value_status")) == [
        (date(2015, 11, 21), 0, "reported"),
        (date(2015, 11, 22), None, "not_available"),
    ]


@pytest.mark.django_db
def test_it_refuses_a_value_that_contradicts_its_status(cpc_editor, write_file, database_snapshot) -> None:
    path = write_file(
        "place,date,metric,value,value_status,source_organisation\n"
        "gevgelija,2015-11-21,arrivals,15,not_available,unhcr\n"
        "gevgelija,2015-11-22,arrivals,N/A,reported,unhcr\n"
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert refused(report, database_snapshot, before) == [
        ("2", "value", "15", "is given, but value_status says the source has none (not_available)"),
        ("3", "value", "N/A", "says not available, but value_status says reported"),
    ]
