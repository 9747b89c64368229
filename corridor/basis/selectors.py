"""Readers for the basis of activities and for the recommendations tracker, through the visibility funnel."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from corridor.accounts.access import readable
from corridor.basis.choices import Verdict
from corridor.basis.models import BasisDecision, RecommendationResponse
from corridor.core.models import Citation
from corridor.knowledge.basis import BasisSuggestions, suggest_basis
from corridor.knowledge.models import Commitment, MandateClause, Recommendation, RecommendationFollowUp
from corridor.knowledge.selectors import clauses_visible_to, commitments_visible_to
from corridor.operations.models import Activity
from corridor.operations.selectors import activities_visible_to

if TYPE_CHECKING:
    from corridor.accounts.access import Reader
    from corridor.actors.models import Organisation


def activity_text(activity: Activity) -> str:
    """The words of an activity that its basis is looked for in: its title and description."""
    return f"{activity.title}\n{activity.description}"


def decisions_visible_to(user: Reader) -> QuerySet[BasisDecision]:
    """Decisions on activities the user may read (targets the user may not read are left out)."""
    decisions = BasisDecision.objects.select_related("activity", "clause__mandate__operation", "commitment")
    decisions = decisions.filter(activity__in=activities_visible_to(user))
    return decisions.filter(
        Q(clause__in=clauses_visible_to(user)) | Q(commitment__in=commitments_visible_to(user))
    ).order_by("decided_at", "id")


@dataclass(frozen=True)
class ActivityBasis:
    """An activity's confirmed basis, the decisions taken, and what else might support it."""

    activity: Activity
    clauses: list[MandateClause]
    commitments: list[Commitment]
    decisions: list[BasisDecision]
    suggestions: BasisSuggestions


def basis_of(user: Reader, activity: Activity, *, limit: int = 10) -> ActivityBasis:
    """The basis of `activity` (already fetched through the funnel): links, decisions and new suggestions.

    Suggestions leave out what is linked already and what someone rejected for this activity.
    """
    clauses = list(clauses_visible_to(user).filter(activities=activity))
    commitments = list(commitments_visible_to(user).filter(activities=activity))
    decisions = list(decisions_visible_to(user).filter(activity=activity))
    rejected = [decision for decision in decisions if decision.verdict == Verdict.REJECTED]
    suggestions = suggest_basis(
        user,
        operation=activity.lead,
        text=activity_text(activity),
        exclude_clauses={c.pk for c in clauses} | {d.clause_id for d in rejected if d.clause_id},
        exclude_commitments={c.pk for c in commitments}
        | {d.commitment_id for d in rejected if d.commitment_id},
        limit=limit,
    )
    return ActivityBasis(activity, clauses, commitments, decisions, suggestions)


def suggest_for_draft(
    user: Reader, *, operation: Organisation, title: str, description: str = "", limit: int = 10
) -> BasisSuggestions:
    """Suggestions for an activity not yet recorded (a form being filled in)."""
    return suggest_basis(user, operation=operation, text=f"{title}\n{description}", limit=limit)


def activities_without_basis(user: Reader, *, operation: Organisation) -> QuerySet[Activity]:
    """Activities led by `operation` that the user may read and that have no mandate clause and no
    commitment linked (of those the user may read): the work still to be grounded."""
    grounded = Q(mandate_clauses__in=clauses_visible_to(user)) | Q(
        commitments__in=commitments_visible_to(user)
    )
    with_basis = Activity.objects.filter(grounded).values("pk")
    return (
        activities_visible_to(user)
        .filter(lead=operation)
        .exclude(pk__in=with_basis)
        .order_by("date_start", "slug")
    )


def _either(first: Q, second: Q) -> Q:
    """`first | second`, where an empty Q (the funnel's "everything") stays everything."""
    return Q() if not first or not second else first | second


def responses_visible_to(user: Reader) -> QuerySet[RecommendationResponse]:
    """Links the user may see: they may read the recommendation and the activity or event that answers."""
    condition = readable(user, via="recommendation__")
    condition &= _either(Q(activity__isnull=True), readable(user, via="activity__"))
    condition &= _either(Q(event__isnull=True), readable(user, via="event__"))
    responses = RecommendationResponse.objects.select_related(
        "recommendation", "activity", "event", "linked_by"
    )
    return responses.filter(condition) if condition else responses


@dataclass(frozen=True)
class Tracker:
    """A recommendation, what happened to it, and the work that answers it."""

    recommendation: Recommendation
    follow_ups: list[RecommendationFollowUp]
    responses: list[RecommendationResponse]
    citations: dict[int, list[Citation]]


def tracker_for(user: Reader, recommendation: Recommendation) -> Tracker:
    """The tracker of `recommendation` (already fetched through the funnel)."""
    responses = list(
        responses_visible_to(user).filter(recommendation=recommendation).order_by("linked_at", "id")
    )
    citations: dict[int, list[Citation]] = {}
    for citation in Citation.objects.filter(
        content_type__app_label="basis",
        content_type__model="recommendationresponse",
        object_id__in=[response.pk for response in responses],
    ).select_related("source"):
        citations.setdefault(citation.object_id, []).append(citation)
    follow_ups = list(recommendation.follow_ups.order_by("date_start", "position"))
    return Tracker(recommendation, follow_ups, responses, citations)
