"""Admin: responses to recommendations are edited here like any record; basis decisions are shown only,
since a decision must also link or unlink the activity's clause or commitment (use the service)."""

from django.contrib import admin
from django.http import HttpRequest

from corridor.basis.models import BasisDecision, RecommendationResponse
from corridor.core.admin_base import RecordAdmin


@admin.register(RecommendationResponse)
class RecommendationResponseAdmin(RecordAdmin):
    list_display = ["recommendation", "activity", "event", "linked_by", "linked_at"]
    raw_id_fields = ["recommendation", "activity", "event", "linked_by"]


@admin.register(BasisDecision)
class BasisDecisionAdmin(RecordAdmin):
    list_display = ["activity", "clause", "commitment", "verdict", "decided_by", "decided_at"]
    list_filter = ["verdict"]
    inlines = []

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
