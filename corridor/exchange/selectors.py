"""Readers for saved column mappings and import runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import restrict_shared, restrict_to_requester
from corridor.exchange.acting import Actor, Platform
from corridor.exchange.models import ColumnMapping, ImportRun

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def column_mappings_visible_to(user: Actor) -> QuerySet[ColumnMapping]:
    """Shared mappings (no owner) for anyone signed in; an organisation's own for its members."""
    if isinstance(user, Platform):
        return ColumnMapping.objects.all()
    return restrict_shared(ColumnMapping.objects.all(), user)


def get_column_mapping_for_user(user: Actor, *, slug: str) -> ColumnMapping | None:
    return column_mappings_visible_to(user).filter(slug=slug).first()


def import_runs_visible_to(user: Reader) -> QuerySet[ImportRun]:
    """A user sees the imports they ran; an administrator sees all."""
    return restrict_to_requester(ImportRun.objects.all(), user, requester="submitted_by")
