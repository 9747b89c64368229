"""Importing observations: written once, unchanged when imported again, revised (keeping the old value)
when a figure changes; dry runs write nothing; valid-rows-only writes each good row whole."""

from __future__ import annotations

from datetime import date

import pytest

from corridor.core.models import Citation
from corridor.exchange.mapping import parse_mapping
from corridor.exchange.models import ImportRun
from corridor.exchange.services import import_file
from corridor.monitoring.models import FlowObservation

ROWS = (
    "gevgelija,2015-11-20,arrivals,120,unhcr,osce-secretariat-cpc",
    "gevgelija,2015-11-21,arrivals,0,unhcr,osce-secretariat-cpc",
    "tabanovce,2015-11,departures,3400,unhcr,osce-secretariat-cpc",
)


def stored(place: str = "gevgelija") -> list[tuple]:
    rows = FlowObservation.objects.filter(place__slug=place, date_start__gte=date(2015, 11, 20))
    return sorted(rows.values_list("date_start", "value", "is_current"))


@pytest.mark.django_db
def test_it_writes_a_valid_file_and_records_the_run(cpc_editor, observations_csv) -> None:
    report = import_file(actor=cpc_editor, source=observations_csv(*ROWS), kind="observations")

    assert (report.errors, report.created, report.written) == ([], 3, True)
    assert stored() == [(date(2015, 11, 20), 120, True), (date(2015, 11, 21), 0, True)]
    monthly = FlowObservation.objects.get(
        place__slug="tabanovce", metric="departures", date_start=date(2015, 11, 1)
    )
    assert (monthly.date_end, monthly.date_precision, monthly.owner.slug) == (
        date(2015, 11, 30),
        "month",
        "osce-secretariat-cpc",
    )
    run = ImportRun.objects.get(uid=report.run_uid)
    assert (run.submitted_by, run.created, run.status, run.file_name) == (
        cpc_editor,
        3,
        "succeeded",
        "upload.csv",
    )
    assert monthly.history.get().history_user == cpc_editor


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    path = observations_csv(*ROWS)
    import_file(actor=cpc_editor, source=path, kind="observations")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.created, report.revised, report.unchanged, report.run_uid) == (0, 0, 3, None)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_changed_figure_is_a_revision_that_keeps_the_old_value(cpc_editor, observations_csv) -> None:
    import_file(actor=cpc_editor, source=observations_csv(*ROWS), kind="observations")

    report = import_file(
        actor=cpc_editor,
        source=observations_csv(
            ROWS[0].replace(",120,", ",125,"),
            ROWS[1],
            "gevgelija,2015-11-22,arrivals,N/A,unhcr,osce-secretariat-cpc",
        ),
        kind="observations",
    )

    assert (report.created, report.revised, report.unchanged) == (1, 1, 1)
    assert stored() == [
        (date(2015, 11, 20), 120, False),
        (date(2015, 11, 20), 125, True),
        (date(2015, 11, 21), 0, True),
        (date(2015, 11, 22), None, True),
    ]
    revision = FlowObservation.objects.get(
        place__slug="gevgelija", date_start=date(2015, 11, 20), is_current=True
    )
    assert revision.revision_of.value == 120
    assert list(revision.revision_of.history.values_list("history_type", "history_change_reason")) == [
        ("~", "revised"),
        ("+", "recorded"),
    ]


@pytest.mark.django_db
def test_a_dry_run_counts_what_would_change_and_writes_nothing(
    cpc_editor, observations_csv, database_snapshot
) -> None:
    import_file(actor=cpc_editor, source=observations_csv(ROWS[0]), kind="observations")
    before = database_snapshot()

    report = import_file(
        actor=cpc_editor,
        source=observations_csv(ROWS[0].replace(",120,", ",121,"), *ROWS[1:]),
        kind="observations",
        dry_run=True,
    )

    assert (report.created, report.revised, report.unchanged, report.written, report.dry_run) == (
        2,
        1,
        0,
        False,
        True,
    )
    assert database_snapshot() == before


