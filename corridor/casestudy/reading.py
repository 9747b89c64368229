"""Read the case-study YAML files into records that remember their file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from corridor.casestudy.problems import Problems


class _LineLoader(yaml.SafeLoader):
    """A safe loader whose mappings carry the line they start on (1-based) under '__line__'."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = str(loader.construct_object(key_node, deep=True))
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"the key {key!r} appears twice",
                key_node.start_mark,
            )
        seen.add(key)
    mapping = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as written in a file: its kind (the folder), where it is, and its fields."""

    kind: str
    file: str
    line: int
    data: dict[str, Any]

    def get(self, name: str, default: Any = None) -> Any:
        return self.data.get(name, default)


def read_kind(data_dir: Path, kind: str, problems: Problems) -> list[RawRecord]:
    """Every record in `data_dir/kind/*.yaml`, in file-name order; unreadable files become problems."""
    records: list[RawRecord] = []
    folder = data_dir / kind
    if not folder.is_dir():
        return records
    for path in sorted(folder.glob("*.yaml")):
        shown = str(path.relative_to(data_dir.parent)) if path.is_relative_to(data_dir.parent) else str(path)
        try:
            loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
        except UnicodeDecodeError as error:
            problems.add(shown, 1, "", f"not UTF-8 ({error.reason} at byte {error.start})")
            continue
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark
            line = mark.line + 1 if mark else 1
            column = f", column {mark.column + 1}" if mark else ""
            problems.add(shown, line, "", f"YAML syntax{column}: {error.problem}")
            continue
        if loaded is None:
            continue
        if not isinstance(loaded, list):
            problems.add(shown, 1, "", "the file must hold a list of records")
            continue
        for index, item in enumerate(loaded):
            if not isinstance(item, dict):
                problems.add(shown, 1, f"[{index}]", "each record must be a mapping of fields")
                continue
            line = item.pop("__line__", 1)
            records.append(RawRecord(kind=kind, file=shown, line=line, data=_strip_lines(item)))
    return records


def _strip_lines(value: Any) -> Any:
    """Nested mappings keep their line under '__line__'; the record's own line is enough for messages."""
    if isinstance(value, dict):
        return {key: _strip_lines(item) for key, item in value.items() if key != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(item) for item in value]
    return value
