"""Rows of an Excel workbook, streamed from the sheet's XML one row at a time.

Before openpyxl opens the workbook, the zip's parts are checked against the import's limits (their
number, their unzipped sizes, how far each unzips: `limits.ImportLimits.check_zip`), and the sheet's
declared dimension is checked as soon as the workbook is open. Rows are then read with openpyxl's own
sheet parser, as they are in the file: a row far below the last, or a cell far to the right, is refused
by its row number or column before anything is built for it — openpyxl's `iter_rows` would first build
every empty row and cell up to it.

Dates come as Excel stores them: a date cell is a datetime; a date typed into a number-formatted cell is
a serial number (days since 1899-12-30, or 1904-01-01 for old Mac workbooks), which `excel_serial_date`
turns into a date with the workbook's own epoch.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

from corridor.exchange.limits import ImportLimits
from corridor.exchange.tables import Cell, RowProblem, SourceRow, UnreadableFile, unescape_text


class XlsxTable:
    format = "xlsx"
    encoding_label = ""

    def __init__(self, binary: BinaryIO, *, size: int, sheet: str | None, limits: ImportLimits) -> None:
        limits.check_zip(binary)
        try:
            self._workbook = load_workbook(binary, read_only=True, data_only=True)
        except (InvalidFileException, KeyError, ParseError, OSError) as error:
            raise UnreadableFile(f"the workbook cannot be opened ({error})") from None
        names = self._workbook.sheetnames
        if sheet is not None and sheet not in names:
            self._workbook.close()
            raise UnreadableFile(f"the workbook has no sheet {sheet!r}; its sheets are: {', '.join(names)}")
        self._sheet = self._workbook[sheet] if sheet else self._workbook.worksheets[0]
        self.epoch: datetime = self._workbook.epoch
        self._limits = limits
        rows, columns = self._sheet.max_row or 0, self._sheet.max_column or 0
        if rows or columns:
            try:
                limits.check_dimension(self._sheet.title, rows, columns, self._sheet.calculate_dimension())
            except ValueError:
                self._workbook.close()
                raise
        self._total_rows = rows
        self._done = 0

    def rows(self) -> Iterator[SourceRow | RowProblem]:
        guard = self._limits.guard(f"sheet {self._sheet.title!r}, ")
        workbook = self._workbook
        try:
            with self._sheet._get_source() as source:  # type: ignore[union-attr]
                parser = WorkSheetParser(
                    source,
                    workbook.shared_strings,  # type: ignore[attr-defined]
                    data_only=True,
                    epoch=workbook.epoch,
                    date_formats=workbook._date_formats,  # type: ignore[attr-defined]
                    timedelta_formats=workbook._timedelta_formats,  # type: ignore[attr-defined]
                )
                for number, cells in parser.parse():
                    width = max((cell["column"] for cell in cells), default=0)
                    guard.row(number, width)
                    for missing in range(self._done + 1, number):
                        yield SourceRow(missing, ())
                    values: list[Cell] = [None] * width
                    for cell in cells:
                        values[cell["column"] - 1] = _cell(cell["value"])
                    self._done = number
                    yield SourceRow(number, tuple(values))
        except (zipfile.BadZipFile, ParseError, KeyError, EOFError) as error:
            raise UnreadableFile(f"the workbook is damaged after row {self._done} ({error})") from None
        finally:
            workbook.close()

    def fraction_read(self) -> float:
        return min(self._done / self._total_rows, 1.0) if self._total_rows else 0.0

    def excel_serial_date(self, serial: float) -> date:
        return from_excel(serial, epoch=self.epoch).date()


def _cell(value: object) -> Cell:
    if isinstance(value, str):
        return unescape_text(value)
    if value is None or isinstance(value, str | int | float | date | datetime | bool):
        return value
    return str(value)
