"""The editable state of activities (with quantities and a training's participants), meetings and action
points, kept whole at each version (`core.versions`), and the inputs their rows are written from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from corridor.actors.models import Organisation
from corridor.core.merge import VALUE
from corridor.core.versions import (
    Part,
    Rows,
    Versioned,
    foreign,
    lines,
    links,
    normal_text,
    plain,
    rows,
    span,
    text,
)
from corridor.geo.models import Country, Place
from corridor.knowledge.models import Commitment, MandateClause
from corridor.monitoring.choices import ValueQualifier
from corridor.operations.choices import ActionPointStatus
from corridor.operations.models import ActionPoint, Activity, Meeting, Training


@dataclass(frozen=True, slots=True)
class QuantityInput:
    name: str
    value: Decimal | int
    unit: str = ""
    qualifier: str = ValueQualifier.EXACT
    uid: str | None = None


@dataclass(frozen=True, slots=True)
class ParticipationInput:
    """Participants from one institution; counts by sex only as they were recorded."""

    total: int
    institution: Organisation | None = None
    institution_name: str = ""
    female: int | None = None
    male: int | None = None
    sex_not_recorded: int | None = None
    uid: str | None = None


@dataclass(frozen=True, slots=True)
class TrainingInput:
    audience: str
    target_total: int | None = None
    participations: Sequence[ParticipationInput] = ()


@dataclass(frozen=True, slots=True)
class ActionPointInput:
    text: str
    responsible: Organisation | None = None
    due: Any = None
    status: str = ActionPointStatus.OPEN


def decimal_text(value: Decimal | int | str) -> str:
    """A quantity as compared between versions: '12', '2.5' (no trailing zeros)."""
    number = Decimal(str(value)).normalize()
    return format(number, "f")


def _quantity_rows(activity: Activity) -> list[dict[str, Any]]:
    return [
        {
            "uid": str(q.uid),
            "name": normal_text(q.name),
            "value": decimal_text(q.value),
            "unit": normal_text(q.unit),
            "qualifier": q.qualifier,
        }
        for q in activity.quantities.order_by("position", "id")
    ]


def _quantity_dict(item: QuantityInput) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "name": normal_text(item.name),
        "value": decimal_text(item.value),
        "unit": normal_text(item.unit),
        "qualifier": item.qualifier,
    }


def _quantity_input(row: dict[str, Any]) -> QuantityInput:
    return QuantityInput(
        row["name"], Decimal(row["value"]), row["unit"], row["qualifier"], uid=row.get("uid")
    )


def _training_of(activity: Activity) -> Training | None:
    try:
        return activity.training
    except Training.DoesNotExist:
        return None


def _profile(activity: Activity) -> dict[str, Any] | None:
    training = _training_of(activity)
    if training is None:
        return None
    return {"audience": normal_text(training.audience), "target_total": training.target_total}


def _profile_state(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if not value:
        return None
    return {"audience": normal_text(value.get("audience")), "target_total": value.get("target_total")}


def _participation_rows(activity: Activity) -> list[dict[str, Any]]:
    training = _training_of(activity)
    if training is None:
        return []
    return [
        {
            "uid": str(p.uid),
            "institution": p.institution_id,
            "institution_name": normal_text(p.institution_name),
            "total": p.total,
            "female": p.female,
            "male": p.male,
            "sex_not_recorded": p.sex_not_recorded,
        }
        for p in training.participations.order_by("institution_name", "id")
    ]


def _participation_dict(item: ParticipationInput) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "institution": item.institution.pk if item.institution is not None else None,
        "institution_name": normal_text(item.institution_name),
        "total": item.total,
        "female": item.female,
        "male": item.male,
        "sex_not_recorded": item.sex_not_recorded,
    }


def _participation_input(row: dict[str, Any]) -> ParticipationInput:
    institution = row.get("institution")
    return ParticipationInput(
        total=row["total"],
        institution=Organisation.objects.filter(pk=institution).first() if institution else None,
        institution_name=row.get("institution_name", ""),
        female=row.get("female"),
        male=row.get("male"),
        sex_not_recorded=row.get("sex_not_recorded"),
        uid=row.get("uid"),
    )


ACTIVITIES = Versioned(
    Activity,
    (
        text("title", "Title"),
        plain("category", "Category"),
        span("date", "When"),
        text("description", "Description"),
        plain("lead_role", "Lead's role"),
        plain("funding", "Funding"),
        plain("status", "Status"),
        links("partners", Organisation, "Partners"),
        links("places", Place, "Places"),
        links("countries", Country, "Countries"),
        links("mandate_clauses", MandateClause, "Mandate clauses"),
        links("commitments", Commitment, "Commitments"),
        rows("quantities", Rows(_quantity_rows, _quantity_dict, _quantity_input), "Quantities"),
        Part("training", VALUE, _profile, _profile_state, change="training_profile", label="Training"),
        rows(
            "participations",
            Rows(
                _participation_rows, _participation_dict, _participation_input, {"institution": Organisation}
            ),
            "Training participants",
        ),
        text("date_note", "Date note"),
        plain("classification", "Who may read it"),
        text("note", "Note"),
    ),
)


def _decisions(meeting: Meeting) -> list[str]:
    return list(meeting.decisions.order_by("position", "id").values_list("text", flat=True))


MEETINGS = Versioned(
    Meeting,
    (
        text("title", "Title"),
        span("date", "When"),
        foreign("place", Place, "Where"),
        foreign("convenor", Organisation, "Convenor"),
        links("participants", Organisation, "Participants"),
        plain("recurrence", "Recurrence"),
        text("agenda", "Agenda"),
        lines("decisions", _decisions, "Decisions"),
        plain("classification", "Who may read it"),
        text("note", "Note"),
    ),
)

ACTION_POINTS = Versioned(
    ActionPoint,
    (
        text("text", "Action"),
        foreign("responsible", Organisation, "Responsible"),
        span("due", "Due", change="due"),
        plain("status", "Status"),
    ),
)
