"""Organisations (OSCE structures, field operations, partners, authorities) and their standing
arrangements for migration work: focal points and working groups."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from corridor.actors.choices import OSCE_KINDS, OrganisationKind
from corridor.core.choices import Classification
from corridor.core.models import ClassifiedRecord, DatedMixin, OptionalDatedMixin, Record


class Organisation(Record):
    """Any organisation the platform speaks of; OSCE field operations carry a `FieldOperation` profile.

    Unlike other records, an organisation may have no owner (the platform's own directory entries) and
    carries its own classification so that a sensitive local partner can be restricted.
    """

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    country = models.ForeignKey(
        "geo.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    hq_city = models.CharField(max_length=120, blank=True)
    established_text = models.CharField(max_length=60, blank=True, help_text="As the source dates it.")
    description = models.TextField(blank=True)
    note = models.TextField(
        blank=True, help_text="Editorial caveats: inconsistencies in sources, judgement calls."
    )
    classification = models.CharField(
        max_length=16, choices=Classification.choices, default=Classification.PUBLIC, db_index=True
    )
    owner = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="actors_organisation_name_unique_ci"),
            models.CheckConstraint(
                condition=Q(classification__in=["public", "internal", "restricted"]),
                name="actors_organisation_classification_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_osce(self) -> bool:
        return self.kind in OSCE_KINDS


class FieldOperation(models.Model):
    """The field-operation profile of an OSCE organisation: headquarters, offices, study interview."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, primary_key=True, related_name="field_operation"
    )
    host_country = models.ForeignKey("geo.Country", on_delete=models.PROTECT, related_name="field_operations")
    headquarters = models.ForeignKey("geo.Place", on_delete=models.PROTECT, related_name="+")
    offices = models.ManyToManyField("geo.Place", blank=True, related_name="field_operation_offices")
    engagement_note = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name


class Interview(Record, DatedMixin):
    """A research interview held at an organisation, with the interviewees' positions as published."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="interviews")
    positions = models.JSONField(default=list)

    class Meta(DatedMixin.Meta):
        ordering = ["date_start", "organisation__name"]

    def __str__(self) -> str:
        return f"Interview at {self.organisation} ({self.date_text})"


class StandingArrangement(ClassifiedRecord, OptionalDatedMixin):
    """What focal points and working groups share: who, on what topic, since when, for which tasks.

    `exists=False` records a source's statement that the organisation has *no* such arrangement; such a
    record may be undated.
    """

    slug = models.SlugField(max_length=80, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="%(class)ss")
    topic = models.CharField(max_length=120)
    exists = models.BooleanField(default=True)
    tasks = models.JSONField(default=list, blank=True)
    held_by = models.CharField(max_length=200, blank=True)
    date_note = models.CharField(max_length=200, blank=True)

    class Meta(OptionalDatedMixin.Meta):
        abstract = True
        ordering = ["organisation__name", "topic"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.topic}"


class FocalPoint(StandingArrangement):
    """A designated officer (or role) on a topic, e.g. an operation's migration focal point."""

    class Meta(StandingArrangement.Meta):
        pass


class WorkingGroup(StandingArrangement):
    """A standing group coordinating an organisation's response on a topic."""

    class Meta(StandingArrangement.Meta):
        pass
