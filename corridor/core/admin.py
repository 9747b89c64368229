from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from corridor.core.models import Citation, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "kind", "title"]
    list_filter = ["kind"]
    search_fields = ["slug", "title"]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin):
    list_display = ["source", "locator", "content_type", "object_id", "quote"]
    list_filter = ["source", "content_type"]
    search_fields = ["quote", "locator"]
