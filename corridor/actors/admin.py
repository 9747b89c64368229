from django.contrib import admin

from corridor.actors.models import FieldOperation, FocalPoint, Interview, Organisation, WorkingGroup
from corridor.core.admin_base import ClassifiedRecordAdmin, RecordAdmin


class FieldOperationInline(admin.StackedInline):
    model = FieldOperation
    extra = 0
    filter_horizontal = ["offices"]


@admin.register(Organisation)
class OrganisationAdmin(RecordAdmin):
    list_display = ["name", "short_name", "slug", "kind", "country", "classification"]
    list_filter = ["kind", "classification", "country"]
    search_fields = ["name", "short_name", "slug"]
    autocomplete_fields = ["parent"]
    inlines = [FieldOperationInline, *RecordAdmin.inlines]


@admin.register(Interview)
class InterviewAdmin(RecordAdmin):
    list_display = ["organisation", "date_start", "date_precision"]


@admin.register(FocalPoint)
class FocalPointAdmin(ClassifiedRecordAdmin):
    list_display = ["organisation", "topic", "exists", "date_start", "date_precision"]
    search_fields = ["topic", "organisation__name"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(ClassifiedRecordAdmin):
    list_display = ["organisation", "topic", "exists", "date_start", "date_precision"]
    search_fields = ["topic", "organisation__name"]
