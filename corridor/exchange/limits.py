"""How large a file an import reads, checked before or while it streams, never after it is in memory.

A small upload can stand for a huge table: a workbook of 1.6 kB may declare a sheet of 1,048,576 rows by
16,384 columns, and a zip member of 1 MB may unzip to gigabytes. So an import refuses, before parsing,
a file over `max_bytes`, and a workbook whose parts (by the sizes the zip declares, which `zipfile`
holds each part to) are too many, unzip beyond `max_unzipped_bytes` together, or one of which unzips more
than `max_compression_ratio` times its stored size; then, while rows stream, a declared dimension, a row
or a column beyond the limits is refused as soon as it is seen.

The defaults come from settings (`EXCHANGE_IMPORT_MAX_*`, config/settings/base.py); an operator loading a
larger file from the command line raises them there.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.conf import settings

MEGABYTE = 1024 * 1024
RATIO_APPLIES_FROM = MEGABYTE
"""Parts smaller than this unzipped are never refused for their ratio: tiny XML compresses very well."""


class LimitExceeded(ValueError):
    """The file is beyond one of the import's limits; the message names the limit, and where."""

    def __init__(self, message: str, *, row: int | None = None, column: str = "") -> None:
        super().__init__(message)
        self.row = row
        self.column = column


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int = 50 * MEGABYTE
    max_rows: int = 1_000_000
    max_columns: int = 200
    max_cells: int = 20_000_000
    max_unzipped_bytes: int = 500 * MEGABYTE
    max_zip_members: int = 1_000
    max_compression_ratio: int = 100

    @classmethod
    def from_settings(cls) -> ImportLimits:
        defaults = cls()
        return cls(
            **{
                name: int(getattr(settings, f"EXCHANGE_IMPORT_{name.upper()}", getattr(defaults, name)))
                for name in cls.__dataclass_fields__
            }
        )

    def check_size(self, size: int) -> None:
        if size > self.max_bytes:
            raise LimitExceeded(
                f"is {_size(size)}, over the upload limit of {_size(self.max_bytes)} "
                "(EXCHANGE_IMPORT_MAX_BYTES): split it into smaller files"
            )

    def check_zip(self, binary: BinaryIO) -> None:
        """Refuse a workbook whose parts are too many or unzip too far, before anything is unzipped."""
        with zipfile.ZipFile(binary) as archive:
            members = archive.infolist()
        binary.seek(0)
        if len(members) > self.max_zip_members:
            raise LimitExceeded(
                f"is a workbook of {len(members):,} parts, over the limit of {self.max_zip_members:,} "
                "(EXCHANGE_IMPORT_MAX_ZIP_MEMBERS)"
            )
        total = 0
        for member in members:
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size >= RATIO_APPLIES_FROM and ratio > self.max_compression_ratio:
                raise LimitExceeded(
                    f"holds {member.filename}, which unzips to {_size(member.file_size)} from "
                    f"{_size(member.compress_size)} ({ratio:,.0f} times), over the limit of "
                    f"{self.max_compression_ratio:,} times (EXCHANGE_IMPORT_MAX_COMPRESSION_RATIO)"
                )
            if total > self.max_unzipped_bytes:
                raise LimitExceeded(
                    f"unzips to more than {_size(self.max_unzipped_bytes)} (the limit, "
                    f"EXCHANGE_IMPORT_MAX_UNZIPPED_BYTES; reached at {member.filename})"
                )

    def check_dimension(self, sheet: str, rows: int, columns: int, declared: str) -> None:
        """Refuse a sheet that declares more rows or columns than the limits allow (`<dimension>`)."""
        where = f"sheet {sheet!r} declares {declared}: {rows:,} rows by {columns:,} columns,"
        if rows > self.max_rows:
            raise LimitExceeded(
                f"{where} over the limit of {self.max_rows:,} rows (EXCHANGE_IMPORT_MAX_ROWS)"
            )
        if columns > self.max_columns:
            raise LimitExceeded(
                f"{where} over the limit of {self.max_columns:,} columns (EXCHANGE_IMPORT_MAX_COLUMNS)"
            )
        if rows * columns > self.max_cells:
            raise LimitExceeded(
                f"{where} over the limit of {self.max_cells:,} cells (EXCHANGE_IMPORT_MAX_CELLS)"
            )

    def guard(self, where: str = "") -> RowGuard:
        return RowGuard(self, where)


class RowGuard:
    """Counts rows and cells as they stream; refuses the first row or column beyond the limits."""

    __slots__ = ("_cells", "_limits", "_where")

    def __init__(self, limits: ImportLimits, where: str) -> None:
        self._limits = limits
        self._where = where
        self._cells = 0

    def row(self, number: int, width: int) -> None:
        limits = self._limits
        if number > limits.max_rows:
            raise LimitExceeded(
                f"has more than {limits.max_rows:,} rows (the limit, EXCHANGE_IMPORT_MAX_ROWS): "
                f"{self._where}row {number:,} is one too many; split the file",
                row=number,
            )
        if width > limits.max_columns:
            column = column_letter(limits.max_columns + 1)
            raise LimitExceeded(
                f"has a row of {width:,} cells, over the limit of {limits.max_columns:,} columns "
                f"(EXCHANGE_IMPORT_MAX_COLUMNS): {self._where}row {number:,}, column {column}",
                row=number,
                column=column,
            )
        self._cells += width
        if self._cells > limits.max_cells:
            raise LimitExceeded(
                f"has more than {limits.max_cells:,} cells (the limit, EXCHANGE_IMPORT_MAX_CELLS), "
                f"reached at {self._where}row {number:,}",
                row=number,
            )


def column_letter(index: int) -> str:
    """1 → 'A', 27 → 'AA': how a spreadsheet names the column."""
    letters = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _size(size: int) -> str:
    return f"{size / MEGABYTE:,.1f} MB" if size >= MEGABYTE else f"{size:,} bytes"
