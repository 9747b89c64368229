"""A built report as canonical JSON, its hash, and the way back to the dataclasses.

Canonical: keys sorted, no insignificant whitespace, UTF-8, dates as ISO text, tuples as lists. The
same data always give the same bytes, so `data_hash` (SHA-256 of those bytes) says whether two runs used
the same data. Nothing time-dependent is in the data: the generation date, reference number and version
belong to the run, not to what was built.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    """Plain JSON values for a (nested) dataclass."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"{type(value).__name__} has no place in report data: {value!r}")


def canonical_json(data: Any) -> str:
    return json.dumps(to_jsonable(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def data_hash(data: Any) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(kind: Any, value: Any) -> Any:
    """Rebuild a value of type `kind` (dataclass, tuple, date, optional, scalar) from `to_jsonable`."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if value is None:
            return None
        if len(options) != 1:
            raise TypeError(f"cannot rebuild a value of the union {kind}")
        return from_jsonable(options[0], value)
    if origin is tuple:
        arguments = typing.get_args(kind)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(from_jsonable(arguments[0], item) for item in value)
        return tuple(from_jsonable(argument, item) for argument, item in zip(arguments, value, strict=True))
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        return kind(**{name: from_jsonable(hints[name], item) for name, item in value.items()})
    if kind is date:
        return date.fromisoformat(value)
    if kind is float and isinstance(value, int):
        return float(value)
    return value


def load(kind: type[T], text: str) -> T:
    """The dataclass `kind` from its canonical JSON."""
    rebuilt: T = from_jsonable(kind, json.loads(text))
    return rebuilt
