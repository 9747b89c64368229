"""Read one cell as a typed value, or raise `CellError` with the reason a person needs to fix it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, TypeVar

from django.db import models

from corridor.core.dates import DatePrecision, DateSpan, DateSpanError
from corridor.exchange.tables import Cell
from corridor.exchange.vocabulary import LIST_SEPARATOR

MAX_COUNT = 100_000_000
"""No flow or stock the platform records comes near this (the study's world total is 20.2 million)."""

NOT_AVAILABLE = frozenset({"n/a", "na", "n.a.", "#n/a", "not available"})
"""What sources write for an explicit 'not available' — distinct from a reported 0 and from a blank."""

_THOUSANDS = re.compile(r"^\d{1,3}(?:(,)\d{3}|([ \u00a0\u202f])\d{3})+$")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_DAY_FIRST = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$")
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.0+)?$")
_CACHE_LIMIT = 100_000


_UNSEEN: Any = object()
T = TypeVar("T")


class CellError(ValueError):
    """The cell cannot be read as the field needs; the message is the reason in the error report."""


def is_blank(cell: Cell) -> bool:
    return cell is None or (cell.__class__ is str and (not cell or cell.isspace()))  # type: ignore[union-attr]


def remembered(parse: Callable[[Cell], T]) -> Callable[[Cell], T]:
    """`parse`, remembering its result (or its error) for each cell: a large file repeats the same few
    places, dates and organisations on every row."""
    results: dict[Cell, T | str] = {}
    failed: set[Cell] = set()

    def read(cell: Cell) -> T:
        result = results.get(cell, _UNSEEN)
        if result is _UNSEEN:
            try:
                result = parse(cell)
            except CellError as error:
                result = str(error)
                failed.add(cell)
            if len(results) >= _CACHE_LIMIT:
                results.clear()
                failed.clear()
            results[cell] = result
        if cell in failed:
            raise CellError(result)
        return result  # type: ignore[return-value]

    return read


def text(cell: Cell, *, max_length: int | None = None) -> str:
    """The cell as one line of text (inner whitespace kept as single spaces)."""
    if cell is None:
        return ""
    if isinstance(cell, datetime | date):
        value = cell.isoformat()
    elif isinstance(cell, float) and cell.is_integer():
        value = str(int(cell))
    else:
        value = " ".join(str(cell).split())
    if "\x00" in value:
        raise CellError("contains a NUL character: is this a binary file?")
    if max_length is not None and len(value) > max_length:
        raise CellError(f"is {len(value):,} characters long; at most {max_length:,} fit")
    return value


def long_text(cell: Cell, *, max_length: int = 20_000) -> str:
    """Free text (descriptions, notes): line breaks kept, ends trimmed."""
    value = "" if cell is None else str(cell).strip()
    if "\x00" in value:
        raise CellError("contains a NUL character: is this a binary file?")
    if len(value) > max_length:
        raise CellError(f"is {len(value):,} characters long; at most {max_length:,} fit")
    return value


def count(cell: Cell) -> int:
    """A whole number of people, 0 or more; thousands separators ',' and spaces are read."""
    if isinstance(cell, bool):
        raise CellError("is not a number of people")
    if isinstance(cell, int):
        number = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise CellError("is not a whole number of people")
        number = int(cell)
    else:
        value = str(cell).strip()
        if value.isdigit():
            number = int(value)
        elif _THOUSANDS.match(value):
            number = int(re.sub(r"[, \u00a0\u202f]", "", value))
        else:
            raise CellError(_not_a_count(value))
    if number < 0:
        raise CellError("is negative: a count of people is 0 or more")
    if number > MAX_COUNT:
        raise CellError(f"is not a possible count (more than {MAX_COUNT:,} people)")
    return number


def version(cell: Cell) -> int:
    """The version a row was exported at: a whole number, 1 or more."""
    if isinstance(cell, bool) or (isinstance(cell, float) and not cell.is_integer()):
        raise CellError("is not a version (a whole number, 1 or more, as the export wrote it)")
    value = str(int(cell)) if isinstance(cell, int | float) else str(cell).strip()
    if not value.isdigit() or int(value) < 1:
        raise CellError("is not a version (a whole number, 1 or more, as the export wrote it)")
    return int(value)


