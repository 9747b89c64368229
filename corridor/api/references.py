"""Turn the slugs and codes a client sends into records it may see; anything else is a 422 at its path."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from corridor.actors.selectors import organisations_visible_to
from corridor.core.exceptions import ValidationFailed
from corridor.geo.models import Country
from corridor.geo.selectors import places_visible_to
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to, documents_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Place


def _one(queryset: QuerySet[Any], path: str, what: str, **lookup: Any) -> Any:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ValidationFailed({path: [f"unknown {what} {next(iter(lookup.values()))!r}"]})
    return found


def _many(queryset: QuerySet[Any], path: str, what: str, field: str, keys: Sequence[str]) -> list[Any]:
    found = {getattr(item, field): item for item in queryset.filter(**{f"{field}__in": list(keys)})}
    missing = {
        f"{path}.{index}": [f"unknown {what} {key!r}"] for index, key in enumerate(keys) if key not in found
    }
    if missing:
        raise ValidationFailed(missing)
    return [found[key] for key in keys]


def organisation(user: Reader, slug: str, path: str) -> Organisation:
    found: Organisation = _one(organisations_visible_to(user), path, "organisation", slug=slug)
    return found


def organisations(user: Reader, slugs: Sequence[str], path: str) -> list[Any]:
    return _many(organisations_visible_to(user), path, "organisation", "slug", slugs)


def place(user: Reader, slug: str, path: str) -> Place:
    found: Place = _one(places_visible_to(user), path, "place", slug=slug)
    return found


def places(user: Reader, slugs: Sequence[str], path: str) -> list[Any]:
    return _many(places_visible_to(user), path, "place", "slug", slugs)


def countries(codes: Sequence[str], path: str) -> list[Any]:
    return _many(Country.objects.all(), path, "country", "code", codes)


def documents(user: Reader, slugs: Sequence[str], path: str) -> list[Any]:
    return _many(documents_visible_to(user), path, "document", "slug", slugs)


def commitments(user: Reader, slugs: Sequence[str], path: str) -> list[Any]:
    return _many(commitments_visible_to(user), path, "commitment", "slug", slugs)


def clauses(user: Reader, refs: Sequence[str], path: str) -> list[Any]:
    """Mandate clauses named 'operation-slug:clause-ref'."""
    found = []
    for index, ref in enumerate(refs):
        operation, _, clause = ref.partition(":")
        match = clauses_visible_to(user).filter(mandate__operation__slug=operation, ref=clause).first()
        if match is None:
            raise ValidationFailed({f"{path}.{index}": [f"unknown mandate clause {ref!r} (operation:ref)"]})
        found.append(match)
    return found