@pytest.mark.django_db
def test_valid_rows_only_writes_each_good_row_whole_and_reports_the_others(
    cpc_editor, observations_csv
) -> None:
    path = observations_csv(
        ROWS[0],
        "gevgelija,2015-11-21,arrivals,-3,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-22,arrivals,7,unhcr,osce-secretariat-cpc",
        "gevgelija,2015-11-22,arrivals,8,unhcr,osce-secretariat-cpc",
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations", mode="valid_rows_only")

    assert [(error.row, error.column) for error in report.errors] == [(3, "value"), (4, ""), (5, "")]
    assert (report.created, report.written) == (1, True)
    assert stored() == [(date(2015, 11, 20), 120, True)]
    assert ImportRun.objects.get(uid=report.run_uid).status == "partial"


@pytest.mark.django_db
def test_an_hxl_file_is_read_by_its_hashtags_whatever_its_headers_and_titles(cpc_editor, write_file) -> None:
    path = write_file(
        "Daily arrivals reported to the Mission,,,,\n"
        "Ort,Datum,Ankünfte,Quelle,Bemerkung\n"
        "#loc+name,#date,#affected+arrivals,#org+source,#description+note\n"
        "Gevgelija,2015-11-20,4370,UNHCR,Vinojug\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created) == ([], 1)
    observation = FlowObservation.objects.get(place__slug="gevgelija", date_start=date(2015, 11, 20))
    assert (
        observation.metric,
        observation.value,
        observation.note,
        observation.source_organisation.slug,
    ) == (
        "arrivals",
        4370,
        "Vinojug",
        "unhcr",
    )


@pytest.mark.django_db
def test_a_mapping_translates_cells_skips_missing_days_and_cites_the_source(cpc_editor, write_file) -> None:
    path = write_file(
        "date,country,arrivals,flag\n"
        "2015-11-20,fyrom,5000,reported\n"
        "2015-11-20,mainland_greece_departures,3000,reported\n"
        "2015-11-20,serbia,,reported_na\n"
        "2015-11-20,germany,,missing\n"
    )
    mapping = parse_mapping(
        {
            "columns": {"place": "country", "value": "arrivals", "value_status": "flag"},
            "constants": {"metric": "arrivals", "source_organisation": "unhcr"},
            "values": {
                "place": {
                    "fyrom": "mk",
                    "serbia": "rs",
                    "germany": "de",
                    "mainland_greece_departures": {"place": "greek-islands", "metric": "departures"},
                },
                "value_status": {"reported": "reported", "reported_na": "not_available"},
            },
            "skip": {"value_status": ["missing"]},
            "cite": {"source": "unhcr-wb-route-daily", "locator": "{file}:{row}"},
        },
        origin="test",
        kind="observations",
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations", mapping=mapping)

    assert (report.errors, report.created, report.skipped) == ([], 3, 1)
    imported = FlowObservation.objects.filter(
        date_start=date(2015, 11, 20), source_organisation__slug="unhcr"
    )
    assert sorted(imported.values_list("place__slug", "metric", "value", "value_status")) == [
        ("greek-islands", "departures", 3000, "reported"),
        ("mk", "arrivals", 5000, "reported"),
        ("rs", "arrivals", None, "not_available"),
    ]
    cited = Citation.objects.filter(object_id__in=imported.values("pk"), source__slug="unhcr-wb-route-daily")
    assert sorted(cited.values_list("locator", flat=True)) == ["upload.csv:2", "upload.csv:3", "upload.csv:4"]


@pytest.mark.django_db
def test_a_wide_file_is_unpivoted_and_a_bad_cell_refuses_its_whole_row(cpc_editor, write_file) -> None:
    path = write_file(
        "CITIZEN,GEO,Y2015M01,Y2015M02\n"
        "Kosovo,Hungary,9185,13630\n"
        "Kosovo,Austria,1050,-960\n"
        "Kosovo,Germany,3665,\n"
    )
    mapping = parse_mapping(
        {
            "columns": {"place": "GEO", "nationality": "CITIZEN"},
            "unpivot": {"columns": ["Y2015M01", "Y2015M02"], "header_field": "date", "value_field": "value"},
            "values": {"date": {"Y2015M01": "2015-01", "Y2015M02": "2015-02"}},
            "constants": {"metric": "asylum_applications", "source_organisation": "unhcr"},
            "skip": {"value": [""]},
        },
        origin="test",
    )

    report = import_file(
        actor=cpc_editor, source=path, kind="observations", mapping=mapping, mode="valid_rows_only"
    )

    assert [error.as_row() for error in report.errors] == [
        ("3", "Y2015M02", "-960", "is negative: a count of people is 0 or more")
    ]
    assert (report.created, report.skipped) == (3, 1)
    imported = FlowObservation.objects.filter(metric="asylum_applications", nationality="XK")
    assert sorted(imported.values_list("place__slug", "date_start", "value")) == [
        ("de", date(2015, 1, 1), 3665),
        ("hu", date(2015, 1, 1), 9185),
        ("hu", date(2015, 2, 1), 13630),
    ]


@pytest.mark.django_db
def test_the_importers_organisation_is_the_owner_unless_the_file_says_otherwise(
    skopje_focal_point, write_file
) -> None:
    path = write_file("place,date,metric,value,source_organisation\ngevgelija,2015-11-20,arrivals,9,unhcr\n")

    report = import_file(actor=skopje_focal_point, source=path, kind="observations")

    assert report.errors == []
    observation = FlowObservation.objects.get(place__slug="gevgelija", date_start=date(2015, 11, 20))
    assert observation.owner.slug == "osce-mission-to-skopje"


@pytest.mark.django_db
def test_an_outsider_cannot_write_for_the_secretariat_nor_an_anonymous_visitor_at_all(
    outsider, observations_csv, database_snapshot
) -> None:
    from django.contrib.auth.models import AnonymousUser

    path = observations_csv(ROWS[0])
    before = database_snapshot()

    refused = import_file(actor=outsider, source=path, kind="observations")
    anonymous = import_file(actor=AnonymousUser(), source=path, kind="observations")

    assert refused.errors[0].as_row() == (
        "2",
        "owner",
        "osce-secretariat-cpc",
        "you may not write records for Conflict Prevention Centre: you edit only for your own",
    )
    assert [error.reason for error in anonymous.errors] == ["sign in to import records"]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_clash_with_a_concurrent_import_is_reported_and_rolled_back(
    cpc_editor, observations_csv, monkeypatch, database_snapshot
) -> None:
    from django.db import IntegrityError

    from corridor.monitoring.bulk_sql import StagingSql

    def clash(self, **kwargs) -> int:  # type: ignore[no-untyped-def]
        raise IntegrityError(
            'duplicate key value violates unique constraint "monitoring_obs_one_current_per_key"'
        )

    monkeypatch.setattr(StagingSql, "insert_current", clash)
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=observations_csv(*ROWS), kind="observations")

    assert [error.reason for error in report.errors] == [
        "another import changed some of the same observations meanwhile: import again"
    ]
    assert (report.written, report.created) == (False, 0)
    assert database_snapshot() == before
