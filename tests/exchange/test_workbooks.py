"""Excel workbooks: date cells, dates typed as serial numbers, other sheets, HXL hashtag rows."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from corridor.exchange.mapping import MappingSpec
from corridor.exchange.services import import_file
from corridor.monitoring.models import FlowObservation


def workbook(path: Path, rows: list[list[object]], *, sheet: str = "Sheet", epoch_1904: bool = False) -> Path:
    book = Workbook()
    active = book.active
    active.title = sheet
    if epoch_1904:
        book.epoch = datetime(1904, 1, 1)
    for row in rows:
        active.append(row)
    book.save(path)
    return path


HEADER = ["place", "date", "metric", "value", "source_organisation"]


@pytest.mark.django_db
def test_it_reads_date_cells_and_excel_serial_numbers(cpc_editor, tmp_path) -> None:
    path = workbook(
        tmp_path / "daily.xlsx",
        [
            HEADER,
            ["gevgelija", datetime(2015, 11, 20), "arrivals", 4370, "unhcr"],
            ["gevgelija", 42329, "arrivals", 5853.0, "unhcr"],
            ["gevgelija", "2015-12", "arrivals", 120000, "unhcr"],
            ["gevgelija", 2016, "arrivals", "N/A", "unhcr"],
        ],
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created, report.file_format) == ([], 4, "xlsx")
    stored = FlowObservation.objects.filter(place__slug="gevgelija", date_start__gte=date(2015, 11, 20))
    assert sorted(stored.values_list("date_start", "date_end", "date_precision", "value")) == [
        (date(2015, 11, 20), date(2015, 11, 20), "day", 4370),
        (date(2015, 11, 21), date(2015, 11, 21), "day", 5853),
        (date(2015, 12, 1), date(2015, 12, 31), "month", 120000),
        (date(2016, 1, 1), date(2016, 12, 31), "year", None),
    ]


@pytest.mark.django_db
def test_it_uses_the_workbooks_own_epoch_for_serial_dates(cpc_editor, tmp_path) -> None:
    path = workbook(
        tmp_path / "mac.xlsx", [HEADER, ["gevgelija", 40867, "arrivals", 1, "unhcr"]], epoch_1904=True
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert report.errors == []
    assert FlowObservation.objects.filter(place__slug="gevgelija", date_start=date(2015, 11, 21)).exists()


@pytest.mark.django_db
def test_it_reports_bad_cells_of_a_workbook_with_their_row_and_column(
    cpc_editor, tmp_path, database_snapshot
) -> None:
    path = workbook(
        tmp_path / "bad.xlsx",
        [
            HEADER,
            ["gevgelija", datetime(2015, 11, 20), "arrivals", 12.5, "unhcr"],
            ["gevgelija", 3.5e6, "arrivals", 1, "unhcr"],
        ],
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert [error.as_row() for error in report.errors] == [
        ("2", "value", "12.5", "is not a whole number of people"),
        ("3", "date", "3500000", "is not an Excel date serial number"),
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_it_reads_the_sheet_a_mapping_names_with_its_hashtag_row(cpc_editor, tmp_path) -> None:
    path = tmp_path / "two-sheets.xlsx"
    book = Workbook()
    book.active.append(["notes only"])
    sheet = book.create_sheet("arrivals")
    sheet.append(["Site", "Day", "Arrived", "Source"])
    sheet.append(["#loc+code", "#date", "#affected+arrivals", "#org+source"])
    sheet.append(["tabanovce", datetime(2016, 3, 1), 0, "unhcr"])
    book.save(path)

    report = import_file(
        actor=cpc_editor, source=path, kind="observations", mapping=MappingSpec(sheet="arrivals")
    )

    assert (report.errors, report.created) == ([], 1)
    assert FlowObservation.objects.get(place__slug="tabanovce", date_start=date(2016, 3, 1)).value == 0


@pytest.mark.django_db
def test_a_sheet_the_workbook_lacks_is_named_with_those_it_has(cpc_editor, tmp_path) -> None:
    path = workbook(tmp_path / "one.xlsx", [HEADER], sheet="Daily")

    report = import_file(
        actor=cpc_editor, source=path, kind="observations", mapping=MappingSpec(sheet="arrivals")
    )

    assert [error.reason for error in report.errors] == [
        "the workbook has no sheet 'arrivals'; its sheets are: Daily"
    ]
