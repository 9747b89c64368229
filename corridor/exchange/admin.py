from django.contrib import admin

from corridor.exchange.models import ColumnMapping, ImportRun


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "kind", "owner", "updated_at"]
    list_filter = ["kind", "owner"]
    search_fields = ["slug", "name"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Import runs are a record of what happened: read-only."""

    list_display = [
        "started_at",
        "kind",
        "file_name",
        "status",
        "created",
        "revised",
        "updated",
        "submitted_by",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "file_sha256"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
