"""A file beyond the import's limits is refused before it is parsed, or as soon as a row shows it: its
size, its rows, columns and cells, and for a workbook the zip's parts — how many, how large unzipped, how
far one unzips. The error names the file, the limit and where; nothing is written. The workbooks here are
built in the test, part by part, as an attacker would."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl.worksheet import _read_only, _reader

from corridor.exchange import xlsx_table
from corridor.exchange.services import UploadTooLarge, import_file, stage_upload
from corridor.jobs.models import Job

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
HEADER = "place,date,metric,value,source_organisation,owner"


def workbook(
    sheet_data: str, *, dimension: str = "", shared_strings: str = "", extra_parts: int = 0
) -> bytes:
    """An .xlsx with one sheet 'counts' holding `sheet_data` (the XML inside <sheetData>)."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    strings = shared_strings or f'<sst xmlns="{MAIN}" count="0" uniqueCount="0"/>'
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": f'<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets>'
        '<sheet name="counts" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{DOCUMENT}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOCUMENT}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}">{declared}<sheetData>{sheet_data}</sheetData>'
        "</worksheet>",
        "xl/sharedStrings.xml": strings,
        **{f"customXml/item{number}.xml": "<x/>" for number in range(extra_parts)},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def text_row(number: int, *cells: str, first_column: int = 1) -> str:
    def letter(index: int) -> str:
        name = ""
        while index:
            index, remainder = divmod(index - 1, 26)
            name = chr(65 + remainder) + name
        return name

    return f'<row r="{number}">' + "".join(
        f'<c r="{letter(first_column + offset)}{number}" t="inlineStr"><is><t>{cell}</t></is></c>'
        for offset, cell in enumerate(cells)
    ) + "</row>"  # fmt: skip


HEADER_ROW = text_row(1, *HEADER.split(","))


