"""Rows of an Excel workbook, read in openpyxl's read-only (streaming) mode.

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

from corridor.exchange.tables import Cell, RowProblem, SourceRow, UnreadableFile, unescape_text


class XlsxTable:
    format = "xlsx"
    encoding_label = ""

    def __init__(self, binary: BinaryIO, *, size: int, sheet: str | None) -> None:
        try:
            self._workbook = load_workbook(binary, read_only=True, data_only=True)
        except (InvalidFileException, KeyError, ParseError, OSError) as error:
            raise UnreadableFile(f"the workbook cannot be opened ({error})") from None
        names = self._workbook.sheetnames
        if sheet is not None and sheet not in names:
            raise UnreadableFile(f"the workbook has no sheet {sheet!r}; its sheets are: {', '.join(names)}")
        self._sheet = self._workbook[sheet] if sheet else self._workbook.worksheets[0]
        self.epoch: datetime = self._workbook.epoch
        self._total_rows = self._sheet.max_row or 0
        self._done = 0

    def rows(self) -> Iterator[SourceRow | RowProblem]:
        try:
            for number, values in enumerate(self._sheet.iter_rows(values_only=True), start=1):
                self._done = number
                yield SourceRow(number, tuple(_cell(value) for value in values))
        except (zipfile.BadZipFile, ParseError, KeyError, EOFError) as error:
            raise UnreadableFile(f"the workbook is damaged after row {self._done} ({error})") from None
        finally:
            self._workbook.close()

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
