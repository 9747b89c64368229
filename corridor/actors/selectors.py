"""Readers for organisations, field operations, focal points, working groups and interviews."""

from __future__ import annotations

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