@pytest.fixture
def parsed_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The numbers of the rows openpyxl parses (by either reader); more than 1,000 fails the test at once,
    so a file that would keep a worker busy for minutes fails in a moment instead."""
    seen: list[int] = []

    def count(rows: Iterator[tuple[int, object]]) -> Iterator[tuple[int, object]]:
        for number, row in rows:
            seen.append(number)
            assert len(seen) <= 1_000, "the reader went on parsing rows of a file beyond the limits"
            yield number, row

    real_parse = _reader.WorkSheetParser.parse
    monkeypatch.setattr(_reader.WorkSheetParser, "parse", lambda self: count(real_parse(self)))
    real_cells = _read_only.ReadOnlyWorksheet._cells_by_row

    def cells_by_row(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        for number, row in enumerate(real_cells(self, *args, **kwargs), start=1):
            seen.append(number)
            assert len(seen) <= 1_000, "the reader went on building rows of a file beyond the limits"
            yield row

    monkeypatch.setattr(_read_only.ReadOnlyWorksheet, "_cells_by_row", cells_by_row)
    return seen


@pytest.fixture
def never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if openpyxl is asked to open the workbook at all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl opened a workbook that its zip's sizes should have refused")

    monkeypatch.setattr(xlsx_table, "load_workbook", refuse)


@pytest.fixture
def viewer(make_user, skopje):  # type: ignore[no-untyped-def]
    return make_user("skopje.viewer", skopje)


def reasons(report) -> list[tuple[int | None, str, str]]:  # type: ignore[no-untyped-def]
    return [(error.row, error.column, error.reason) for error in report.errors]


@pytest.mark.django_db
def test_it_refuses_a_workbook_that_declares_more_rows_than_the_limit(
    viewer, write_file, parsed_rows, database_snapshot
) -> None:
    # Given a 2 kB workbook declaring a whole sheet, with one cell in its last row
    bomb = workbook(text_row(1_048_576, "x", first_column=16_384), dimension="A1:XFD1048576")
    before = database_snapshot()

    # When a viewer checks it (a dry run)
    report = import_file(
        actor=viewer, source=write_file(bomb, name="bomb.xlsx"), kind="observations", dry_run=True
    )

    # Then it is refused as soon as the dimension is read, before any row is parsed
    assert len(bomb) < 2_000
    assert reasons(report) == [
        (
            None,
            "",
            "bomb.xlsx sheet 'counts' declares A1:XFD1048576: 1,048,576 rows by 16,384 columns, "
            "over the limit of 1,000,000 rows (EXCHANGE_IMPORT_MAX_ROWS)",
        )
    ]
    assert (parsed_rows, report.rows_read) == ([], 0)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_it_refuses_a_workbook_that_declares_more_columns_than_the_limit(
    viewer, write_file, parsed_rows
) -> None:
    wide = workbook(HEADER_ROW, dimension="A1:GS3")

    report = import_file(actor=viewer, source=write_file(wide, name="wide.xlsx"), kind="observations")

    assert [reason for _, _, reason in reasons(report)] == [
        "wide.xlsx sheet 'counts' declares A1:GS3: 3 rows by 201 columns, over the limit of 200 columns "
        "(EXCHANGE_IMPORT_MAX_COLUMNS)"
    ]
    assert parsed_rows == []


@pytest.mark.django_db
def test_it_refuses_an_undeclared_row_beyond_the_limit_as_soon_as_it_is_seen(
    viewer, write_file, parsed_rows
) -> None:
    # Given a workbook with no dimension: a header, then one cell in the sheet's last row
    far = workbook(HEADER_ROW + text_row(1_048_576, "gevgelija"))

    report = import_file(actor=viewer, source=write_file(far, name="far.xlsx"), kind="observations")

    # Then the far row is refused by its number: no empty row before it is built
    assert reasons(report) == [
        (
            1_048_576,
            "",
            "far.xlsx has more than 1,000,000 rows (the limit, EXCHANGE_IMPORT_MAX_ROWS): "
            "sheet 'counts', row 1,048,576 is one too many; split the file",
        )
    ]
    assert parsed_rows == [1, 1_048_576]


@pytest.mark.django_db
def test_it_refuses_an_undeclared_cell_beyond_the_column_limit(viewer, write_file, parsed_rows) -> None:
    wide = workbook(HEADER_ROW + text_row(2, "gevgelija") + text_row(3, "x", first_column=16_384))

    report = import_file(actor=viewer, source=write_file(wide, name="wide.xlsx"), kind="observations")

    assert reasons(report) == [
        (
            3,
            "GS",
            "wide.xlsx has a row of 16,384 cells, over the limit of 200 columns "
            "(EXCHANGE_IMPORT_MAX_COLUMNS): sheet 'counts', row 3, column GS",
        )
    ]
    assert parsed_rows == [1, 2, 3]


@pytest.mark.django_db
def test_it_refuses_shared_strings_that_unzip_far_beyond_their_size_before_opening_the_workbook(
    viewer, write_file, never_opened
) -> None:
    # Given shared strings of 4 MB that compress to a few kilobytes
    filler = "<si><t>" + "A" * 1_000 + "</t></si>"
    strings = f'<sst xmlns="{MAIN}" count="4000" uniqueCount="4000">{filler * 4_000}</sst>'
    bomb = workbook(HEADER_ROW, shared_strings=strings)

    report = import_file(actor=viewer, source=write_file(bomb, name="strings.xlsx"), kind="observations")

    (row, column, reason), *others = reasons(report)
    assert (row, column, others) == (None, "", [])
    assert reason.startswith("strings.xlsx holds xl/sharedStrings.xml, which unzips to 3.9 MB from ")
    assert reason.endswith("over the limit of 100 times (EXCHANGE_IMPORT_MAX_COMPRESSION_RATIO)")


@pytest.mark.django_db
def test_it_refuses_a_workbook_that_unzips_beyond_the_limit(
    viewer, write_file, never_opened, settings
) -> None:
    settings.EXCHANGE_IMPORT_MAX_UNZIPPED_BYTES = 50_000
    rows = "".join(text_row(number, f"place-{number * 7919 % 10007}") for number in range(2, 2_000))

    report = import_file(
        actor=viewer, source=write_file(workbook(HEADER_ROW + rows), name="big.xlsx"), kind="observations"
    )

    assert [reason for _, _, reason in reasons(report)] == [
        "big.xlsx unzips to more than 50,000 bytes (the limit, EXCHANGE_IMPORT_MAX_UNZIPPED_BYTES; "
        "reached at xl/worksheets/sheet1.xml)"
    ]


@pytest.mark.django_db
def test_it_refuses_a_workbook_of_more_parts_than_the_limit(
    viewer, write_file, never_opened, settings
) -> None:
    settings.EXCHANGE_IMPORT_MAX_ZIP_MEMBERS = 20

    report = import_file(
        actor=viewer,
        source=write_file(workbook(HEADER_ROW, extra_parts=20), name="parts.xlsx"),
        kind="events",
    )

    assert [reason for _, _, reason in reasons(report)] == [
        "parts.xlsx is a workbook of 26 parts, over the limit of 20 (EXCHANGE_IMPORT_MAX_ZIP_MEMBERS)"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("given_as", ["path", "stream", "unseekable stream"])
def test_it_refuses_a_file_over_the_size_limit_before_reading_it(
    given_as, viewer, tmp_path, settings, monkeypatch
) -> None:
    settings.EXCHANGE_IMPORT_MAX_BYTES = 1_000
    content = (
        HEADER + "\n" + "gevgelija,2016-03-09,arrivals,120,unhcr,osce-mission-to-skopje\n" * 30
    ).encode()
    path = tmp_path / "counts.csv"
    path.write_bytes(content)
    source: Path | io.BufferedReader | io.BytesIO = path
    if given_as == "stream":
        source = io.BytesIO(content)
    elif given_as == "unseekable stream":
        source = io.BufferedReader(_Unseekable(content))  # type: ignore[arg-type]
    monkeypatch.setattr("corridor.exchange.pipeline.open_table", _never_parsed)

    report = import_file(
        actor=viewer, source=source, file_name="counts.csv", kind="observations", dry_run=True
    )

    shown_size = f"{len(content):,} bytes"
    assert [reason for _, _, reason in reasons(report)] == [
        f"counts.csv is {shown_size}, over the upload limit of 1,000 bytes (EXCHANGE_IMPORT_MAX_BYTES): "
        "split it into smaller files"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "limit,value,lines,expected",
    [
        ("ROWS", 4, 6, (5, "", "counts.csv has more than 4 rows (the limit, EXCHANGE_IMPORT_MAX_ROWS): "
                                "row 5 is one too many; split the file")),
        ("COLUMNS", 6, 3, (3, "G", "counts.csv has a row of 7 cells, over the limit of 6 columns "
                                   "(EXCHANGE_IMPORT_MAX_COLUMNS): row 3, column G")),
        ("CELLS", 20, 6, (4, "", "counts.csv has more than 20 cells (the limit, EXCHANGE_IMPORT_MAX_CELLS), "
                                 "reached at row 4")),
    ],
)  # fmt: skip
def test_it_refuses_a_csv_beyond_the_row_column_or_cell_limit_at_the_row_that_breaks_it(
    limit, value, lines, expected, viewer, write_file, settings, database_snapshot
) -> None:
    setattr(settings, f"EXCHANGE_IMPORT_MAX_{limit}", value)
    rows = [
        HEADER,
        *(f"gevgelija,2016-03-{day:02},arrivals,120,unhcr,osce-mission-to-skopje" for day in range(1, lines)),
    ]
    if limit == "COLUMNS":
        rows[2] += ",extra"
    before = database_snapshot()

    report = import_file(
        actor=viewer, source=write_file("\n".join(rows) + "\n", name="counts.csv"), kind="observations"
    )

    assert reasons(report) == [expected]
    assert database_snapshot() == before


def test_an_upload_over_the_limit_is_not_staged(tmp_path, settings) -> None:
    settings.EXCHANGE_IMPORT_MAX_BYTES = 1_000
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"

    with pytest.raises(
        UploadTooLarge, match=r"^big\.csv is 5,000 bytes, over the upload limit of 1,000 bytes"
    ):
        stage_upload(stream=io.BytesIO(b"x" * 5_000), file_name="big.csv")

    assert list((tmp_path / "uploads").iterdir()) == []


@pytest.mark.django_db
def test_the_upload_page_refuses_a_file_over_the_limit_and_starts_no_job(
    client, cpc_editor, settings
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.EXCHANGE_IMPORT_MAX_BYTES = 1_000
    client.force_login(cpc_editor)

    response = client.post(
        "/exchange/",
        {
            "file": SimpleUploadedFile("big.csv", b"x" * 5_000),
            "kind": "observations",
            "mode": "all_or_nothing",
        },
    )

    assert response.status_code == 200
    assert "big.csv is 5,000 bytes, over the upload limit of 1,000 bytes" in response.content.decode()
    assert not Job.objects.exists()


class _Unseekable(io.RawIOBase):
    def __init__(self, content: bytes) -> None:
        self._content = io.BytesIO(content)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._content.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _never_parsed(*args: object, **kwargs: object) -> Callable[..., object]:
    raise AssertionError("a file over the size limit was opened for parsing")
