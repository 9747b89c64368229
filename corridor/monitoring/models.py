"""Flow observations at places (with their revisions) and monitoring visits with graded findings."""

from django.db import models
from django.db.models import Q

from corridor.core.models import ClassifiedRecord, DatedMixin, Record
from corridor.monitoring.choices import (
    Concern,
    FindingAspect,
    Metric,
    Reliability,
    Sex,
    ValueQualifier,
    ValueStatus,
)


class FlowObservation(ClassifiedRecord, DatedMixin):
    """A count of people at a place over a day or period, by metric and optional breakdown, from a source.

    Revisions never overwrite: a changed figure is a new row whose `revision_of` points at the one it
    replaces, and the replaced row keeps its value with `is_current=False`. At most one current row per
    place, period, metric, breakdown, source and owner: each organisation keeps its own figure, and one
    organisation's figure never supersedes another's.
    """

    slug = models.SlugField(max_length=100, null=True, blank=True, unique=True)
    place = models.ForeignKey("geo.Place", on_delete=models.PROTECT, related_name="observations")
    metric = models.CharField(max_length=24, choices=Metric.choices)
    value = models.BigIntegerField(null=True, blank=True)
    value_status = models.CharField(max_length=16, choices=ValueStatus.choices, default=ValueStatus.REPORTED)
    value_qualifier = models.CharField(
        max_length=12, choices=ValueQualifier.choices, default=ValueQualifier.EXACT
    )
    sex = models.CharField(max_length=8, choices=Sex.choices, blank=True, default=Sex.ALL)
    age_group = models.CharField(max_length=16, blank=True, default="")
    nationality = models.CharField(
        max_length=3, blank=True, default="", help_text="ISO alpha-2 or '' for all"
    )
    source_organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, related_name="observations"
    )
    reliability = models.CharField(max_length=12, choices=Reliability.choices, default=Reliability.ESTIMATE)
    revision_of = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revised_by"
    )
    is_current = models.BooleanField(default=True)

    class Meta(DatedMixin.Meta):
        ordering = ["place_id", "metric", "date_start"]
        indexes = [
            models.Index(fields=["place", "metric", "date_start"], name="monitoring_obs_place_day"),
            models.Index(fields=["metric", "date_start"], name="monitoring_obs_metric"),
        ]
        constraints = [
            *DatedMixin.Meta.constraints,
            models.CheckConstraint(
                condition=Q(value_status="reported", value__isnull=False, value__gte=0)
                | Q(value_status="not_available", value__isnull=True),
                name="monitoring_obs_value_matches_status",
            ),
            models.UniqueConstraint(
                fields=[
                    "place",
                    "date_start",
                    "date_end",
                    "metric",
                    "sex",
                    "age_group",
                    "nationality",
                    "source_organisation",
                    "owner",
                ],
                condition=Q(is_current=True),
                name="monitoring_obs_one_current_per_key",
            ),
        ]

    def __str__(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:,}"
        return f"{self.place} {self.metric} {self.date_text}: {shown}"


class MonitoringVisit(ClassifiedRecord, DatedMixin):
    """A field operation's visit to one or more places, possibly overnight, and what it found."""

    slug = models.SlugField(max_length=100, unique=True)
    operation = models.ForeignKey("actors.Organisation", on_delete=models.PROTECT, related_name="visits")
    team = models.CharField(max_length=160, blank=True)
    places = models.ManyToManyField("geo.Place", related_name="visits")
    overnight = models.BooleanField(null=True, blank=True)
    date_note = models.CharField(max_length=300, blank=True)
    purpose = models.TextField(blank=True)
    follow_up = models.TextField(blank=True)

    class Meta(DatedMixin.Meta):
        ordering = ["-date_start", "slug"]

    def __str__(self) -> str:
        return f"{self.operation} visit {self.date_text}"


class Finding(Record):
    """One graded finding of a visit: an aspect, the level of concern, and what was seen."""

    visit = models.ForeignKey(MonitoringVisit, on_delete=models.CASCADE, related_name="findings")
    aspect = models.CharField(max_length=32, choices=FindingAspect.choices)
    concern = models.CharField(max_length=16, choices=Concern.choices)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["visit_id", "position"]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()}: {self.get_concern_display()}"
