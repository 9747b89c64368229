"""Turn one source row into the raw records it holds (one, or one per unpivoted column).

A record is a dict of raw cell values by field, remembering which column each came from so that an
error names the column the person sees. Precedence, lowest first: the mapping's constants, what a
column's hashtag implies (`#affected+arrivals` → metric arrivals), the cells, and the mapping's
translations of those cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from corridor.exchange.binding import Binding
from corridor.exchange.layout import Column
from corridor.exchange.tables import Cell, SourceRow

CONSTANT = "(mapping)"


@dataclass(slots=True)
class RawRecord:
    row: int
    values: dict[str, Cell]
    origins: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Cell] = field(default_factory=dict)

    def where(self, name: str) -> str:
        """The column a field's value came from, as the error report names it."""
        return self.origins.get(name, name)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What a row gave: its records, or why it was left out (skipped), or why it cannot be read."""

    records: list[RawRecord]
    skipped: int = 0
    problem: tuple[str, str] | None = None


class RecordMaker:
    def __init__(self, binding: Binding) -> None:
        self.binding = binding
        self._plain = [
            (name, column.index, column.label)
            for name, column in binding.columns.items()
            if column.index not in binding.implied
        ]
        self._implying = [
            (name, column) for name, column in binding.columns.items() if column.index in binding.implied
        ]
        self._needed = max(
            (column.index for column in (*binding.columns.values(), *binding.unpivot_columns)), default=-1
        )
        self._base_constants = dict(binding.constants)
        self._base_origins = dict.fromkeys(binding.constants, CONSTANT)

    def records(self, row: SourceRow) -> RowOutcome:
        cells = row.cells
        if not any(cell is not None and cell != "" for cell in cells):
            return RowOutcome([], skipped=0)
        if len(cells) <= self._needed:
            missing = self._first_missing(len(cells))
            return RowOutcome(
                [],
                problem=(
                    missing.label,
                    f"the row ends after {len(cells)} of {self.binding.layout.width} columns: "
                    "the file may be truncated",
                ),
            )
        values: dict[str, Cell] = dict(self._base_constants)
        origins, raw = dict(self._base_origins), {}
        for name, index, label in self._plain:
            values[name] = raw[name] = cells[index]
            origins[name] = label
        base = RawRecord(row.number, values, origins, raw)
        for name, column in self._implying:
            self._put(base, name, column, cells[column.index])
        if not self.binding.unpivot_columns:
            return self._finish([base])
        made = []
        for column in self.binding.unpivot_columns:
            record = RawRecord(row.number, dict(base.values), dict(base.origins), dict(base.raw))
            self._put(record, self.binding.unpivot_header_field, column, column.header)
            self._put(record, self.binding.unpivot_value_field, column, cells[column.index])
            made.append(record)
        return self._finish(made)

    def _put(self, record: RawRecord, name: str, column: Column, cell: Cell) -> None:
        implied = self.binding.implied.get(column.index)
        if implied:
            for implied_name, value in implied.items():
                if record.origins.get(implied_name, CONSTANT) == CONSTANT:
                    record.values[implied_name] = value
                    record.origins[implied_name] = column.label
        record.values[name] = cell
        record.origins[name] = column.label
        record.raw[name] = cell

    def _finish(self, records: list[RawRecord]) -> RowOutcome:
        kept = []
        for record in records:
            if self._skipped(record):
                continue
            self._translate(record)
            kept.append(record)
        return RowOutcome(kept, skipped=len(records) - len(kept))

    def _skipped(self, record: RawRecord) -> bool:
        for name, texts in self.binding.skip.items():
            if name in record.raw and _text(record.raw[name]) in texts:
                return True
        return False

    def _translate(self, record: RawRecord) -> None:
        for name, table in self.binding.translations.items():
            if name not in record.values:
                continue
            translation = table.get(_text(record.values[name]))
            if translation is None:
                continue
            origin = record.origins.get(name, name)
            if isinstance(translation, dict):
                for target, value in translation.items():
                    record.values[target] = value
                    record.origins[target] = origin
                    record.raw.setdefault(target, record.raw.get(name))
            else:
                record.values[name] = translation

    def _first_missing(self, available: int) -> Column:
        columns = sorted(
            (*self.binding.columns.values(), *self.binding.unpivot_columns), key=lambda c: c.index
        )
        return next(column for column in columns if column.index >= available)


def _text(cell: Cell) -> str:
    return "" if cell is None else str(cell).strip()
