from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from corridor.accounts.access import shown_all
from corridor.api.querying import related_keys, related_rows
from corridor.api.schemas.common import DateOut, RecordOut, date_of
from corridor.api.shown import reader, slug_of, slugs_of


class QuantityIO(Schema):
    name: str
    value: Decimal = Field(..., ge=0)
    unit: str = ""
    qualifier: str = "exact"


class ParticipationIO(Schema):
    institution: str | None = Field(
        None, description="organisation slug, or leave empty and give institution_name"
    )
    institution_name: str = ""
    total: int = Field(..., ge=0)
    female: int | None = Field(None, ge=0)
    male: int | None = Field(None, ge=0)
    sex_not_recorded: int | None = Field(None, ge=0)


class TrainingIO(Schema):
    audience: str
    target_total: int | None = Field(None, ge=0)
    participations: list[ParticipationIO] = []


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


class ActivityIn(Schema):
    lead: str
    title: str
    category: str
    date: str
    description: str = ""
    lead_role: str = "implemented"
    funding: str = "unknown"
    status: str = "unknown"
    partners: list[str] = []
    places: list[str] = []
    countries: list[str] = []
    mandate_clauses: list[str] = Field([], description="operation-slug:clause-ref")
    commitments: list[str] = []
    quantities: list[QuantityIO] = []
    training: TrainingIO | None = None
    classification: str | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    date_note: str = ""
    note: str = ""


class ActivityPatch(Schema):
    title: str | None = None
    category: str | None = None
    date: str | None = None
    description: str | None = None
    lead_role: str | None = None
    funding: str | None = None
    status: str | None = None
    partners: list[str] | None = None
    places: list[str] | None = None
    countries: list[str] | None = None
    mandate_clauses: list[str] | None = None
    commitments: list[str] | None = None
    quantities: list[QuantityIO] | None = None
    training: TrainingIO | None = None
    classification: str | None = None
    date_note: str | None = None
    note: str | None = None


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


class ActionPointIn(Schema):
    text: str
    responsible: str | None = None
    due: str | None = None
    status: str = "open"


class ActionPointPatch(Schema):
    status: str


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


class MeetingIn(Schema):
    owner: str
    title: str
    date: str
    convenor: str | None = None
    participants: list[str] = []
    recurrence: str = "once"
    place: str | None = None
    agenda: str = ""
    decisions: list[str] = []
    action_points: list[ActionPointIn] = []
    classification: str | None = Field(
        None,
        description="public, internal or restricted; left out, the owner's default for this kind of record "
        "(internal unless its administrators chose otherwise). Public needs a focal point or administrator.",
    )
    note: str = ""
