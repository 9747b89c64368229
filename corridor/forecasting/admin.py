from django.contrib import admin

from corridor.forecasting.models import ForecastRun


@admin.register(ForecastRun)
class ForecastRunAdmin(admin.ModelAdmin):
    """Runs are a record of what was computed from which data: read-only."""

    list_display = ["created_at", "kind", "model", "data_cutoff", "horizon", "requested_by", "owner"]
    list_filter = ["kind", "model"]
    search_fields = ["uid", "input_hash"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
