"""Real files: encodings of the region, a BOM, empty or truncated files, huge cells, other delimiters and
things that are not tables at all — each read correctly or refused with a clear message, never a
traceback, and never a half-written import."""

from __future__ import annotations

import codecs
import io

import pytest

from corridor.exchange.services import import_file
from corridor.monitoring.models import FlowObservation

HEADER = "place,date,metric,value,source_organisation,note"


def errors_of(report):  # type: ignore[no-untyped-def]
    return [error.as_row() for error in report.errors]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8 (detected)"),
        ("utf-8-sig", "UTF-8 with BOM (detected)"),
        ("cp1250", "Windows-1250 (detected)"),
        ("utf-16", "UTF-16 (detected)"),
    ],
)
def test_it_reads_latin_balkan_names_in_the_encodings_excel_saves(
    cpc_editor, write_file, encoding, label
) -> None:
    path = write_file(
        f"{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,Preševo: đak iz Šida\n", encoding=encoding
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created, report.encoding) == ([], 1, label)
    assert (
        FlowObservation.objects.get(place__slug="presevo", date_start="2015-11-20").note
        == "Preševo: đak iz Šida"
    )


@pytest.mark.django_db
def test_it_reads_cyrillic_names_saved_as_windows_1251(cpc_editor, write_file) -> None:
    path = write_file(
        f"{HEADER}\nПрешево,2015-11-20,arrivals,10,unhcr,Београд – Прешево\n", encoding="cp1251"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created, report.encoding) == ([], 1, "Windows-1251 (detected)")
    assert (
        FlowObservation.objects.get(place__slug="presevo", date_start="2015-11-20").note
        == "Београд – Прешево"
    )


@pytest.mark.django_db
def test_a_named_encoding_that_does_not_fit_is_refused_with_its_row(
    cpc_editor, write_file, database_snapshot
) -> None:
    from corridor.exchange.mapping import MappingSpec

    path = write_file(f"{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,Preševo\n", encoding="utf-8")
    before = database_snapshot()

    report = import_file(
        actor=cpc_editor, source=path, kind="observations", mapping=MappingSpec(encoding="ascii")
    )

    assert errors_of(report) == [
        (
            "",
            "",
            "",
            "row 2 is not ascii text (byte b'\\xc5'): save the file as CSV UTF-8, or name its encoding",
        )
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty (0 bytes)"),
        (b"\n\n\n", "the first line is empty: the header must be on the first line"),
        (HEADER.encode() + b"\n", "the file has a header (row 1) but no data rows"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "this is an Excel 97–2003 (.xls) or a password-protected workbook: save it as .xlsx or CSV",
        ),
        (b"PK\x03\x04broken", "the workbook is damaged or truncated (File is not a zip file)"),
        (
            "Ω".encode() + b"\x81\x98\x00",
            "the file is not UTF-8, Windows-1250 or Windows-1251 text: "
            "save it as CSV UTF-8, or name its encoding",
        ),
    ],
    ids=["empty", "blank-lines", "header-only", "xls", "damaged-xlsx", "binary"],
)
def test_a_file_that_is_no_table_is_refused_with_a_clear_message(
    cpc_editor, write_file, database_snapshot, content, reason
) -> None:
    path = write_file(content)
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert errors_of(report) == [("", "", "", reason)]
    assert not report.written
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_truncated_last_line_is_reported_and_nothing_is_written(
    cpc_editor, write_file, database_snapshot
) -> None:
    path = write_file(f"{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,ok\npresevo,2015-11-21,arri")
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert errors_of(report) == [
        ("3", "value", "", "the row ends after 3 of 6 columns: the file may be truncated")
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_quote_left_open_at_the_end_is_reported(cpc_editor, write_file, database_snapshot) -> None:
    path = write_file(
        f'{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,ok\npresevo,2015-11-21,arrivals,10,unhcr,"cut'
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert errors_of(report) == [
        ("3", "", "", "a quoted cell is not closed before the end of the file: the file may be truncated")
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_huge_cell_is_reported_and_the_rows_after_it_are_still_checked(
    cpc_editor, write_file, database_snapshot
) -> None:
    huge = "x" * 200_000
    path = write_file(
        f'{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,"{huge}"\npresevo,2015-11-21,arrivals,-1,unhcr,ok\n'
    )
    before = database_snapshot()

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert errors_of(report) == [
        ("2", "", "", "a cell is longer than 131,072 characters (the limit): is a closing quote missing?"),
        ("3", "value", "-1", "is negative: a count of people is 0 or more"),
    ]
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_long_note_is_refused_with_its_length_and_shown_shortened(cpc_editor, write_file) -> None:
    path = write_file(f"{HEADER}\npresevo,2015-11-20,arrivals,10,unhcr,{'y' * 25_000}\n")

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    (row, column, value, reason) = report.errors[0].as_row()
    assert (row, column, reason) == ("2", "note", "is 25,000 characters long; at most 20,000 fit")
    assert value == "y" * 200 + "… (25,000 characters)"


@pytest.mark.django_db
def test_it_reads_semicolon_separated_files_from_european_excel(cpc_editor, write_file) -> None:
    path = write_file(
        "place;date;metric;value;source_organisation\ngevgelija;2015-11-20;arrivals;1 250;unhcr\n"
    )

    report = import_file(actor=cpc_editor, source=path, kind="observations")

    assert (report.errors, report.created) == ([], 1)
    assert FlowObservation.objects.get(place__slug="gevgelija", date_start="2015-11-20").value == 1250


@pytest.mark.django_db
def test_it_reads_an_upload_that_cannot_seek(cpc_editor) -> None:
    class Upload(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            chunk = self._data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = codecs.BOM_UTF8 + f"{HEADER}\ngevgelija,2015-11-20,arrivals,5,unhcr,\n".encode()

    report = import_file(actor=cpc_editor, source=Upload(data), file_name="daily.csv", kind="observations")

    assert (report.errors, report.created, report.file_name) == ([], 1, "daily.csv")
