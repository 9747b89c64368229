"""Open an uploaded file as a stream of rows, whatever it is: CSV (any delimiter, UTF-8 with or without
BOM, UTF-16, Windows-1250/1251) or an Excel workbook. Rows are read one at a time: memory does not grow
with the file.

A file that cannot be read at all raises `UnreadableFile` with a message for a person; a row that cannot
be read (a cell over the size limit, a quote left open at the end) is yielded as a `RowProblem`, so the
rest of the file is still checked. A file beyond the import's limits (rows, columns, cells; for a
workbook also its zip's parts) raises `limits.LimitExceeded` as soon as that is seen.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO, Protocol

from corridor.exchange.encodings import Encoding, EncodingUnknown, detect_encoding
from corridor.exchange.limits import ImportLimits

Cell = str | int | float | date | datetime | bool | None

MAX_CELL_CHARACTERS = 131_072
"""The longest cell a CSV file may hold (Python's csv default); longer is almost always a lost quote."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""How a text begins that a spreadsheet program would run as a formula."""
TEXT_MARK = "'"
"""What an export puts before such a text, and an import takes away again (`unescape_text`)."""
_MARKED = tuple(TEXT_MARK + start for start in FORMULA_STARTS)

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0"
_DELIMITERS = (",", ";", "\t", "|")


def unescape_text(text: str) -> str:
    """A cell's text without the `'` an export put before a formula-like text ("'=1+1" → "=1+1")."""
    return text[1:] if text.startswith(_MARKED) else text


def _unescaped_row(cells: list[str]) -> tuple[str, ...]:
    # One join per row finds the rare row with a marked cell, cheaper than looking at every cell.
    if TEXT_MARK not in "".join(cells):
        return tuple(cells)
    return tuple(unescape_text(cell) for cell in cells)


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A row as the file has it: its number (1-based, as a spreadsheet shows it) and its cells."""

    number: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row the reader could not split into cells."""

    number: int
    message: str


class Table(Protocol):
    format: str
    encoding_label: str

    def rows(self) -> Iterator[SourceRow | RowProblem]: ...

    def fraction_read(self) -> float: ...


def open_table(
    binary: BinaryIO,
    *,
    size: int,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    limits: ImportLimits | None = None,
) -> Table:
    """The rows of `binary`, a seekable byte stream of `size` bytes; `UnreadableFile` if it has none."""
    if size == 0:
        raise UnreadableFile("the file is empty (0 bytes)")
    limits = limits or ImportLimits()
    magic = binary.read(4)
    binary.seek(0)
    if magic == _OLE2:
        raise UnreadableFile(
            "this is an Excel 97–2003 (.xls) or a password-protected workbook: save it as .xlsx or CSV"
        )
    if magic == _ZIP:
        from corridor.exchange.xlsx_table import XlsxTable

        try:
            return XlsxTable(binary, size=size, sheet=sheet, limits=limits)
        except zipfile.BadZipFile as error:
            raise UnreadableFile(f"the workbook is damaged or truncated ({error})") from None
    return CsvTable(binary, size=size, encoding=encoding, delimiter=delimiter, limits=limits)


class CsvTable:
    format = "csv"

    def __init__(
        self,
        binary: BinaryIO,
        *,
        size: int,
        encoding: str | None,
        delimiter: str | None,
        limits: ImportLimits | None = None,
    ) -> None:
        self._binary = binary
        self._limits = limits or ImportLimits()
        self._size = size
        try:
            chosen = Encoding(encoding, detected=False) if encoding else detect_encoding(binary)
        except EncodingUnknown as error:
            raise UnreadableFile(str(error)) from None
        try:
            codec = codecs.lookup(chosen.codec).name
        except LookupError:
            raise UnreadableFile(f"unknown encoding {encoding!r}: use e.g. utf-8, cp1250, cp1251") from None
        self._encoding = chosen
        # A detected UTF-8 file was checked byte by byte; only a character cut off at the end can remain.
        errors = "replace" if chosen.detected else "strict"
        self._text = io.TextIOWrapper(binary, encoding=codec, errors=errors, newline="")
        self.encoding_label = chosen.label
        try:
            self._delimiter = delimiter or self._sniff_delimiter()
        except UnreadableFile:
            self._text.detach()
            raise

    def _sniff_delimiter(self) -> str:
        try:
            first_line = self._text.readline(MAX_CELL_CHARACTERS)
        except UnicodeDecodeError:
            raise self._undecodable() from None
        self._text.seek(0)
        if not first_line.strip():
            raise UnreadableFile("the first line is empty: the header must be on the first line")
        counts = {candidate: _count_outside_quotes(first_line, candidate) for candidate in _DELIMITERS}
        best = max(counts, key=lambda candidate: counts[candidate])
        return best if counts[best] else ","

    def rows(self) -> Iterator[SourceRow | RowProblem]:
        try:
            yield from self._read_rows()
        finally:
            self._text.detach()  # leave the caller's byte stream open

    def _read_rows(self) -> Iterator[SourceRow | RowProblem]:
        reader = csv.reader(self._text, delimiter=self._delimiter, strict=True)
        guard = self._limits.guard()
        previous_end = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                number = previous_end + 1
                previous_end = reader.line_num
                yield RowProblem(number, _csv_problem(str(error)))
                continue
            except UnicodeDecodeError:
                raise self._undecodable() from None
            number = previous_end + 1
            previous_end = reader.line_num
            guard.row(number, len(cells))
            yield SourceRow(number, _unescaped_row(cells))

    def fraction_read(self) -> float:
        return min(self._binary.tell() / self._size, 1.0) if self._size else 1.0

    def _undecodable(self) -> UnreadableFile:
        """Find the first line that does not decode (the text layer reads ahead, so it cannot tell)."""
        self._binary.seek(0)
        decoder = codecs.getincrementaldecoder(self._encoding.codec)()
        for number, line in enumerate(self._binary, start=1):
            try:
                decoder.decode(line)
            except UnicodeDecodeError as error:
                byte = error.object[error.start : error.end]
                return UnreadableFile(
                    f"row {number} is not {self._encoding.label} text (byte {byte!r}): "
                    "save the file as CSV UTF-8, or name its encoding"
                )
        return UnreadableFile(f"the file is not {self._encoding.label} text: save it as CSV UTF-8")


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif character == delimiter and not quoted:
            count += 1
    return count


def _csv_problem(message: str) -> str:
    if "field larger than field limit" in message:
        return (
            f"a cell is longer than {MAX_CELL_CHARACTERS:,} characters (the limit): is a closing quote "
            "missing?"
        )
    if "unexpected end of data" in message:
        return "a quoted cell is not closed before the end of the file: the file may be truncated"
    if "expected after" in message:
        return f"a quoted cell is followed by more text ({message}): quote the whole cell"
    return f"the row cannot be split into cells ({message})"
