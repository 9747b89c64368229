"""Exports: every kind in every format, only what the user may read, HXL that libhxl parses and a schema
validates, and files that import back unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import hxl
import pytest
from openpyxl import load_workbook

from corridor.accounts.choices import Role
from corridor.core.dates import DateSpan
from corridor.exchange.exporting import ExportFilters
from corridor.exchange.services import export_records, import_file
from corridor.exchange.vocabulary import export_fields
from corridor.geo.models import Place
from corridor.geo.selectors import places_visible_to
from corridor.monitoring.models import FlowObservation
from corridor.monitoring.selectors import observations_visible_to
from corridor.monitoring.services import record_observation
from corridor.operations.models import Activity
from corridor.operations.selectors import activities_visible_to
from corridor.timeline.selectors import events_visible_to

SCHEMAS = Path(__file__).resolve().parents[2] / "corridor" / "exchange" / "hxl_schemas"
KINDS = ("observations", "events", "activities", "places")
VISIBLE = {
    "observations": observations_visible_to,
    "events": events_visible_to,
    "activities": activities_visible_to,
    "places": places_visible_to,
}


def exported(user, kind: str, format: str, tmp_path: Path, **filters) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.{format}"
    with path.open("wb") as stream:
        export_records(user=user, kind=kind, format=format, stream=stream, filters=ExportFilters(**filters))
    return path


def hxl_errors(path: Path, kind: str) -> list[tuple[str, str]]:
    """Every problem libhxl finds against the kind's schema and its own default schema."""
    found: list[hxl.validation.HXLValidationException] = []
    options = hxl.InputOptions(allow_local=True)
    for schema_source in (hxl.data(str(SCHEMAS / f"{kind}.json"), options), None):
        schema = hxl.schema(schema_source, callback=found.append)
        schema.validate(hxl.data(str(path), options))
    return [
        (str(problem.rule.tag_pattern), str(problem.value))
        for problem in found
        if problem.rule.severity in ("error", "warning")
    ]


@pytest.fixture
def restricted_count(skopje, skopje_focal_point, unhcr) -> FlowObservation:  # type: ignore[no-untyped-def]
    return record_observation(
        actor=skopje_focal_point,
        owner=skopje,
        place=Place.objects.get(slug="tabanovce"),
        metric="present",
        span=DateSpan.parse("2016-03-08"),
        value=1200,
        source_organisation=unhcr,
        classification="restricted",
    ).observation


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_every_hxl_export_parses_with_libhxl_and_validates_against_its_schema(
    kind, vienna_analyst, tmp_path
) -> None:
    path = exported(vienna_analyst, kind, "hxl", tmp_path)

    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    rows = list(dataset)

    assert [column.display_tag for column in dataset.columns] == [spec.hxl for spec in export_fields(kind)]
    assert len(rows) == VISIBLE[kind](vienna_analyst).count() > 0
    assert hxl_errors(path, kind) == []


