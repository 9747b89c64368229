"""Writers for activities and trainings: quantities, participants by sex, mandate basis."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from corridor.accounts.access import (
    new_record_classification,
    require_may_reclassify,
    require_public_references,
)
from corridor.accounts.choices import RecordKind
from corridor.core.dates import DateSpan
from corridor.core.exceptions import ValidationFailed
from corridor.core.merge import changed_parts
from corridor.core.services import (
    apply_changes,
    keep_rows,
    require_can_change,
    require_can_write,
    save_attributed,
    validated,
)
from corridor.core.slugs import new_slug
from corridor.core.versions import reconcile, save_snapshot
from corridor.operations.choices import ActivityStatus, Funding, LeadRole
from corridor.operations.models import (
    Activity,
    ActivityQuantity,
    Training,
    TrainingParticipation,
)
from corridor.operations.versions import ACTIVITIES, ParticipationInput, QuantityInput, TrainingInput

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation
    from corridor.geo.models import Country, Place
    from corridor.knowledge.models import Commitment, MandateClause

ACTIVITY_LINKS = ("partners", "places", "countries", "mandate_clauses", "commitments")


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
    classification: str | None = None,
    date_note: str = "",
    note: str = "",
) -> Activity:
    """Record an activity led by `lead`, with its quantities and, for a training, its participants.

    `classification` None takes the lead's default for activities.
    """
    require_can_write(actor, owner_id=lead.pk)
    classification = new_record_classification(
        actor, owner_id=lead.pk, kind=RecordKind.ACTIVITY, chosen=classification
    )
    institutions = [p.institution for p in training.participations] if training else []
    require_public_references(
        classification,
        [
            (f"{name}.{index}", target)
            for name, targets in (
                ("partners", partners),
                ("places", places),
                ("commitments", commitments),
                ("training.participations", institutions),
            )
            for index, target in enumerate(targets)
        ],
    )
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
    _keep_quantities(actor, activity, quantities)
    if training is not None:
        _keep_training(
            actor,
            activity,
            {"audience": training.audience, "target_total": training.target_total},
            training.participations,
        )
    save_snapshot(ACTIVITIES, activity, actor=actor, reason="recorded")
    return activity


@transaction.atomic
def update_activity(
    *, actor: Reader, activity: Activity, expected_version: int | None, **changes: Any
) -> Activity:
    """Change an activity: its fields, links, quantities and training, each only when given.

    `training` (a `TrainingInput`) gives the training's profile and participants at once; rows named by
    uid change in place. An edit made from an older version is merged with what was saved since
    (`core.versions.reconcile`); the activity then carries `reconciled`. Unchanged input writes nothing.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require_can_change(actor, activity)
    reconciled = reconcile(ACTIVITIES, activity, expected_version, _split_training(changes))
    before = ACTIVITIES.state_of(activity)
    wanted = ACTIVITIES.state_with(before, reconciled.changes)
    changed = changed_parts(ACTIVITIES.shape, before, wanted)
    activity.reconciled = reconciled  # type: ignore[attr-defined]
    if not changed:
        return activity
    changes = ACTIVITIES.changes_to(before, wanted)
    if "classification" in changes:
        require_may_reclassify(
            actor, owner_id=activity.owner_id, old=activity.classification, new=changes["classification"]
        )
    links = {name: changes.pop(name) for name in ACTIVITY_LINKS if name in changes}
    quantities = changes.pop("quantities", None)
    profile = changes.pop("training_profile", _UNCHANGED)
    participations = changes.pop("participations", None)
    if "mandate_clauses" in links:
        _require_own_clauses(activity.lead, links["mandate_clauses"])
    if "span" in changes:
        moved: DateSpan = changes.pop("span")
        changes.update(date_start=moved.start, date_end=moved.end, date_precision=moved.precision)
    current = {name: list(getattr(activity, name).all()) for name in ACTIVITY_LINKS}
    apply_changes(activity, changes)
    reclassified = "classification" in changed
    require_public_references(
        activity.classification,
        [
            (f"{name}.{index}", target)
            for name in ("partners", "places", "commitments")
            for index, target in enumerate(links.get(name, current[name]))
            if reclassified or target not in current[name]
        ],
    )
    activity.version += 1
    save_attributed(validated(activity), actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    for name, targets in links.items():
        getattr(activity, name).set(targets)
    if quantities is not None:
        _keep_quantities(actor, activity, quantities)
    if profile is not _UNCHANGED or participations is not None:
        stated = wanted["training"]
        _keep_training(
            actor,
            activity,
            stated,
            participations if participations is not None else _participations_of(wanted),
        )
    save_snapshot(ACTIVITIES, activity, actor=actor, reason=f"changed: {', '.join(sorted(changed))}")
    return activity


_UNCHANGED = object()


def _split_training(changes: dict[str, Any]) -> dict[str, Any]:
    """A `training` change as the two parts an activity's state keeps: its profile and participants."""
    changes = dict(changes)
    training = changes.pop("training", None)
    if isinstance(training, TrainingInput):
        changes["training_profile"] = {
            "audience": training.audience,
            "target_total": training.target_total,
        }
        changes["participations"] = list(training.participations)
    return changes


def _participations_of(state: dict[str, Any]) -> list[ParticipationInput]:
    participations: list[ParticipationInput] = ACTIVITIES.part("participations").from_state(
        state["participations"]
    )
    return participations


def _require_own_clauses(lead: Organisation, clauses: Sequence[MandateClause]) -> None:
    for index, clause in enumerate(clauses):
        if clause.mandate.operation_id != lead.pk:
            raise ValidationFailed({f"mandate_clauses.{index}": ["a clause of another operation's mandate"]})


def _keep_quantities(actor: Reader, activity: Activity, quantities: Sequence[QuantityInput]) -> None:
    keep_rows(
        actor=actor,
        existing=activity.quantities.all(),
        items=quantities,
        values=lambda item, index: {
            "name": item.name,
            "value": Decimal(str(item.value)),
            "unit": item.unit,
            "qualifier": item.qualifier,
            "position": index,
        },
        new=lambda: ActivityQuantity(activity=activity),
        prefix="quantities",
        parent="activity",
    )


def _keep_training(
    actor: Reader,
    activity: Activity,
    profile: dict[str, Any] | None,
    participations: Sequence[ParticipationInput],
) -> None:
    """Make the activity's training `profile` (audience, target) with `participations`; no profile and no
    participants remove the training."""
    training = Training.objects.filter(activity=activity).first()
    if profile is None and not participations:
        if training is not None:
            training.delete()
        return
    if training is None:
        training = Training(activity=activity)
    audience = (profile or {}).get("audience") or "not stated"
    target = (profile or {}).get("target_total")
    if training.pk is None or apply_changes(training, {"audience": audience, "target_total": target}):
        training.audience, training.target_total = audience, target
        if training.pk is not None:
            training.version += 1
        save_attributed(validated(training, prefix="training.", exclude=["activity"]), actor=actor)
    for index, item in enumerate(participations):
        recorded = [count for count in (item.female, item.male, item.sex_not_recorded) if count is not None]
        if sum(recorded) > item.total:
            raise ValidationFailed(
                {
                    f"training.participations.{index}.total": [
                        "the counts by sex add up to more than the total"
                    ]
                }
            )
        if item.institution is None and not item.institution_name:
            raise ValidationFailed({f"training.participations.{index}.institution": ["name the institution"]})
    keep_rows(
        actor=actor,
        existing=training.participations.all(),
        items=participations,
        values=lambda item, index: {
            "institution": item.institution,
            "institution_name": item.institution_name,
            "total": item.total,
            "female": item.female,
            "male": item.male,
            "sex_not_recorded": item.sex_not_recorded,
        },
        new=lambda: TrainingParticipation(training=training),
        prefix="training.participations",
        parent="training",
    )
