"""Readers for saved column mappings and import runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from corridor.accounts.access import access_for
from corridor.exchange.acting import Actor, Platform
from corridor.exchange.models import ColumnMapping, ImportRun

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def column_mappings_visible_to(user: Actor) -> QuerySet[ColumnMapping]:
    """Shared mappings (no owner) for anyone signed in; an organisation's own for its members."""
    if isinstance(user, Platform):
        return ColumnMapping.objects.all()
    access = access_for(user)
    if access.superuser:
        return ColumnMapping.objects.all()
    if not access.authenticated:
        return ColumnMapping.objects.none()
    return ColumnMapping.objects.filter(
        Q(owner__isnull=True) | Q(owner_id__in=sorted(access.organisation_ids))
    )


def get_column_mapping_for_user(user: Actor, *, slug: str) -> ColumnMapping | None:
    return column_mappings_visible_to(user).filter(slug=slug).first()


def import_runs_visible_to(user: Reader) -> QuerySet[ImportRun]:
    """A user sees the imports they ran; an administrator sees all."""
    access = access_for(user)
    if access.superuser:
        return ImportRun.objects.all()
    if not access.authenticated or user is None:
        return ImportRun.objects.none()
    return ImportRun.objects.filter(submitted_by_id=user.pk)
