from django.contrib import admin

from corridor.core.admin_base import ClassifiedRecordAdmin, RecordAdmin
from corridor.operations.models import (
    ActionPoint,
    Activity,
    ActivityQuantity,
    Meeting,
    MeetingDecision,
    Training,
    TrainingParticipation,
)


class QuantityInline(admin.TabularInline):
    model = ActivityQuantity
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(Activity)
class ActivityAdmin(ClassifiedRecordAdmin):
    list_display = ["title", "lead", "category", "date_start", "funding", "status"]
    list_filter = ["category", "lead", "funding", "status", "classification"]
    search_fields = ["title", "description", "slug"]
    filter_horizontal = ["partners", "places", "countries", "mandate_clauses", "commitments"]
    inlines = [QuantityInline, *ClassifiedRecordAdmin.inlines]


class ParticipationInline(admin.TabularInline):
    model = TrainingParticipation
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(Training)
class TrainingAdmin(RecordAdmin):
    list_display = ["activity", "audience", "target_total"]
    inlines = [ParticipationInline]


class DecisionInline(admin.TabularInline):
    model = MeetingDecision
    extra = 0
    readonly_fields = ["uid", "version"]


class ActionPointInline(admin.TabularInline):
    model = ActionPoint
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(Meeting)
class MeetingAdmin(ClassifiedRecordAdmin):
    list_display = ["title", "convenor", "date_start", "recurrence"]
    list_filter = ["recurrence", "classification"]
    filter_horizontal = ["participants"]
    inlines = [DecisionInline, ActionPointInline, *ClassifiedRecordAdmin.inlines]


@admin.register(ActionPoint)
class ActionPointAdmin(RecordAdmin):
    list_display = ["meeting", "text", "responsible", "status", "date_start"]
    list_filter = ["status"]