@pytest.mark.django_db
def test_the_schema_catches_a_broken_observation_export(vienna_analyst, tmp_path) -> None:
    path = exported(vienna_analyst, "observations", "hxl", tmp_path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[2][8], rows[3][7] = "-5", "teleported"
    with path.open("w", encoding="utf-8", newline="") as broken:
        csv.writer(broken).writerows(rows)

    assert sorted(hxl_errors(path, "observations")) == [
        ("#affected+num", "-5"),
        ("#affected+num", "-5"),
        ("#indicator+code", "teleported"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_csv_xlsx_and_json_exports_hold_the_same_records(kind, vienna_analyst, tmp_path) -> None:
    names = [spec.name for spec in export_fields(kind)]

    plain = list(csv.reader(exported(vienna_analyst, kind, "csv", tmp_path).open(encoding="utf-8")))
    sheet = list(
        load_workbook(exported(vienna_analyst, kind, "xlsx", tmp_path), read_only=True).active.values
    )
    document = json.loads(exported(vienna_analyst, kind, "json", tmp_path).read_text(encoding="utf-8"))

    count = VISIBLE[kind](vienna_analyst).count()
    assert (plain[0], len(plain) - 1) == (names, count)
    assert (list(sheet[0]), list(sheet[1]), len(sheet) - 2) == (
        names,
        [s.hxl for s in export_fields(kind)],
        count,
    )
    assert (document["kind"], [f["name"] for f in document["fields"]], len(document["records"])) == (
        kind,
        names,
        count,
    )
    assert sorted(record["uid"] for record in document["records"]) == sorted(row[0] for row in plain[1:])


@pytest.mark.django_db
def test_an_export_holds_only_what_the_user_may_read(
    restricted_count, skopje_focal_point, vienna_analyst, outsider, tmp_path
) -> None:
    def uids(user) -> set[str]:  # type: ignore[no-untyped-def]
        return {row["uid"] for row in csv.DictReader(exported(user, "observations", "csv", tmp_path).open())}

    assert str(restricted_count.uid) in uids(skopje_focal_point)
    assert str(restricted_count.uid) in uids(vienna_analyst)
    assert str(restricted_count.uid) not in uids(outsider)
    assert str(restricted_count.uid) not in uids(None)


@pytest.mark.django_db
def test_an_export_can_be_filtered_and_refuses_filters_of_other_kinds(
    vienna_analyst, restricted_count, tmp_path
) -> None:
    path = exported(vienna_analyst, "observations", "csv", tmp_path, places=("tabanovce",), metric="present")

    rows = list(csv.DictReader(path.open()))

    assert [(row["place"], row["metric"], row["value"]) for row in rows] == [("tabanovce", "present", "1200")]
    with pytest.raises(ValueError, match="filter\\(s\\) category do not apply to observations"):
        ExportFilters(category="research").check("observations")


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["hxl", "csv", "xlsx"])
def test_an_observation_export_imports_back_unchanged(
    format, vienna_analyst, tmp_path, database_snapshot
) -> None:
    path = exported(vienna_analyst, "observations", format, tmp_path)
    before = database_snapshot()

    report = import_file(actor=vienna_analyst, source=path, kind="observations")

    assert (report.errors, report.created, report.revised) == ([], 0, 0)
    assert report.unchanged == observations_visible_to(vienna_analyst).count()
    assert report.ignored_columns == ["uid", "place_name", "country", "is_current", "revision_of"]
    assert database_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["events", "activities", "places"])
def test_events_activities_and_places_import_back_unchanged(
    kind, make_user, tmp_path, database_snapshot
) -> None:
    admin = make_user("exchange.admin", superuser=True)
    path = exported(admin, kind, "hxl", tmp_path)
    before = database_snapshot()

    report = import_file(actor=admin, source=path, kind=kind)

    assert (report.errors, report.created, report.updated) == ([], 0, 0)
    assert report.unchanged == VISIBLE[kind](admin).count()
    assert database_snapshot() == before


@pytest.mark.django_db
def test_an_anonymous_export_is_public_records_only(tmp_path) -> None:
    stream = io.BytesIO()

    count = export_records(user=None, kind="events", format="json", stream=stream)

    records = json.loads(stream.getvalue())["records"]
    assert count == len(records) == events_visible_to(None).count()
    assert {record["classification"] for record in records} == {"public"}


@pytest.mark.django_db
def test_a_member_exports_the_restricted_events_of_their_organisation_only(
    make_user, make_event, skopje, serbia, tmp_path
) -> None:
    viewer = make_user("skopje.viewer", skopje, Role.VIEWER)
    own = make_event(skopje, "restricted", title="Own restricted")
    other = make_event(serbia, "restricted", title="Another mission's restricted")
    internal = make_event(serbia, "internal", title="Another mission's internal")

    titles = {row["title"] for row in csv.DictReader(exported(viewer, "events", "csv", tmp_path).open())}

    assert {own.title, internal.title} <= titles
    assert other.title not in titles


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["events", "activities"])
def test_an_export_does_not_name_a_place_the_user_may_not_read(kind, make_event, skopje, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hidden = Place.objects.create(
        slug="test-restricted-site", name="Undisclosed shelter", kind="reception_centre",
        country=Place.objects.get(slug="mk").country, classification="restricted", owner=skopje,
    )  # fmt: skip
    record = make_event(skopje, title="Shelter opened") if kind == "events" else Activity.objects.create(
        slug="test-at-hidden-site", title="Shelter staff briefed", category="monitoring", lead=skopje,
        owner=skopje, classification="public", date_start=DateSpan.parse("2016-03-08").start,
        date_end=DateSpan.parse("2016-03-08").end, date_precision="day",
    )  # fmt: skip
    record.places.set([hidden, Place.objects.get(slug="gevgelija")])

    rows = {row["uid"]: row for row in csv.DictReader(exported(None, kind, "csv", tmp_path).open())}

    assert rows[str(record.uid)]["places"] == "gevgelija"
