"""References in API answers: a record names another by its slug only if the caller may read it.

Resolvers of the answer schemas take ninja's validation `context` (it carries the request) and ask the
access rules (`accounts.access.shown`) through these helpers; a reference the caller may not read is
null, or left out of a list. Without a request in the context, the caller is taken for an anonymous
reader, so a schema used outside a request never says more than it would to anyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from corridor.accounts.access import shown, shown_all
from corridor.api.auth import caller

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def reader(context: Any) -> Reader:
    request = context.get("request") if isinstance(context, dict) else None
    return caller(request) if request is not None else None


def slug_of(context: Any, record: Any, key: str = "slug") -> str | None:
    """`record`'s key if the caller may read it, else None."""
    found = shown(reader(context), record)
    return getattr(found, key) if found is not None else None


def slugs_of(context: Any, records: Iterable[Any], key: str = "slug") -> list[str]:
    """The keys of the records the caller may read, in order."""
    return [getattr(record, key) for record in shown_all(reader(context), records)]
