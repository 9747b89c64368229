"""Work done for someone: jobs, report runs, forecast and scenario runs, import runs, column mappings.

These are not classified records with an owner's handling; each is visible by who asked for it and by what
it read. The rules are written over field names, so the apps that keep these models apply them without
this package knowing their models:

- a job: the user who submitted it (its result may hold anything they could read, so colleagues see the
  report or run it produced, under that output's own rule, not the job);
- a report run or a forecast/scenario run: the user it was made for, and anyone who may read, across
  organisations, everything at its content level — a run that read only public records is public, one
  that read restricted figures reaches only readers cleared to restricted;
- an import run: the user who ran it;
- a column mapping: shared mappings (no owner) for anyone signed in, an organisation's own for its members.

Superusers see all of them; anonymous visitors only runs of public content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db.models import Model, Q, QuerySet

from corridor.accounts.access.records import access_for

if TYPE_CHECKING:
    from corridor.accounts.access.records import Reader

M = TypeVar("M", bound=Model)


def _signed_in_id(user: Reader) -> int | None:
    access = access_for(user)
    if not access.authenticated or user is None or user.pk is None:
        return None
    return int(user.pk)


def restrict_to_requester(queryset: QuerySet[M], user: Reader, *, requester: str) -> QuerySet[M]:
    """Rows that `user` asked for (`requester` names the user field, e.g. 'submitted_by')."""
    if access_for(user).superuser:
        return queryset
    user_id = _signed_in_id(user)
    if user_id is None:
        return queryset.none()
    return queryset.filter(**{f"{requester}_id": user_id})


def restrict_runs(queryset: QuerySet[M], user: Reader, *, requester: str, content_level: str) -> QuerySet[M]:
    """Runs `user` asked for, and runs whose content level `user` reads across organisations."""
    access = access_for(user)
    if access.superuser:
        return queryset
    readable = Q(**{f"{content_level}__in": access.readable_levels})
    user_id = _signed_in_id(user)
    return queryset.filter(readable if user_id is None else readable | Q(**{f"{requester}_id": user_id}))


def restrict_shared(queryset: QuerySet[M], user: Reader, *, owner: str = "owner") -> QuerySet[M]:
    """Rows shared with every signed-in user (no owner) or kept by one of `user`'s organisations."""
    access = access_for(user)
    if access.superuser:
        return queryset
    if not access.authenticated:
        return queryset.none()
    return queryset.filter(
        Q(**{f"{owner}__isnull": True}) | Q(**{f"{owner}_id__in": sorted(access.organisation_ids)})
    )
