"""Users' decisions about the basis of activities, and which work answers which recommendation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from corridor.basis.choices import Verdict
from corridor.core.models import Record


class BasisDecision(Record):
    """A user's verdict on one mandate clause or commitment as the basis of one activity.

    A confirmed clause or commitment is also linked to the activity (`Activity.mandate_clauses` /
    `commitments`, written by the operations service); a rejected one is not suggested again. The latest
    verdict replaces the earlier one; history keeps both.
    """

    activity = models.ForeignKey(
        "operations.Activity", on_delete=models.CASCADE, related_name="basis_decisions"
    )
    clause = models.ForeignKey(
        "knowledge.MandateClause", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    commitment = models.ForeignKey(
        "knowledge.Commitment", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    verdict = models.CharField(max_length=12, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["activity_id", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(clause__isnull=False, commitment__isnull=True)
                | Q(clause__isnull=True, commitment__isnull=False),
                name="basis_decision_one_target",
            ),
            models.UniqueConstraint(
                fields=["activity", "clause"],
                condition=Q(clause__isnull=False),
                name="basis_decision_one_per_clause",
            ),
            models.UniqueConstraint(
                fields=["activity", "commitment"],
                condition=Q(commitment__isnull=False),
                name="basis_decision_one_per_commitment",
            ),
        ]

    def __str__(self) -> str:
        target = self.clause or self.commitment
        return f"{self.activity}: {self.verdict} {target}"


class RecommendationResponse(Record):
    """An activity or an event that answers a recommendation, as a user (or the study) states it.

    Links the study itself states are cited (`core.Citation` to the study); others name who linked them.
    """

    recommendation = models.ForeignKey(
        "knowledge.Recommendation", on_delete=models.CASCADE, related_name="responses"
    )
    activity = models.ForeignKey(
        "operations.Activity", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    event = models.ForeignKey(
        "timeline.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True, help_text="How the activity or event answers the recommendation.")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recommendation_id", "linked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, event__isnull=True)
                | Q(activity__isnull=True, event__isnull=False),
                name="basis_response_one_answer",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "activity"],
                condition=Q(activity__isnull=False),
                name="basis_response_one_per_activity",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "event"],
                condition=Q(event__isnull=False),
                name="basis_response_one_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation.slug} ← {self.activity or self.event}"
