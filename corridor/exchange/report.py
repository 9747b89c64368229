"""What an import found and did: every error with its row, column, value and reason, and the counts.

Errors stream into an `ErrorSink`: the first `KEPT_IN_MEMORY` are kept for display, and all of them can
be written as they come to a CSV report, so a file with millions of bad rows is still fully reported
without holding them in memory.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from corridor.exchange.tables import Cell

KEPT_IN_MEMORY = 10_000
REPORT_HEADER = ("row", "column", "value", "reason")
_SHOWN_VALUE = 200


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: the row as a spreadsheet numbers it (None for the file as a whole), the column as
    its header names it, the value found (shortened), and why it is refused."""

    row: int | None
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "file"
        column = f", column {self.column!r}" if self.column else ""
        value = f" {self.value!r}" if self.value else ""
        return f"{where}{column}:{value} {self.reason}"

    def as_row(self) -> tuple[str, str, str, str]:
        return ("" if self.row is None else str(self.row), self.column, self.value, self.reason)


def shown(cell: Cell) -> str:
    """A cell as the report shows it: as text, cut to a readable length."""
    if cell is None:
        return ""
    value = str(cell)
    return value if len(value) <= _SHOWN_VALUE else value[:_SHOWN_VALUE] + f"… ({len(value):,} characters)"


class ErrorSink:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.kept: list[RowError] = []
        self.count = 0
        self.rows: set[int] = set()
        self._writer = csv.writer(stream) if stream is not None else None
        if self._writer is not None:
            self._writer.writerow(REPORT_HEADER)

    def add(self, error: RowError) -> None:
        self.count += 1
        if error.row is not None:
            self.rows.add(error.row)
        if len(self.kept) < KEPT_IN_MEMORY:
            self.kept.append(error)
        if self._writer is not None:
            self._writer.writerow(error.as_row())

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class ImportReport:
    """The outcome of `import_file`: a framework-free summary any interface can render."""

    kind: str
    file_name: str
    file_format: str = ""
    encoding: str = ""
    mode: str = ""
    dry_run: bool = False
    written: bool = False
    rows_read: int = 0
    created: int = 0
    revised: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    run_uid: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def errors_truncated(self) -> bool:
        return self.error_count > len(self.errors)

    def summary(self) -> str:
        verb = "would write" if self.dry_run else ("wrote" if self.written else "wrote nothing")
        counts = (
            f"{self.created} created, {self.revised} revised, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped} skipped"
        )
        errors = f"{self.error_count} error(s)" if self.error_count else "no errors"
        return f"{self.file_name}: {self.rows_read} rows read, {errors}; {verb}: {counts}"

    def as_dict(self, *, max_errors: int = 1000) -> dict[str, object]:
        """JSON-ready (for a job's result or an API response), with the first `max_errors` errors."""
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "file_format": self.file_format,
            "encoding": self.encoding,
            "mode": self.mode,
            "dry_run": self.dry_run,
            "written": self.written,
            "rows_read": self.rows_read,
            "created": self.created,
            "revised": self.revised,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "error_count": self.error_count,
            "errors": [list(error.as_row()) for error in self.errors[:max_errors]],
            "ignored_columns": self.ignored_columns,
            "run": self.run_uid,
        }


def write_error_report(errors: Iterable[RowError], stream: TextIO) -> None:
    """The downloadable report: a CSV of row, column, value, reason."""
    writer = csv.writer(stream)
    writer.writerow(REPORT_HEADER)
    for error in errors:
        writer.writerow(error.as_row())
