from django.contrib import admin

from corridor.core.admin_base import ClassifiedRecordAdmin
from corridor.timeline.models import Event


@admin.register(Event)
class EventAdmin(ClassifiedRecordAdmin):
    list_display = ["date_start", "date_precision", "kind", "title", "classification"]
    list_filter = ["kind", "date_precision", "classification"]
    search_fields = ["title", "description", "slug"]
    filter_horizontal = ["places", "countries", "actors", "documents"]
    date_hierarchy = "date_start"