def _not_a_count(value: str) -> str:
    if value.startswith("-") and value[1:].replace(",", "").strip().isdigit():
        return "is negative: a count of people is 0 or more"
    if _DOTTED_THOUSANDS.match(value):
        return "is not a whole number (if '.' separates thousands, write the number without it)"
    try:
        Decimal(value.replace(",", "."))
    except InvalidOperation:
        return "is not a number"
    return "is not a whole number of people"


@cache
def _allowed(choices: type[models.TextChoices]) -> frozenset[str]:
    return frozenset(choices.values)


def choice(cell: Cell, choices: type[models.TextChoices], *, default: str | None = None) -> str:
    """One of `choices`' values; 'Not available' and 'NOT-AVAILABLE' read as not_available."""
    value = cell.strip() if isinstance(cell, str) else text(cell)
    if not value:
        if default is None:
            raise CellError("is required")
        return default
    allowed = _allowed(choices)
    if value in allowed:
        return value
    lowered = value.lower().replace(" ", "_").replace("-", "_")
    if lowered in allowed:
        return lowered
    raise CellError(f"is not one of: {', '.join(v for v in choices.values if v)}")


def text_list(cell: Cell) -> list[str]:
    return [item for item in (" ".join(part.split()) for part in text(cell).split(LIST_SEPARATOR)) if item]


def coordinate(cell: Cell, *, limit: int) -> Decimal | None:
    if is_blank(cell):
        return None
    try:
        value = Decimal(str(cell).strip().replace(",", "."))
    except InvalidOperation:
        raise CellError("is not a number") from None
    if not -limit <= value <= limit:
        raise CellError(f"is not between -{limit} and {limit}")
    return round(value, 5)


class DateReader:
    """Reads date cells: the platform's grammar ('2015-11', 'early 2016'), date cells, Excel serials.

    `date_format` (a strptime format such as '%d/%m/%Y', or 'excel') reads day dates written otherwise.
    Results are cached by text: a large file repeats the same few hundred dates.
    """

    def __init__(self, *, date_format: str | None, excel_serial: Callable[[float], date] | None) -> None:
        self.date_format = date_format
        self.excel_serial = excel_serial
        if date_format == "excel" and excel_serial is None:
            self.excel_serial = _excel_1900
        self._cache: dict[str, DateSpan | str] = {}

    def span(self, cell: Cell) -> DateSpan:
        if isinstance(cell, datetime):
            return DateSpan.on(cell.date())
        if isinstance(cell, date):
            return DateSpan.on(cell)
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return self._number(cell)
        value = str(cell).strip() if cell is not None else ""
        cached = self._cache.get(value)
        if cached is None:
            cached = self._parse_text(value)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[value] = cached
        if isinstance(cached, str):
            raise CellError(cached)
        return cached

    def day(self, cell: Cell) -> date:
        span = self.span(cell)
        if span.precision != DatePrecision.DAY:
            raise CellError(f"is {span.text()}, not a single day")
        return span.start

    def _number(self, number: float) -> DateSpan:
        if float(number).is_integer() and 1900 <= number <= 2100:
            return DateSpan.parse(str(int(number)))
        if self.excel_serial is None:
            raise CellError("is a number, not a date")
        if not 1 <= number < 2_958_466:
            raise CellError("is not an Excel date serial number")
        return DateSpan.on(self.excel_serial(float(number)))

    def _parse_text(self, value: str) -> DateSpan | str:
        if not value:
            return "is required"
        if self.date_format == "excel" and _EXCEL_SERIAL.match(value):
            return self._number(float(value))
        if self.date_format and self.date_format != "excel":
            try:
                return DateSpan.on(datetime.strptime(value, self.date_format).date())
            except ValueError:
                pass
        try:
            return DateSpan.parse(value)
        except DateSpanError as error:
            return _date_problem(value, str(error), self.date_format)


def _date_problem(value: str, reason: str, date_format: str | None) -> str:
    if date_format and date_format != "excel":
        return f"is not a date in the format {date_format} nor in the grammar (e.g. 2016-05-05, 2015-11)"
    if _DAY_FIRST.match(value):
        return (
            "is not a date this system reads: write 2016-05-05, or set date_format in the mapping "
            "(e.g. %d/%m/%Y)"
        )
    if _EXCEL_SERIAL.match(value):
        return "looks like an Excel serial date: format the column as a date, or set date_format: excel"
    return reason.replace(f"{value!r} ", "", 1) if reason.startswith(repr(value)) else reason


def _excel_1900(serial: float) -> date:
    from openpyxl.utils.datetime import from_excel

    return from_excel(serial).date()
