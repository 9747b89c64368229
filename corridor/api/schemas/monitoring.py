from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema

from corridor.api.inputs import (
    MAX_ITEMS,
    DateText,
    Input,
    Keys,
    LongText,
    RequiredLongText,
    RequiredText,
)
from corridor.api.querying import related_rows
from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import slug_of, slugs_of


class BreakdownIO(Input):
    sex: LongText = ""
    age_group: LongText = ""
    nationality: LongText = ""


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


class ObservationIn(Input):
    """A count to record; the same figure again changes nothing, a different one is a revision."""

    place: RequiredText = Field(..., description="place slug")
    metric: RequiredText
    date: DateText = Field(..., description="date with precision: 2015-11-20, 2015-11, early 2016 …")
    value: int | None = Field(None, ge=0)
    value_status: LongText = "reported"
    value_qualifier: LongText = "exact"
    breakdown: BreakdownIO = BreakdownIO()
    source_organisation: RequiredText = Field(..., description="organisation slug, e.g. unhcr")
    owner: RequiredText = Field(..., description="the organisation recording it (yours)")
    reliability: LongText = "estimate"
    classification: LongText | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: LongText = ""


class ObservationRecorded(Schema):
    outcome: str
    observation: ObservationOut


class AggregateRow(Schema):
    key: str
    source: str | None
    period_start: date
    value: int


class FindingIO(Input):
    aspect: RequiredText
    concern: RequiredText
    text: RequiredLongText
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


class VisitIn(Input):
    operation: RequiredText
    places: Keys = Field(..., min_length=1)
    date: DateText
    team: LongText = ""
    overnight: bool | None = None
    purpose: LongText = ""
    findings: Annotated[list[FindingIO], Field(max_length=MAX_ITEMS)] = []
    follow_up: LongText = ""
    classification: LongText | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: LongText = ""


class VisitPatch(Input):
    places: Keys | None = None
    date: DateText | None = None
    team: LongText | None = None
    overnight: bool | None = None
    purpose: LongText | None = None
    findings: Annotated[list[FindingIO], Field(max_length=MAX_ITEMS)] | None = None
    follow_up: LongText | None = None
    classification: LongText | None = None
    note: LongText | None = None
