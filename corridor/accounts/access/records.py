"""Classified records: who may read, change and approve them.

Every selector that returns protected records goes through `restrict` (or `get_visible`), so a view,
an API endpoint, an export and a report all see the same set. The rules:

- anyone, signed in or not, reads public records;
- a member of an organisation reads every record that organisation owns, whatever its classification;
- a member of any OSCE structure also reads internal records of other organisations;
- an analyst reads across organisations up to their clearance (internal, or restricted);
- a superuser reads everything.

A record that a user may not read does not exist for them: lookups raise `NotFound`, never a refusal
that would reveal it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet

from corridor.accounts.choices import ADMINISTERING_ROLES, APPROVING_ROLES, EDITING_ROLES, Role
from corridor.core.choices import Classification
from corridor.core.exceptions import NotFound

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from corridor.accounts.models import User

Reader: TypeAlias = "User | AnonymousUser | None"
"""Whoever asks: a signed-in user, an anonymous visitor, or nobody (a system task)."""

M = TypeVar("M", bound=Model)

_CACHE_ATTRIBUTE = "_corridor_access"


@dataclass(frozen=True, slots=True)
class Access:
    """What one user may read and change, computed once per request from their memberships."""

    authenticated: bool
    superuser: bool
    organisation_ids: frozenset[int]
    editing_organisation_ids: frozenset[int]
    approving_organisation_ids: frozenset[int]
    administering_organisation_ids: frozenset[int]
    reads_internal: bool
    analyst_clearance: str | None

    @property
    def readable_levels(self) -> list[str]:
        levels = {Classification.PUBLIC.value}
        if self.reads_internal:
            levels.add(Classification.INTERNAL.value)
        if self.analyst_clearance:
            levels.update(Classification.up_to(self.analyst_clearance))
        return [level for level in Classification.values if level in levels]


ANONYMOUS = Access(
    authenticated=False,
    superuser=False,
    organisation_ids=frozenset(),
    editing_organisation_ids=frozenset(),
    approving_organisation_ids=frozenset(),
    administering_organisation_ids=frozenset(),
    reads_internal=False,
    analyst_clearance=None,
)


def access_for(user: Reader) -> Access:
    """Return (and cache on the user object) what this user may read and change."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from corridor.accounts.models import Membership

    memberships = list(
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .only("role", "clearance", "organisation__id", "organisation__kind")
    )
    clearances = [m.clearance for m in memberships if m.role == Role.ANALYST]
    access = Access(
        authenticated=True,
        superuser=bool(user.is_superuser),
        organisation_ids=frozenset(m.organisation_id for m in memberships),
        editing_organisation_ids=frozenset(m.organisation_id for m in memberships if m.role in EDITING_ROLES),
        approving_organisation_ids=frozenset(
            m.organisation_id for m in memberships if m.role in APPROVING_ROLES
        ),
        administering_organisation_ids=frozenset(
            m.organisation_id for m in memberships if m.role in ADMINISTERING_ROLES
        ),
        reads_internal=any(m.organisation.is_osce for m in memberships),
        analyst_clearance=max(clearances, key=Classification.rank) if clearances else None,
    )
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget_access(user: Any) -> None:
    """Drop the cached access after memberships change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def readable(user: Reader, *, via: str = "") -> Q:
    """A filter for classified rows `user` may read; `via` is the path to the classified row ('meeting__')."""
    access = access_for(user)
    levels = access.readable_levels
    if access.superuser or len(levels) == len(Classification.values):
        return Q()
    condition = Q(**{f"{via}classification__in": levels})
    if access.organisation_ids:
        condition |= Q(**{f"{via}owner_id__in": sorted(access.organisation_ids)})
    return condition


def restrict(queryset: QuerySet[M], user: Reader, *, via: str = "") -> QuerySet[M]:
    """The rows of `queryset` that `user` may read."""
    condition = readable(user, via=via)
    return queryset.filter(condition) if condition else queryset


def get_visible(queryset: QuerySet[M], user: Reader, *, via: str = "", **lookup: Any) -> M:
    """The one row matching `lookup` that `user` may read; `NotFound` whether it is absent or hidden."""
    try:
        return restrict(queryset, user, via=via).get(**lookup)
    except ObjectDoesNotExist:
        raise NotFound(f"no {queryset.model._meta.verbose_name} matches {lookup}") from None


def can_read(user: Reader, *, classification: str, owner_id: int | None) -> bool:
    """The same rule as `readable`, for one record already in memory."""
    access = access_for(user)
    if access.superuser:
        return True
    return classification in access.readable_levels or (
        owner_id is not None and owner_id in access.organisation_ids
    )


def can_edit(user: Reader, *, owner_id: int | None) -> bool:
    """Whether `user` may create or change records owned by `owner_id`."""
    access = access_for(user)
    return access.superuser or (owner_id is not None and owner_id in access.editing_organisation_ids)


def can_approve(user: Reader, *, owner_id: int | None) -> bool:
    """Whether `user` may approve and publish (reports, records) for `owner_id`."""
    access = access_for(user)
    return access.superuser or (owner_id is not None and owner_id in access.approving_organisation_ids)


def can_administer(user: Reader, *, owner_id: int | None) -> bool:
    """Whether `user` may change `owner_id`'s settings (the classification its records get by default)."""
    access = access_for(user)
    return access.superuser or (owner_id is not None and owner_id in access.administering_organisation_ids)


@dataclass(frozen=True, slots=True)
class Handling:
    """Who may read a record, as its classification and owner say (`owner_is_osce`: the owner is an OSCE
    structure, whose members all read internal records)."""

    classification: str
    owner_id: int | None
    owner_is_osce: bool = False


def covers(reference: Handling, record: Handling) -> bool:
    """Whether everyone who may read `record` may also read `reference`, so `record` may name it.

    Readers of a public record: everyone. Of an internal one: its owner's members, members of any OSCE
    structure, analysts cleared to internal or above. Of a restricted one: its owner's members and analysts
    cleared to restricted. Superusers read everything, so they never decide.
    """
    if reference.classification == Classification.PUBLIC:
        return True
    if record.classification == Classification.PUBLIC:
        return False
    same_owner = reference.owner_id is not None and reference.owner_id == record.owner_id
    if reference.classification == Classification.INTERNAL:
        # The record's other readers (OSCE members, analysts) read internal records anyway; its owner's
        # members do too when the owner is an OSCE structure.
        return same_owner or record.owner_is_osce
    return same_owner and record.classification == Classification.RESTRICTED
