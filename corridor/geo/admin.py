from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from corridor.core.admin_base import ClassifiedRecordAdmin
from corridor.geo.models import Country, CountryName, Place, RouteLink


class CountryNameInline(admin.TabularInline):
    model = CountryName
    extra = 0


@admin.register(Country)
class CountryAdmin(SimpleHistoryAdmin):
    list_display = ["code", "alpha3", "name", "osce_status"]
    list_filter = ["osce_status"]
    search_fields = ["code", "alpha3", "name", "names__name"]
    inlines = [CountryNameInline]


@admin.register(Place)
class PlaceAdmin(ClassifiedRecordAdmin):
    list_display = ["name", "slug", "kind", "country", "latitude", "longitude", "classification"]
    list_filter = ["kind", "country", "classification"]
    search_fields = ["name", "slug", "alternative_names"]
    autocomplete_fields = ["parent"]


@admin.register(RouteLink)
class RouteLinkAdmin(ClassifiedRecordAdmin):
    list_display = ["origin", "destination", "mode", "distance_km"]
    list_filter = ["mode"]
    autocomplete_fields = ["origin", "destination"]
