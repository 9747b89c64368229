"""Activities of field operations (trainings among them) and coordination meetings with decisions and
action points."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from corridor.core.models import ClassifiedRecord, DatedMixin, OptionalDatedMixin, Record
from corridor.monitoring.choices import ValueQualifier
from corridor.operations.choices import (
    ActionPointStatus,
    ActivityCategory,
    ActivityStatus,
    Funding,
    LeadRole,
    Recurrence,
)


class Activity(ClassifiedRecord, DatedMixin):
    """Work a field operation leads or supports, in one of the seven categories, grounded in its mandate."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.CharField(max_length=32, choices=ActivityCategory.choices, db_index=True)
    lead = models.ForeignKey("actors.Organisation", on_delete=models.PROTECT, related_name="led_activities")
    lead_role = models.CharField(max_length=16, choices=LeadRole.choices, default=LeadRole.IMPLEMENTED)
    partners = models.ManyToManyField("actors.Organisation", blank=True, related_name="partner_activities")
    places = models.ManyToManyField("geo.Place", blank=True, related_name="activities")
    countries = models.ManyToManyField("geo.Country", blank=True, related_name="activities")
    funding = models.CharField(max_length=16, choices=Funding.choices, default=Funding.UNKNOWN)
    status = models.CharField(max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.UNKNOWN)
    mandate_clauses = models.ManyToManyField("knowledge.MandateClause", blank=True, related_name="activities")
    commitments = models.ManyToManyField("knowledge.Commitment", blank=True, related_name="activities")
    date_note = models.CharField(max_length=200, blank=True)

    class Meta(DatedMixin.Meta):
        ordering = ["date_start", "slug"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["lead", "category", "date_start"], name="operations_act_lead_cat"),
            # An operation's activities in page order (the API's keyset pagination walks it and stops).
            models.Index(fields=["lead", "date_start", "id"], name="operations_act_lead_start"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityQuantity(Record):
    """A number an activity is measured by: officers trained, border points equipped, months planned."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="quantities")
    name = models.CharField(max_length=120)
    value = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=60, blank=True)
    qualifier = models.CharField(max_length=12, choices=ValueQualifier.choices, default=ValueQualifier.EXACT)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["activity_id", "position"]
        verbose_name_plural = "activity quantities"
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="operations_quantity_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_qualifier_display()} {self.value} {self.unit or self.name}"


class Training(Record):
    """The training profile of an activity: who it is for and how many it aims to reach."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="training")
    audience = models.CharField(max_length=300)
    target_total = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["activity__date_start"]

    def __str__(self) -> str:
        return f"Training: {self.activity}"


class TrainingParticipation(Record):
    """Participants of a training from one institution, counted by sex where the count was kept.

    `total` is always given; `female`, `male` and `sex_not_recorded` only as recorded, and they never add
    up to more than `total`.
    """

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="participations")
    institution = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    institution_name = models.CharField(max_length=200, blank=True)
    total = models.PositiveIntegerField()
    female = models.PositiveIntegerField(null=True, blank=True)
    male = models.PositiveIntegerField(null=True, blank=True)
    sex_not_recorded = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["training_id", "institution_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    total__gte=Coalesce(F("female"), 0)
                    + Coalesce(F("male"), 0)
                    + Coalesce(F("sex_not_recorded"), 0)
                ),
                name="operations_participation_sexes_within_total",
            ),
            models.CheckConstraint(
                condition=Q(institution__isnull=False) | ~Q(institution_name=""),
                name="operations_participation_names_institution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution or self.institution_name}: {self.total}"


class Meeting(ClassifiedRecord, DatedMixin):
    """A coordination meeting (or a regular series of them) with its decisions and action points."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    convenor = models.ForeignKey(
        "actors.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convened_meetings",
    )
    participants = models.ManyToManyField("actors.Organisation", blank=True, related_name="meetings")
    recurrence = models.CharField(max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE)
    place = models.ForeignKey(
        "geo.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    agenda = models.TextField(blank=True)

    class Meta(DatedMixin.Meta):
        ordering = ["date_start", "slug"]

    def __str__(self) -> str:
        return self.title


class MeetingDecision(Record):
    """A decision a meeting took, in its order."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "position"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionPoint(Record, OptionalDatedMixin):
    """Something a meeting asked an organisation to do, with its due date (`date_*`) and status."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_points")
    text = models.TextField()
    responsible = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="action_points"
    )
    status = models.CharField(
        max_length=12, choices=ActionPointStatus.choices, default=ActionPointStatus.OPEN, db_index=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta(OptionalDatedMixin.Meta):
        ordering = ["meeting_id", "position"]

    def __str__(self) -> str:
        return self.text[:80]
