from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Schema

from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import slug_of, slugs_of


class OrganisationOut(Schema):
    uid: UUID
    slug: str
    name: str
    short_name: str
    kind: str
    parent: str | None
    country: str | None
    hq_city: str
    classification: str

    @staticmethod
    def resolve_parent(organisation: Any, context: Any) -> str | None:
        return slug_of(context, organisation.parent)

    @staticmethod
    def resolve_country(organisation: Any) -> str | None:
        return organisation.country.code if organisation.country_id else None


class ClauseOut(Schema):
    ref: str
    text: str
    dimension: str
    topics: list[str]


class MandateOut(Schema):
    breadth: str
    breadth_quote: str
    summary: str
    documents: list[str]
    clauses: list[ClauseOut]

    @staticmethod
    def resolve_documents(mandate: Any, context: Any) -> list[str]:
        return slugs_of(context, mandate.documents.all())

    @staticmethod
    def resolve_clauses(mandate: Any) -> list[Any]:
        return list(mandate.clauses.all())


class ArrangementOut(RecordOut):
    slug: str
    topic: str
    exists: bool
    established: DateOut | None
    date_note: str
    tasks: list[str]
    held_by: str

    @staticmethod
    def resolve_established(arrangement: Any) -> DateOut | None:
        return date_of(arrangement)


class FieldOperationOut(OrganisationOut):
    headquarters: str
    offices: list[str]
    host_country: str
    mandate: MandateOut | None
    focal_points: list[ArrangementOut]
    working_groups: list[ArrangementOut]

    @staticmethod
    def resolve_headquarters(operation: Any) -> str:
        return operation.field_operation.headquarters.slug

    @staticmethod
    def resolve_offices(operation: Any, context: Any) -> list[str]:
        return slugs_of(context, operation.field_operation.offices.all())

    @staticmethod
    def resolve_host_country(operation: Any) -> str:
        return operation.field_operation.host_country.code

    @staticmethod
    def resolve_mandate(operation: Any) -> Any:
        return getattr(operation, "visible_mandate", None)

    @staticmethod
    def resolve_focal_points(operation: Any) -> list[Any]:
        return list(operation.focalpoints.all())

    @staticmethod
    def resolve_working_groups(operation: Any) -> list[Any]:
        return list(operation.workinggroups.all())
