"""Write exported rows as HXL CSV, CSV, XLSX or JSON to a byte stream, one row at a time.

HXL CSV is CSV with a hashtag row under the header. The workbook carries the hashtag row too (libhxl and
HXL tools read HXL workbooks), frozen under the header so it stays out of the way.

A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a spreadsheet
program (`=HYPERLINK(…)` in a title becomes a live link): CSV and HXL write it with a leading `'`, which
spreadsheets read as "this is text" and the importer removes again (`tables.unescape_text`); a workbook
stores it as a text cell, never a formula. Numbers are numbers and are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO, Protocol
from uuid import UUID

from corridor.exchange.choices import ExportFormat
from corridor.exchange.tables import FORMULA_STARTS, TEXT_MARK
from corridor.exchange.vocabulary import LIST_SEPARATOR, FieldSpec


class Renderer(Protocol):
    def start(self, fields: Sequence[FieldSpec]) -> None: ...

    def row(self, values: Sequence[Any]) -> None: ...

    def finish(self) -> None: ...


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(as_text(item) for item in value)
    return str(value)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would take `text` for a formula rather than text."""
    return text.startswith(FORMULA_STARTS)


def as_safe_text(value: Any) -> str:
    """`as_text`, with text a spreadsheet would run as a formula marked as text by a leading `'`."""
    written = as_text(value)
    if isinstance(value, str | list | tuple) and is_formula_like(written):
        return TEXT_MARK + written
    return written


class CsvRenderer:
    def __init__(self, stream: BinaryIO, *, hashtags: bool) -> None:
        self._text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)  # type: ignore[arg-type]
        self._writer = csv.writer(self._text)
        self._hashtags = hashtags

    def start(self, fields: Sequence[FieldSpec]) -> None:
        self._writer.writerow([spec.name for spec in fields])
        if self._hashtags:
            self._writer.writerow([spec.hxl for spec in fields])

    def row(self, values: Sequence[Any]) -> None:
        self._writer.writerow([as_safe_text(value) for value in values])

    def finish(self) -> None:
        self._text.flush()
        self._text.detach()  # the caller owns the byte stream


class XlsxRenderer:
    def __init__(self, stream: BinaryIO, *, title: str) -> None:
        from openpyxl import Workbook

        self._stream = stream
        self._workbook = Workbook(write_only=True)
        self._sheet = self._workbook.create_sheet(title=title[:31])

    def start(self, fields: Sequence[FieldSpec]) -> None:
        self._sheet.freeze_panes = "A3"
        self._sheet.append([spec.name for spec in fields])
        self._sheet.append([spec.hxl for spec in fields])

    def row(self, values: Sequence[Any]) -> None:
        self._sheet.append(
            [self._text_cell(cell) if isinstance(cell, str) else cell for cell in map(_cell, values)]
        )

    def _text_cell(self, text: str) -> Any:
        """A text cell, even for text that begins like a formula (openpyxl would store a formula)."""
        if not is_formula_like(text):
            return text
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self._sheet, value=text)
        cell.data_type = "s"
        return cell

    def finish(self) -> None:
        self._workbook.save(self._stream)


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return as_text(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, UUID):
        return str(value)
    return value


class JsonRenderer:
    """`{"kind", "fields": [{name, hxl}], "records": [{field: value}]}`, streamed."""

    def __init__(self, stream: BinaryIO, *, kind: str) -> None:
        self._stream = stream
        self._kind = kind
        self._names: list[str] = []
        self._first = True

    def start(self, fields: Sequence[FieldSpec]) -> None:
        self._names = [spec.name for spec in fields]
        described = [{"name": spec.name, "hxl": spec.hxl} for spec in fields]
        head = json.dumps({"kind": self._kind, "fields": described})
        self._stream.write((head[:-1] + ', "records": [').encode())

    def row(self, values: Sequence[Any]) -> None:
        record = json.dumps(
            dict(zip(self._names, values, strict=True)), default=_json_value, ensure_ascii=False
        )
        self._stream.write((b"\n" if self._first else b",\n") + record.encode())
        self._first = False

    def finish(self) -> None:
        self._stream.write(b"\n]}\n")


def _json_value(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def renderer_for(format_name: str, stream: BinaryIO, *, kind: str) -> Renderer:
    if format_name == ExportFormat.HXL:
        return CsvRenderer(stream, hashtags=True)
    if format_name == ExportFormat.CSV:
        return CsvRenderer(stream, hashtags=False)
    if format_name == ExportFormat.XLSX:
        return XlsxRenderer(stream, title=kind)
    if format_name == ExportFormat.JSON:
        return JsonRenderer(stream, kind=kind)
    raise ValueError(f"unknown export format {format_name!r}: one of {', '.join(ExportFormat.values)}")
