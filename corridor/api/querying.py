"""Query shapes shared by the list endpoints: filters through to-many relations, and narrow prefetches.

A list filtered through a to-many relation ("events at this place") must not repeat a row that matches
twice. Joining and then `DISTINCT` does that at the price of sorting every matching row, all columns
wide, before the page's `LIMIT` applies; a semi-join (`id IN (subquery)`) leaves the main query free to
walk an index in page order and stop after one page.

A list that prints a related row as its key ("places": ["gevgelija", …]) needs the key and nothing
else: prefetching the visible rows whole would build each place with its country and parent, three
model instances, to print one slug.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Prefetch, QuerySet

M = TypeVar("M", bound=Model)


def having(queryset: QuerySet[M], relation: str, **lookup: Any) -> QuerySet[M]:
    """The rows of `queryset` with at least one `relation` row matching `lookup`, each row once."""
    through = {f"{relation}__{name}": value for name, value in lookup.items()}
    matching = queryset.model._default_manager.filter(**through).values("pk")
    return queryset.filter(pk__in=matching)


def rows(relation: str, queryset: QuerySet[Any]) -> Prefetch:
    """Prefetch `relation` as `queryset` into a plain list attribute, read back with `related_rows`.

    A nested `relation` ("training__participations") lands on the last model of the path.

    Prefetching into the relation itself makes Django build a related manager and a filtered queryset
    for every row of the page, which costs more than the related rows on a page of fifty.
    """
    return Prefetch(relation, queryset, to_attr=_attribute(relation.rsplit("__", 1)[-1]))


def keys(relation: str, visible: QuerySet[Any], key: str = "slug") -> Prefetch:
    """Prefetch `relation` limited to `visible` rows, loading only `key`, in `key` order."""
    return rows(relation, visible.select_related(None).only(key).order_by(key))


def related_rows(instance: Model, relation: str) -> list[Any]:
    """The `relation` rows of `instance`: prefetched by `rows`/`keys`, else read from the database."""
    prefetched = getattr(instance, _attribute(relation), None)
    return list(getattr(instance, relation).all()) if prefetched is None else prefetched


def related_keys(instance: Model, relation: str, key: str = "slug") -> list[Any]:
    """The `key` of each `relation` row of `instance`, as `related_rows` finds them."""
    return [getattr(row, key) for row in related_rows(instance, relation)]


def _attribute(relation: str) -> str:
    return f"_prefetched_{relation}"


def named(visible: QuerySet[Any], value: str, key: str = "slug") -> int | None:
    """The primary key of the record whose `key` is `value` among the `visible` ones, or None.

    Filters resolve what a caller names through what the caller may read, so a hidden record filters like
    an unknown one (no rows), never revealing that it exists; and with the key known, the filter is an
    equality the database can walk an index on.
    """
    found: int | None = visible.filter(**{key: value}).values_list("pk", flat=True).first()
    return found


def by_key(queryset: QuerySet[M], field: str, pk: int | None) -> QuerySet[M]:
    """`queryset` filtered on `field` = `pk`; nothing when the named record is unknown or hidden."""
    return queryset.filter(**{f"{field}_id": pk}) if pk is not None else queryset.none()


def having_key(queryset: QuerySet[M], relation: str, pk: int | None) -> QuerySet[M]:
    """Rows with `pk` among their `relation`; nothing when the named record is unknown or hidden."""
    return having(queryset, relation, pk=pk) if pk is not None else queryset.none()
