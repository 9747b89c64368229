from django.contrib import admin

from corridor.core.admin_base import ClassifiedRecordAdmin, RecordAdmin
from corridor.knowledge.models import (
    Commitment,
    Document,
    Mandate,
    MandateClause,
    Recommendation,
    RecommendationFollowUp,
)


@admin.register(Document)
class DocumentAdmin(ClassifiedRecordAdmin):
    list_display = ["symbol", "title", "kind", "issuer", "date_start"]
    list_filter = ["kind", "classification"]
    search_fields = ["symbol", "title"]


@admin.register(Commitment)
class CommitmentAdmin(ClassifiedRecordAdmin):
    list_display = ["slug", "theme", "dimension", "document"]
    list_filter = ["theme", "dimension"]
    search_fields = ["text", "slug"]


class MandateClauseInline(admin.StackedInline):
    model = MandateClause
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(Mandate)
class MandateAdmin(ClassifiedRecordAdmin):
    list_display = ["operation", "breadth"]
    inlines = [MandateClauseInline, *ClassifiedRecordAdmin.inlines]
    filter_horizontal = ["documents"]


@admin.register(MandateClause)
class MandateClauseAdmin(RecordAdmin):
    list_display = ["mandate", "ref", "dimension"]
    search_fields = ["text", "ref"]


class FollowUpInline(admin.TabularInline):
    model = RecommendationFollowUp
    extra = 0
    readonly_fields = ["uid", "version"]


@admin.register(Recommendation)
class RecommendationAdmin(ClassifiedRecordAdmin):
    list_display = ["slug", "issuer", "status"]
    list_filter = ["status", "issuer"]
    search_fields = ["text", "slug"]
    inlines = [FollowUpInline, *ClassifiedRecordAdmin.inlines]


@admin.register(RecommendationFollowUp)
class RecommendationFollowUpAdmin(RecordAdmin):
    list_display = ["recommendation", "date_start", "text"]
