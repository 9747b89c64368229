"""Readers for organisations, field operations, focal points, working groups and interviews."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from corridor.accounts.access import get_visible, restrict
from corridor.actors.choices import OrganisationKind
from corridor.actors.models import FocalPoint, Interview, Organisation, WorkingGroup

if TYPE_CHECKING:
    from corridor.accounts.access import Reader


def organisations_visible_to(user: Reader) -> QuerySet[Organisation]:
    return restrict(Organisation.objects.select_related("country", "parent"), user)


def get_organisation_for_user(user: Reader, *, slug: str) -> Organisation:
    return get_visible(Organisation.objects.select_related("country", "parent"), user, slug=slug)


def field_operations_visible_to(user: Reader) -> QuerySet[Organisation]:
    return (
        organisations_visible_to(user)
        .filter(kind=OrganisationKind.OSCE_FIELD_OPERATION)
        .select_related("field_operation__headquarters", "field_operation__host_country")
    )


def focal_points_visible_to(user: Reader) -> QuerySet[FocalPoint]:
    return restrict(FocalPoint.objects.select_related("organisation"), user)


def working_groups_visible_to(user: Reader) -> QuerySet[WorkingGroup]:
    return restrict(WorkingGroup.objects.select_related("organisation"), user)


def interviews_visible_to(user: Reader) -> QuerySet[Interview]:
    return restrict(Interview.objects.select_related("organisation"), user, via="organisation__")


@dataclass(frozen=True)
class OperationStatus:
    """Where a field operation stands on migration: its focal points and working groups as recorded."""

    operation: Organisation
    focal_points: list[FocalPoint]
    working_groups: list[WorkingGroup]


def focal_point_status(user: Reader) -> list[OperationStatus]:
    """Each field operation the user may read, with its focal points and working groups."""
    operations = list(field_operations_visible_to(user))
    points = list(focal_points_visible_to(user).filter(organisation__in=operations))
    groups = list(working_groups_visible_to(user).filter(organisation__in=operations))
    return [
        OperationStatus(
            operation=operation,
            focal_points=[p for p in points if p.organisation_id == operation.pk],
            working_groups=[g for g in groups if g.organisation_id == operation.pk],
        )
        for operation in operations
    ]
