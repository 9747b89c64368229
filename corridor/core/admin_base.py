"""What every domain admin shares: history, read-only bookkeeping fields, and citation inlines."""

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.contenttypes.admin import GenericTabularInline
from simple_history.admin import SimpleHistoryAdmin

from corridor.core.models import Citation


class CitationInline(GenericTabularInline):
    model = Citation
    ct_field = "content_type"
    ct_fk_field = "object_id"
    extra = 0
    fields = ["position", "source", "locator", "quote"]


class RecordAdmin(SimpleHistoryAdmin):
    """Admin for a `Record`: history on every change; uid, version and timestamps shown, never edited."""

    readonly_fields = ["uid", "version", "created_at", "updated_at"]
    inlines: list[type[InlineModelAdmin]] = [CitationInline]
    list_per_page = 50

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class ClassifiedRecordAdmin(RecordAdmin):
    list_filter: list = ["classification", "owner"]


admin.site.site_header = "Corridor administration"
admin.site.site_title = "Corridor"
