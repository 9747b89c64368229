from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema

from corridor.accounts.access import shown_all
from corridor.api.inputs import (
    MAX_ITEMS,
    DateText,
    Input,
    Key,
    Keys,
    LongText,
    RequiredLongText,
    RequiredText,
)
from corridor.api.querying import related_keys, related_rows
from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import reader, slug_of, slugs_of


class QuantityIO(Input):
    name: RequiredText
    value: Decimal = Field(..., ge=0)
    unit: LongText = ""
    qualifier: LongText = "exact"


class ParticipationIO(Input):
    institution: LongText | None = Field(
        None, description="organisation slug, or leave empty and give institution_name"
    )
    institution_name: LongText = ""
    total: int = Field(..., ge=0)
    female: int | None = Field(None, ge=0)
    male: int | None = Field(None, ge=0)
    sex_not_recorded: int | None = Field(None, ge=0)


class TrainingIO(Input):
    audience: RequiredText
    target_total: int | None = Field(None, ge=0)
    participations: Annotated[list[ParticipationIO], Field(max_length=MAX_ITEMS)] = []


class ActivityOut(RecordOut):
    slug: str
    title: str
    description: str
    category: str
    lead: str | None
    lead_role: str
    date: DateOut
    date_note: str
    funding: str
    status: str
    partners: list[str]
    places: list[str]
    countries: list[str]
    mandate_clauses: list[str]
    commitments: list[str]
    quantities: list[QuantityIO]
    training: TrainingIO | None

    @staticmethod
    def resolve_lead(activity: Any, context: Any) -> str | None:
        return slug_of(context, activity.lead)

    @staticmethod
    def resolve_date(activity: Any) -> DateOut | None:
        return date_of(activity)

    @staticmethod
    def resolve_partners(activity: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(activity, "partners"))

    @staticmethod
    def resolve_places(activity: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(activity, "places"))

    @staticmethod
    def resolve_countries(activity: Any) -> list[str]:
        return related_keys(activity, "countries", key="code")

    @staticmethod
    def resolve_mandate_clauses(activity: Any, context: Any) -> list[str]:
        clauses = related_rows(activity, "mandate_clauses")
        visible = {mandate.pk for mandate in shown_all(reader(context), [c.mandate for c in clauses])}
        return [
            f"{clause.mandate.operation.slug}:{clause.ref}"
            for clause in clauses
            if clause.mandate_id in visible
        ]

    @staticmethod
    def resolve_commitments(activity: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(activity, "commitments"))

    @staticmethod
    def resolve_quantities(activity: Any) -> list[Any]:
        return related_rows(activity, "quantities")

    @staticmethod
    def resolve_training(activity: Any, context: Any) -> TrainingIO | None:
        training = getattr(activity, "training", None)
        if training is None:
            return None
        return TrainingIO(
            audience=training.audience,
            target_total=training.target_total,
            participations=[
                ParticipationIO(
                    institution=slug_of(context, p.institution),
                    institution_name=p.institution_name,
                    total=p.total,
                    female=p.female,
                    male=p.male,
                    sex_not_recorded=p.sex_not_recorded,
                )
                for p in related_rows(training, "participations")
            ],
        )


class ActivityIn(Input):
    lead: RequiredText
    title: RequiredText
    category: RequiredText
    date: DateText
    description: LongText = ""
    lead_role: LongText = "implemented"
    funding: LongText = "unknown"
    status: LongText = "unknown"
    partners: Keys = []
    places: Keys = []
    countries: Keys = []
    mandate_clauses: Keys = Field([], description="operation-slug:clause-ref")
    commitments: Keys = []
    quantities: Annotated[list[QuantityIO], Field(max_length=MAX_ITEMS)] = []
    training: TrainingIO | None = None
    classification: LongText | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    date_note: LongText = ""
    note: LongText = ""


class ActivityPatch(Input):
    title: RequiredText | None = None
    category: LongText | None = None
    date: DateText | None = None
    description: LongText | None = None
    lead_role: LongText | None = None
    funding: LongText | None = None
    status: LongText | None = None
    partners: Keys | None = None
    places: Keys | None = None
    countries: Keys | None = None
    mandate_clauses: Keys | None = None
    commitments: Keys | None = None
    quantities: Annotated[list[QuantityIO], Field(max_length=MAX_ITEMS)] | None = None
    training: TrainingIO | None = None
    classification: LongText | None = None
    date_note: LongText | None = None
    note: LongText | None = None


class TrainingOut(TrainingIO):
    activity: str | None
    uid: UUID


class ActionPointOut(Schema):
    uid: UUID
    version: int
    meeting: str | None
    text: str
    responsible: str | None
    due: DateOut | None
    status: str

    @staticmethod
    def resolve_meeting(point: Any, context: Any) -> str | None:
        return slug_of(context, point.meeting)

    @staticmethod
    def resolve_responsible(point: Any, context: Any) -> str | None:
        return slug_of(context, point.responsible)

    @staticmethod
    def resolve_due(point: Any) -> DateOut | None:
        return date_of(point)


class ActionPointIn(Input):
    text: RequiredLongText
    responsible: LongText | None = None
    due: DateText | None = None
    status: LongText = "open"


class ActionPointPatch(Input):
    status: Key


class MeetingOut(RecordOut):
    slug: str
    title: str
    convenor: str | None
    participants: list[str]
    date: DateOut
    recurrence: str
    place: str | None
    agenda: str
    decisions: list[str]
    action_points: list[ActionPointOut]

    @staticmethod
    def resolve_convenor(meeting: Any, context: Any) -> str | None:
        return slug_of(context, meeting.convenor)

    @staticmethod
    def resolve_participants(meeting: Any, context: Any) -> list[str]:
        return slugs_of(context, related_rows(meeting, "participants"))

    @staticmethod
    def resolve_date(meeting: Any) -> DateOut | None:
        return date_of(meeting)

    @staticmethod
    def resolve_place(meeting: Any, context: Any) -> str | None:
        return slug_of(context, meeting.place)

    @staticmethod
    def resolve_decisions(meeting: Any) -> list[str]:
        return [decision.text for decision in related_rows(meeting, "decisions")]

    @staticmethod
    def resolve_action_points(meeting: Any) -> list[Any]:
        return related_rows(meeting, "action_points")


class MeetingIn(Input):
    owner: RequiredText
    title: RequiredText
    date: DateText
    convenor: LongText | None = None
    participants: Keys = []
    recurrence: LongText = "once"
    place: LongText | None = None
    agenda: LongText = ""
    decisions: Keys = []
    action_points: Annotated[list[ActionPointIn], Field(max_length=MAX_ITEMS)] = []
    classification: LongText | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: LongText = ""
