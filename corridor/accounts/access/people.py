"""People: how one user is named to another.

A user name is half of a sign-in, so it is shown to nobody but its owner and the platform's administrators.
Elsewhere a person is named by their full name to signed-in members of an organisation they belong to,
and otherwise as "a member of <organisation>" (that organisation itself named only if the reader may read
it); an anonymous reader learns nothing about who did something. Every page, API field, export and
report that names a user asks `person_label`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext

from corridor.accounts.access.records import access_for
from corridor.accounts.access.references import name_or_withheld

if TYPE_CHECKING:
    from corridor.accounts.access.records import Reader

_CACHE_ATTRIBUTE = "_corridor_people"


def person_label(viewer: Reader, person: Any) -> str | None:
    """How `viewer` may name `person` (a User), or None when they may not name them at all."""
    if person is None or getattr(person, "pk", None) is None:
        return None
    access = access_for(viewer)
    if not access.authenticated or viewer is None:
        return None
    full_name = str(person.get_full_name()).strip()
    if access.superuser or viewer.pk == person.pk:
        return f"{full_name} ({person.get_username()})" if full_name else str(person.get_username())
    organisations = _organisations_of(viewer, person)
    shared = [organisation for organisation in organisations if organisation.pk in access.organisation_ids]
    if shared and full_name:
        return full_name
    if shared or organisations:
        organisation = (shared or organisations)[0]
        return gettext("a member of %(organisation)s") % {
            "organisation": name_or_withheld(viewer, organisation)
        }
    return gettext("a Corridor user")


def person_labels(viewer: Reader, people: Iterable[Any]) -> dict[int, str | None]:
    """`person_label` for each of `people` (by primary key), reading their memberships in one query."""
    found = {person.pk: person for person in people if person is not None and person.pk is not None}
    access = access_for(viewer)
    if found and access.authenticated and not access.superuser and viewer is not None:
        _remember(viewer, list(found))
    return {pk: person_label(viewer, person) for pk, person in found.items()}


def _remember(viewer: Any, person_ids: list[int]) -> None:
    from corridor.accounts.models import Membership

    cache = _cache(viewer)
    missing = sorted(pk for pk in person_ids if pk not in cache)
    if not missing:
        return
    for pk in missing:
        cache[pk] = []
    memberships = (
        Membership.objects.filter(user_id__in=missing, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )
    for membership in memberships:
        cache[membership.user_id].append(membership.organisation)


def _cache(viewer: Any) -> dict[int, list[Any]]:
    cache: dict[int, list[Any]] | None = getattr(viewer, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(viewer, _CACHE_ATTRIBUTE, cache)
    return cache


def _organisations_of(viewer: Any, person: Any) -> list[Any]:
    """The organisations `person` is an active member of, by name; cached per viewer object and person."""
    _remember(viewer, [person.pk])
    return _cache(viewer)[person.pk]
