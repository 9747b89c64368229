from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Schema

from corridor.api.schemas.common import CitationOut, DateOut, RecordOut, date_of
from corridor.api.shown import slug_of, slugs_of
from corridor.core.citations import citations_of


def _sources(record: Any) -> list[CitationOut]:
    return [
        CitationOut(source=citation.source.slug, locator=citation.locator, quote=citation.quote)
        for citation in citations_of(record)
    ]


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


class OrganisationDetailOut(OrganisationOut):
    """An organisation with what the study says of it: description, editorial note and the quotes cited."""

    established: str
    description: str
    note: str
    sources: list[CitationOut]

    @staticmethod
    def resolve_established(organisation: Any) -> str:
        return str(organisation.established_text)

    @staticmethod
    def resolve_sources(organisation: Any) -> list[CitationOut]:
        return _sources(organisation)


class InterviewOut(Schema):
    """A research interview of the study's annex: where (the organisation), when, and whom (positions)."""

    uid: UUID
    organisation: str | None
    date: DateOut
    positions: list[str]
    sources: list[CitationOut]

    @staticmethod
    def resolve_organisation(interview: Any, context: Any) -> str | None:
        return slug_of(context, interview.organisation)

    @staticmethod
    def resolve_date(interview: Any) -> DateOut | None:
        return date_of(interview)

    @staticmethod
    def resolve_sources(interview: Any) -> list[CitationOut]:
        return _sources(interview)


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
    engagement_note: str
    headquarters: str
    offices: list[str]
    host_country: str
    mandate: MandateOut | None
    focal_points: list[ArrangementOut]
    working_groups: list[ArrangementOut]

    @staticmethod
    def resolve_engagement_note(operation: Any) -> str:
        return str(operation.field_operation.engagement_note)

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


class FieldOperationDetailOut(FieldOperationOut):
    """A field operation with the study's statements about it: description, note, sources and interviews."""

    description: str
    note: str
    sources: list[CitationOut]
    interviews: list[InterviewOut]

    @staticmethod
    def resolve_sources(operation: Any) -> list[CitationOut]:
        return _sources(operation)

    @staticmethod
    def resolve_interviews(operation: Any) -> list[Any]:
        return list(operation.interviews.all())
