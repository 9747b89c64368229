"""Stable keyset pagination: each page continues after the last row of the previous one.

Pages never skip or repeat rows when records are added meanwhile, and deep pages cost no more than the
first (no OFFSET): the condition starts with a bound on the first sort field, so the database walks that
field's index from the cursor's position rather than from the start.

The cursor is opaque and unforgeable: the last row's sort values, signed for the list it came from. The
last sort field is the row's public `uid` (or another unique key such as a slug), never its primary key:
sequential keys would let a reader count, from the gap between two of them, the rows they may not see.
A cursor that was tampered with, made up, or given out by another list answers 422 naming `cursor`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar
from uuid import UUID

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Field, Model, Q, QuerySet

from corridor.core.exceptions import ValidationFailed

M = TypeVar("M", bound=Model)
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
_SALT = "corridor.api.cursor"


def page(
    queryset: QuerySet[M], *, order: tuple[str, ...], cursor: str | None, limit: int | None
) -> tuple[list[M], str | None]:
    """One page of `queryset` in `order` (ascending fields, the last one unique) and the next cursor."""
    size = DEFAULT_LIMIT if limit is None else limit
    if not 1 <= size <= MAX_LIMIT:
        raise ValidationFailed({"limit": [f"must be between 1 and {MAX_LIMIT}"]})
    if "id" in order or "pk" in order:
        raise ValueError("a cursor never carries a primary key: order by the row's uid instead")
    salt = _salt(queryset.model, order)
    ordered = queryset.order_by(*order)
    if cursor:
        ordered = ordered.filter(_after(order, _decode(cursor, salt, queryset.model, order)))
    rows = list(ordered[: size + 1])
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    last = rows[-1]
    return rows, signing.dumps([_plain(_path(last, name)) for name in order], salt=salt, compress=True)


def _after(order: tuple[str, ...], after: list[Any]) -> Q:
    """The rows after `after` in `order`: (a, b, c) > (x, y, z), spelled so an index on `a` bounds it."""
    condition = Q()
    for index, name in enumerate(order):
        step = Q(**{f"{name}__gt": after[index]})
        for earlier, value in zip(order[:index], after[:index], strict=True):
            step &= Q(**{earlier: value})
        condition |= step
    return Q(**{f"{order[0]}__gte": after[0]}) & condition


def _salt(model: type[Model], order: tuple[str, ...]) -> str:
    return f"{_SALT}:{model._meta.label_lower}:{','.join(order)}"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


def _decode(cursor: str, salt: str, model: type[Model], order: tuple[str, ...]) -> list[Any]:
    refused = ValidationFailed({"cursor": ["not a cursor this list gave out: start again without one"]})
    try:
        values = signing.loads(cursor, salt=salt)
    except signing.BadSignature:
        raise refused from None
    if not isinstance(values, list) or len(values) != len(order):
        raise refused
    try:
        return [_field(model, name).to_python(value) for name, value in zip(order, values, strict=True)]
    except (ValidationError, FieldDoesNotExist, TypeError, ValueError):
        raise refused from None


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    *relations, last = name.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model  # type: ignore[assignment]
    field = model._meta.get_field(last)
    assert isinstance(field, Field)
    return field


def _path(instance: Any, name: str) -> Any:
    for part in name.split("__"):
        instance = getattr(instance, part)
    return instance
