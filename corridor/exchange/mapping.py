"""Column mappings: how a partner's file maps onto Corridor's fields, from a YAML/JSON file or saved.

    kind: observations
    columns:    {value: arrivals, place: country, date: date}      # field: header text or HXL pattern
    constants:  {metric: arrivals, source_organisation: unhcr}     # field: the same value on every row
    values:                                                        # field: {cell text: translation}
      place: {fyrom: mk, mainland_greece_departures: {place: greek-islands, metric: departures}}
    skip:       {value_status: [missing]}                          # leave out rows whose cell says so
    unpivot:    {columns: [Y2015M01, Y2015M02], header_field: date, value_field: value}
    date_format: "%d/%m/%Y"       # or "excel" for serial numbers in a CSV
    encoding: cp1250   delimiter: ";"   sheet: arrivals   header_row: 3
    cite:       {source: unhcr-wb-route-daily, locator: "wb_route_daily_long.csv:{row}"}

`parse_mapping` checks every key and names what is wrong; nothing is guessed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from corridor.exchange.choices import ImportKind
from corridor.exchange.vocabulary import KindFields

Translation = str | dict[str, str]

_KEYS = frozenset(
    {
        "kind",
        "name",
        "description",
        "columns",
        "constants",
        "values",
        "skip",
        "unpivot",
        "date_format",
        "encoding",
        "delimiter",
        "sheet",
        "header_row",
        "cite",
    }
)


class MappingInvalid(ValueError):
    """A mapping that cannot be used; `problems` names each key and what is wrong with it."""

    def __init__(self, origin: str, problems: list[str]) -> None:
        self.origin = origin
        self.problems = problems
        super().__init__(f"{origin}: " + "; ".join(problems))


@dataclass(frozen=True, slots=True)
class UnpivotSpec:
    """Several columns of one row become several records: the header goes to `header_field`."""

    columns: tuple[str, ...]
    header_field: str
    value_field: str


@dataclass(frozen=True, slots=True)
class CiteSpec:
    """Each record imported cites `source` at `locator` ({row} and {file} are filled in)."""

    source: str
    locator: str


@dataclass(frozen=True)
class MappingSpec:
    kind: str | None = None
    name: str = ""
    columns: Mapping[str, str] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, Translation]] = field(default_factory=dict)
    skip: Mapping[str, frozenset[str]] = field(default_factory=dict)
    unpivot: UnpivotSpec | None = None
    date_format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    cite: CiteSpec | None = None


def load_mapping_file(path: Path, *, kind: str | None = None) -> MappingSpec:
    """Read a mapping from a .yaml/.yml/.json file; `MappingInvalid` names the file and the key."""
    origin = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MappingInvalid(origin, [f"cannot be read ({error})"]) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise MappingInvalid(origin, [f"is not valid {path.suffix.lstrip('.').upper()} ({error})"]) from None
    return parse_mapping(data, origin=origin, kind=kind, default_name=path.stem)


def parse_mapping(data: Any, *, origin: str, kind: str | None = None, default_name: str = "") -> MappingSpec:
    if not isinstance(data, dict):
        raise MappingInvalid(origin, ["must be a mapping of keys (kind, columns, constants, …)"])
    problems = [
        f"{key}: unknown key (expected one of {', '.join(sorted(_KEYS))})" for key in data if key not in _KEYS
    ]
    stated = data.get("kind")
    if stated is not None and stated not in ImportKind.values:
        problems.append(f"kind: {stated!r} is not one of {', '.join(ImportKind.values)}")
        stated = None
    if kind and stated and kind != stated:
        problems.append(f"kind: the mapping is for {stated}, not {kind}")
    chosen = kind or stated
    known = KindFields.of(chosen).names() if chosen else None
    reader = _Reader(problems, known)
    columns = reader.text_map(data, "columns")
    constants = reader.text_map(data, "constants")
    spec = MappingSpec(
        kind=chosen,
        name=str(data.get("name") or default_name),
        columns=columns,
        constants=constants,
        values=reader.translations(data),
        skip=reader.skips(data),
        unpivot=reader.unpivot(data),
        date_format=reader.optional_text(data, "date_format"),
        encoding=reader.optional_text(data, "encoding"),
        delimiter=reader.optional_text(data, "delimiter"),
        sheet=reader.optional_text(data, "sheet"),
        header_row=reader.positive_int(data, "header_row"),
        cite=reader.cite(data),
    )
    for name in sorted(set(columns) & set(constants)):
        problems.append(f"{name}: given both as a column and as a constant; keep one")
    if spec.delimiter is not None and len(spec.delimiter) != 1:
        problems.append(f"delimiter: {spec.delimiter!r} must be one character")
    if problems:
        raise MappingInvalid(origin, problems)
    return spec


@dataclass
class _Reader:
    problems: list[str]
    known: list[str] | None

    def _field(self, where: str, name: object) -> bool:
        if self.known is not None and name not in self.known:
            self.problems.append(f"{where}: {name!r} is not a field (fields: {', '.join(self.known)})")
            return False
        return True

    def text_map(self, data: dict, key: str) -> dict[str, str]:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            self.problems.append(f"{key}: must map field names to text")
            return {}
        result = {}
        for name, text in value.items():
            if self._field(f"{key}.{name}", name):
                if isinstance(text, dict | list) or text is None:
                    self.problems.append(f"{key}.{name}: must be text, not {type(text).__name__}")
                else:
                    result[str(name)] = str(text)
        return result

    def translations(self, data: dict) -> dict[str, dict[str, Translation]]:
        value = data.get("values") or {}
        if not isinstance(value, dict):
            self.problems.append("values: must map field names to {cell text: translation}")
            return {}
        result: dict[str, dict[str, Translation]] = {}
        for name, table in value.items():
            if not self._field(f"values.{name}", name):
                continue
            if not isinstance(table, dict):
                self.problems.append(f"values.{name}: must map cell texts to translations")
                continue
            result[str(name)] = {}
            for cell, translation in table.items():
                where = f"values.{name}.{cell}"
                if isinstance(translation, dict):
                    fields = {str(k): str(v) for k, v in translation.items() if self._field(where, k)}
                    result[str(name)][str(cell).strip()] = fields
                elif translation is None or isinstance(translation, list):
                    self.problems.append(f"{where}: must be text or a mapping of fields")
                else:
                    result[str(name)][str(cell).strip()] = str(translation)
        return result

    def skips(self, data: dict) -> dict[str, frozenset[str]]:
        value = data.get("skip") or {}
        if not isinstance(value, dict):
            self.problems.append("skip: must map field names to lists of cell texts")
            return {}
        result = {}
        for name, cells in value.items():
            if self._field(f"skip.{name}", name):
                listed = cells if isinstance(cells, list) else [cells]
                result[str(name)] = frozenset("" if c is None else str(c).strip() for c in listed)
        return result

    def unpivot(self, data: dict) -> UnpivotSpec | None:
        value = data.get("unpivot")
        if value is None:
            return None
        wanted = {"columns", "header_field", "value_field"}
        if not isinstance(value, dict) or set(value) != wanted:
            self.problems.append(f"unpivot: must have exactly {', '.join(sorted(wanted))}")
            return None
        columns = value["columns"]
        if not isinstance(columns, list) or not columns:
            self.problems.append("unpivot.columns: must list the headers to unpivot")
            return None
        fields_ok = all(self._field(f"unpivot.{key}", value[key]) for key in ("header_field", "value_field"))
        if not fields_ok:
            return None
        return UnpivotSpec(
            tuple(str(c) for c in columns), str(value["header_field"]), str(value["value_field"])
        )

    def optional_text(self, data: dict, key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dict | list):
            self.problems.append(f"{key}: must be text")
            return None
        return str(value)

    def positive_int(self, data: dict, key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.problems.append(f"{key}: must be a row number (1 or more)")
            return None
        return value

    def cite(self, data: dict) -> CiteSpec | None:
        value = data.get("cite")
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"source", "locator"}:
            self.problems.append("cite: must have exactly source and locator")
            return None
        return CiteSpec(str(value["source"]), str(value["locator"]))
