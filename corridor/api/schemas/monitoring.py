from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from corridor.api.querying import related_rows
from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import slug_of, slugs_of


class BreakdownIO(Schema):
    sex: str = ""
    age_group: str = ""
    nationality: str = ""


class ObservationOut(RecordOut):
    place: str | None
    metric: str
    date: DateOut
    value: int | None
    value_status: str
    value_qualifier: str
    breakdown: BreakdownIO
    source_organisation: str | None
    reliability: str
    is_current: bool
    revision_of: UUID | None

    @staticmethod
    def resolve_place(observation: Any, context: Any) -> str | None:
        return slug_of(context, observation.place)

    @staticmethod
    def resolve_date(observation: Any) -> DateOut | None:
        return date_of(observation)

    @staticmethod
    def resolve_breakdown(observation: Any) -> BreakdownIO:
        return BreakdownIO(
            sex=observation.sex, age_group=observation.age_group, nationality=observation.nationality
        )

    @staticmethod
    def resolve_source_organisation(observation: Any, context: Any) -> str | None:
        return slug_of(context, observation.source_organisation)

    @staticmethod
    def resolve_revision_of(observation: Any) -> UUID | None:
        return observation.revision_of.uid if observation.revision_of_id else None


class ObservationIn(Schema):
    """A count to record; the same figure again changes nothing, a different one is a revision."""

    place: str = Field(..., description="place slug")
    metric: str
    date: str = Field(..., description="date with precision: 2015-11-20, 2015-11, early 2016 …")
    value: int | None = Field(None, ge=0)
    value_status: str = "reported"
    value_qualifier: str = "exact"
    breakdown: BreakdownIO = BreakdownIO()
    source_organisation: str = Field(..., description="organisation slug, e.g. unhcr")
    owner: str = Field(..., description="the organisation recording it (yours)")
    reliability: str = "estimate"
    classification: str | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: str = ""


class ObservationRecorded(Schema):
    outcome: str
    observation: ObservationOut


class AggregateRow(Schema):
    key: str
    source: str | None
    period_start: date
    value: int


class FindingIO(Schema):
    aspect: str
    concern: str
    text: str
    uid: UUID | None = Field(
        None, description="the finding's uid: sent back in a PATCH, the finding is changed in place"
    )


class VisitOut(RecordOut):
    slug: str
    operation: str | None
    team: str
    places: list[str]
    date: DateOut
    date_note: str
    overnight: bool | None
    purpose: str
    findings: list[FindingIO]
    follow_up: str

    @staticmethod
    def resolve_operation(visit: Any, context: Any) -> str | None:
        return slug_of(context, visit.operation)

    @staticmethod
    def resolve_places(visit: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(visit, "places"))

    @staticmethod
    def resolve_date(visit: Any) -> DateOut | None:
        return date_of(visit)

    @staticmethod
    def resolve_findings(visit: Any) -> list[Any]:
        return related_rows(visit, "findings")


class VisitIn(Schema):
    operation: str
    places: list[str] = Field(..., min_length=1)
    date: str
    team: str = ""
    overnight: bool | None = None
    purpose: str = ""
    findings: list[FindingIO] = []
    follow_up: str = ""
    classification: str | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: str = ""


class VisitPatch(Schema):
    places: list[str] | None = None
    date: str | None = None
    team: str | None = None
    overnight: bool | None = None
    purpose: str | None = None
    findings: list[FindingIO] | None = None
    follow_up: str | None = None
    classification: str | None = None
    note: str | None = None
