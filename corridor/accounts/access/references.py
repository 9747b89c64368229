"""References between records: a reader learns the name, slug or uid of a referenced record only if they
may read it.

A visible meeting may name a restricted local partner as a participant, a visit a restricted site. Every
interface that prints a reference (pages, API, exports, reports, generated text) asks `shown` first and
prints `withheld_label` (or leaves the reference out) when the answer is None, so the reference never
tells more than the referenced record itself would. Filters by a reference resolve it through the
reader's visible records, so a hidden slug matches nothing, as an unknown one does.

`hidden_ids` lists the rows of a model the reader may not read, computed once per reader object (a
request's user) and model: hidden rows are few, so the set stays small whatever the data's size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext

from corridor.accounts.access.records import access_for, readable

if TYPE_CHECKING:
    from corridor.accounts.access.records import Reader

M = TypeVar("M", bound=Model)

_CACHE_ATTRIBUTE = "_corridor_hidden"


def hidden_ids(user: Reader, model: type[Model]) -> frozenset[int]:
    """The primary keys of `model`'s rows that `user` may not read (classified models only)."""
    if access_for(user).superuser:
        return frozenset()
    cache: dict[str, frozenset[int]] | None = getattr(user, _CACHE_ATTRIBUTE, None) if user else None
    label = model._meta.label
    if cache is not None and label in cache:
        return cache[label]
    condition = readable(user)
    hidden = (
        frozenset(model._default_manager.exclude(condition).values_list("pk", flat=True))
        if condition
        else frozenset()
    )
    if user is not None:
        if cache is None:
            cache = {}
            setattr(user, _CACHE_ATTRIBUTE, cache)
        cache[label] = hidden
    return hidden


def forget_hidden(user: Any) -> None:
    """Drop the cached hidden sets (after records change classification within one request)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def shown(user: Reader, record: M | None) -> M | None:
    """`record` if `user` may read it, else None (also when there is no record)."""
    if record is None:
        return None
    return None if record.pk in hidden_ids(user, type(record)) else record


def shown_all(user: Reader, records: Any) -> list[Any]:
    """The records of an iterable that `user` may read, in order."""
    items = list(records)
    if not items:
        return []
    hidden = hidden_ids(user, type(items[0]))
    return [item for item in items if item.pk not in hidden]


def shown_id(user: Reader, model: type[Model], pk: int | None) -> int | None:
    """`pk` if `user` may read that row of `model`, else None: for payloads built from values."""
    if pk is None or pk in hidden_ids(user, model):
        return None
    return pk


def withheld_label(model: type[Model]) -> str:
    """What a page says instead of a reference it may not name: 'a restricted organisation'."""
    return gettext("a restricted %(kind)s") % {"kind": model._meta.verbose_name}


def name_or_withheld(user: Reader, record: Model | None) -> str:
    """The name of `record` for `user`, or the words that stand for a reference withheld ('' if none)."""
    if record is None:
        return ""
    return str(record) if shown(user, record) is not None else withheld_label(type(record))


def visible_subset(queryset: QuerySet[M], user: Reader) -> QuerySet[M]:
    """`queryset` without the rows `user` may not read: to resolve a filter's slug or a form's choice."""
    hidden = hidden_ids(user, queryset.model)
    return queryset.exclude(pk__in=sorted(hidden)) if hidden else queryset
