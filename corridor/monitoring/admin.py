from django.contrib import admin

from corridor.core.admin_base import ClassifiedRecordAdmin, RecordAdmin
from corridor.monitoring.models import Finding, FlowObservation, MonitoringVisit


@admin.register(FlowObservation)
class FlowObservationAdmin(ClassifiedRecordAdmin):
    list_display = ["place", "metric", "date_start", "date_end", "value", "source_organisation", "is_current"]
    list_filter = ["metric", "is_current", "source_organisation", "classification"]
    search_fields = ["place__name", "slug"]
    autocomplete_fields = ["place"]
    date_hierarchy = "date_start"


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(MonitoringVisit)
class MonitoringVisitAdmin(ClassifiedRecordAdmin):
    list_display = ["slug", "operation", "date_start", "team", "overnight"]
    list_filter = ["operation", "classification"]
    inlines = [FindingInline, *ClassifiedRecordAdmin.inlines]
    filter_horizontal = ["places"]


@admin.register(Finding)
class FindingAdmin(RecordAdmin):
    list_display = ["visit", "aspect", "concern"]
    list_filter = ["aspect", "concern"]
