"""Stable keyset pagination: each page continues after the last row of the previous one.

Pages never skip or repeat rows when records are added meanwhile, and deep pages cost no more than the
first (no OFFSET). The cursor is opaque to clients: base64 of the last row's sort values.
"""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from corridor.core.exceptions import ValidationFailed

M = TypeVar("M", bound=Model)
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _encode(values: list[Any]) -> str:
    tagged = [{"d": value.isoformat()} if isinstance(value, date) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(tagged, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str, width: int) -> list[Any]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        values = [date.fromisoformat(item["d"]) if isinstance(item, dict) else item for item in raw]
    except (ValueError, TypeError, KeyError) as error:
        raise ValidationFailed({"cursor": [f"not a cursor this API gave out ({error})"]}) from None
    if len(values) != width:
        raise ValidationFailed({"cursor": ["not a cursor for this list"]})
    return values


def page(
    queryset: QuerySet[M], *, order: tuple[str, ...], cursor: str | None, limit: int | None
) -> tuple[list[M], str | None]:
    """One page of `queryset` in `order` (ascending fields, the last one unique) and the next cursor."""
    size = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= size <= MAX_LIMIT:
        raise ValidationFailed({"limit": [f"must be between 1 and {MAX_LIMIT}"]})
    ordered = queryset.order_by(*order)
    if cursor:
        after = _decode(cursor, len(order))
        condition = Q()
        for index, name in enumerate(order):
            step = Q(**{f"{name}__gt": after[index]})
            for earlier, value in zip(order[:index], after[:index], strict=True):
                step &= Q(**{earlier: value})
            condition |= step
        ordered = ordered.filter(condition)
    rows = list(ordered[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    last = rows[-1]
    return rows, _encode([_path(last, name) for name in order])


def _path(instance: Any, name: str) -> Any:
    for part in name.split("__"):
        instance = getattr(instance, part)
    return instance
