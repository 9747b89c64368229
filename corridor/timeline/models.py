"""The one timeline: incidents, policy changes, meetings, reports issued, decisions, visits."""

from django.db import models

from corridor.core.models import ClassifiedRecord, DatedMixin
from corridor.timeline.choices import EventKind


class Event(ClassifiedRecord, DatedMixin):
    """Something that happened, dated as precisely as its source allows, with where and who."""

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=24, choices=EventKind.choices, db_index=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    places = models.ManyToManyField("geo.Place", blank=True, related_name="events")
    countries = models.ManyToManyField("geo.Country", blank=True, related_name="events")
    actors = models.ManyToManyField("actors.Organisation", blank=True, related_name="events")
    documents = models.ManyToManyField("knowledge.Document", blank=True, related_name="events")
    visit = models.OneToOneField(
        "monitoring.MonitoringVisit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timeline_event",
        help_text="Set when the event is the timeline entry of a recorded monitoring visit.",
    )
    meeting = models.OneToOneField(
        "operations.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timeline_event",
        help_text="Set when the event is the timeline entry of a recorded meeting.",
    )

    class Meta(DatedMixin.Meta):
        ordering = ["date_start", "date_end", "slug"]
        indexes = [models.Index(fields=["date_start", "date_end"], name="timeline_event_span")]

    def __str__(self) -> str:
        return f"{self.date_text}: {self.title}"
