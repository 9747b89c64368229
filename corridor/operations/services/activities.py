"""Writers for activities and trainings: quantities, participants by sex, mandate basis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.core.choices import Classification
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.services import (
    apply_changes,
    check_version,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.monitoring.choices import ValueQualifier
from corridor.operations.choices import ActivityStatus, Funding, LeadRole
from corridor.operations.models import (
    Activity,
    ActivityQuantity,
    Training,
    TrainingParticipation,
)

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Country, Place
    from corridor.knowledge.models import Commitment, MandateClause

ACTIVITY_LINKS = ("partners", "places", "countries", "mandate_clauses", "commitments")


@dataclass(frozen=True, slots=True)
class QuantityInput:
    name: str
    value: Decimal | int
    unit: str = ""
    qualifier: str = ValueQualifier.EXACT


@dataclass(frozen=True, slots=True)
class ParticipationInput:
    """Participants from one institution; counts by sex only as they were recorded."""

    total: int
    institution: Organisation | None = None
    institution_name: str = ""
    female: int | None = None
    male: int | None = None
    sex_not_recorded: int | None = None


@dataclass(frozen=True, slots=True)
class TrainingInput:
    audience: str
    target_total: int | None = None
    participations: Sequence[ParticipationInput] = ()


@transaction.atomic
def record_activity(
    *,
    actor: Reader,
    lead: Organisation,
    title: str,
    category: str,
    span: DateSpan,
    description: str = "",
    lead_role: str = LeadRole.IMPLEMENTED,
    funding: str = Funding.UNKNOWN,
    status: str = ActivityStatus.UNKNOWN,
    partners: Sequence[Organisation] = (),
    places: Sequence[Place] = (),
    countries: Sequence[Country] = (),
    mandate_clauses: Sequence[MandateClause] = (),
    commitments: Sequence[Commitment] = (),
    quantities: Sequence[QuantityInput] = (),
    training: TrainingInput | None = None,
    classification: str = Classification.INTERNAL,
    date_note: str = "",
    note: str = "",
) -> Activity:
    """Record an activity led by `lead`, with its quantities and, for a training, its participants."""
    require_can_write(actor, owner_id=lead.pk)
    _require_own_clauses(lead, mandate_clauses)
    activity = Activity(
        slug=new_slug(Activity, title, max_length=120),
        title=title,
        description=description,
        category=category,
        lead=lead,
        lead_role=lead_role,
        funding=funding,
        status=status,
        owner=lead,
        classification=classification,
        date_note=date_note,
        note=note,
    )
    activity.span = span
    save_attributed(validated(activity), actor=actor, reason="recorded")
    links = {
        "partners": partners,
        "places": places,
        "countries": countries,
        "mandate_clauses": mandate_clauses,
        "commitments": commitments,
    }
    for name, targets in links.items():
        getattr(activity, name).set(targets)
    _replace_quantities(actor, activity, quantities)
    if training is not None:
        _save_training(actor, activity, training)
    return activity


@transaction.atomic
def update_activity(
    *, actor: Reader, activity: Activity, expected_version: int | None, **changes: Any
) -> Activity:
    """Change an activity; links, quantities and training are replaced when given."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require_can_change(actor, activity)
    check_version(activity, expected_version)
    links = {name: changes.pop(name) for name in ACTIVITY_LINKS if name in changes}
    quantities = changes.pop("quantities", None)
    training = changes.pop("training", None)
    if "mandate_clauses" in links:
        _require_own_clauses(activity.lead, links["mandate_clauses"])
    if "span" in changes:
        span: DateSpan = changes.pop("span")
        changes.update(date_start=span.start, date_end=span.end, date_precision=span.precision)
    changed = apply_changes(activity, changes)
    changed += [name for name, targets in links.items() if set(getattr(activity, name).all()) != set(targets)]
    if quantities is not None:
        changed.append("quantities")
    if training is not None:
        changed.append("training")
    if changed:
        activity.version += 1
        save_attributed(validated(activity), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
        for name, targets in links.items():
            getattr(activity, name).set(targets)
        if quantities is not None:
            _replace_quantities(actor, activity, quantities)
        if training is not None:
            _save_training(actor, activity, training)
    return activity


def _require_own_clauses(lead: Organisation, clauses: Sequence[MandateClause]) -> None:
    for index, clause in enumerate(clauses):
        if clause.mandate.operation_id != lead.pk:
            raise ValidationFailed({f"mandate_clauses.{index}": ["a clause of another operation's mandate"]})


def _replace_quantities(actor: Reader, activity: Activity, quantities: Sequence[QuantityInput]) -> None:
    activity.quantities.all().delete()
    for index, item in enumerate(quantities):
        quantity = ActivityQuantity(
            activity=activity,
            name=item.name,
            value=Decimal(str(item.value)),
            unit=item.unit,
            qualifier=item.qualifier,
            position=index,
        )
        save_attributed(validated(quantity, prefix=f"quantities.{index}.", exclude=["activity"]), actor=actor)


def _save_training(actor: Reader, activity: Activity, training: TrainingInput) -> None:
    profile = Training.objects.filter(activity=activity).first() or Training(activity=activity)
    profile.audience, profile.target_total = training.audience, training.target_total
    save_attributed(validated(profile, prefix="training.", exclude=["activity"]), actor=actor)
    profile.participations.all().delete()
    for index, item in enumerate(training.participations):
        recorded = [count for count in (item.female, item.male, item.sex_not_recorded) if count is not None]
        if sum(recorded) > item.total:
            raise ValidationFailed(
                {
                    f"training.participations.{index}.total": [
                        "the counts by sex add up to more than the total"
                    ]
                }
            )
        participation = TrainingParticipation(
            training=profile,
            institution=item.institution,
            institution_name=item.institution_name,
            total=item.total,
            female=item.female,
            male=item.male,
            sex_not_recorded=item.sex_not_recorded,
        )
        if item.institution is None and not item.institution_name:
            raise ValidationFailed({f"training.participations.{index}.institution": ["name the institution"]})
        prefix = f"training.participations.{index}."
        save_attributed(validated(participation, prefix=prefix, exclude=["training"]), actor=actor)
