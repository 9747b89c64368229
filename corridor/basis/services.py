"""Writers: confirm or reject a basis for an activity; link work to the recommendation it answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from corridor.basis.choices import Verdict
from corridor.basis.models import BasisDecision, RecommendationResponse
from corridor.core.exceptions import ValidationFailed
from corridor.core.locks import lock_key
from corridor.core.services import check_version, require_can_change, save_attributed, validated
from corridor.operations.models import Activity
from corridor.operations.services import update_activity

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.knowledge.models import Commitment, MandateClause, Recommendation
    from corridor.timeline.models import Event


@dataclass(frozen=True)
class Decided:
    decision: BasisDecision
    activity: Activity


@transaction.atomic
def decide_basis(
    *,
    actor: Reader,
    activity: Activity,
    verdict: str,
    expected_version: int | None,
    clause: MandateClause | None = None,
    commitment: Commitment | None = None,
) -> Decided:
    """Record `actor`'s verdict on a clause or commitment as the basis of `activity`.

    Confirming links it to the activity and rejecting unlinks it, both through the operations service
    `update_activity` (which checks rights and the version and keeps history); a rejected one is no
    longer suggested. Deciding again replaces the verdict. The caller has fetched `clause` / `commitment`
    through the funnel.
    """
    if (clause is None) == (commitment is None):
        raise ValidationFailed({"target": ["name one mandate clause or one commitment"]})
    if verdict not in Verdict.values:
        raise ValidationFailed({"verdict": [f"{verdict!r} is not one of {', '.join(Verdict.values)}"]})
    activity = Activity.objects.select_for_update().select_related("lead").get(pk=activity.pk)
    require_can_change(actor, activity)
    check_version(activity, expected_version)
    if clause is not None and clause.mandate.operation_id != activity.lead_id:
        raise ValidationFailed(
            {"clause": [f"a clause of another operation's mandate, not {activity.lead}'s"]}
        )
    field, target = ("mandate_clauses", clause) if clause is not None else ("commitments", commitment)
    current = list(getattr(activity, field).all())
    wanted = [item for item in current if item != target]
    if verdict == Verdict.CONFIRMED:
        wanted.append(target)
    if set(wanted) != set(current):
        activity = update_activity(
            actor=actor, activity=activity, expected_version=activity.version, **{field: wanted}
        )
    lookup = {"clause": clause} if clause is not None else {"commitment": commitment}
    decision = BasisDecision.objects.filter(activity=activity, **lookup).first()
    if decision is None:
        decision = BasisDecision(activity=activity, **lookup)
    elif decision.verdict != verdict:
        decision.version += 1
    decision.verdict = verdict
    decision.decided_by = actor if actor is not None and actor.is_authenticated else None  # type: ignore[assignment]
    decision.decided_at = timezone.now()
    save_attributed(validated(decision), actor=actor, reason=f"basis {verdict}")
    return Decided(decision, activity)


def _answer(activity: Activity | None, event: Event | None) -> Activity | Event:
    if (activity is None) == (event is None):
        raise ValidationFailed({"answer": ["name one activity or one event"]})
    return activity if activity is not None else event  # type: ignore[return-value]


@transaction.atomic
def link_response(
    *,
    actor: Reader,
    recommendation: Recommendation,
    activity: Activity | None = None,
    event: Event | None = None,
    note: str = "",
) -> RecommendationResponse:
    """Record that an activity or event answers `recommendation`; linking again updates the note.

    Whoever may change the answering record (an editor of its owner) may say what it answers; the caller
    has fetched the recommendation and the record through the funnel.
    """
    require_can_change(actor, _answer(activity, event))
    # Two links of the same record made at once: the second waits, then finds the first's row.
    lock_key("recommendation-response", recommendation.pk, activity and activity.pk, event and event.pk)
    response = RecommendationResponse.objects.filter(
        recommendation=recommendation, activity=activity, event=event
    ).first()
    if response is None:
        response = RecommendationResponse(recommendation=recommendation, activity=activity, event=event)
    elif response.note == note:
        return response
    else:
        response.version += 1
    response.note = note
    response.linked_by = actor if actor is not None and actor.is_authenticated else None  # type: ignore[assignment]
    response.linked_at = timezone.now()
    return save_attributed(validated(response), actor=actor, reason="linked")


@transaction.atomic
def unlink_response(*, actor: Reader, response: RecommendationResponse) -> None:
    """Remove a link; the same rule as for linking."""
    require_can_change(actor, _answer(response.activity, response.event))
    lock_key("recommendation-response", response.recommendation_id, response.activity_id, response.event_id)
    response._change_reason = "unlinked"  # type: ignore[attr-defined]
    response.delete()
