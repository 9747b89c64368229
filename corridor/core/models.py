"""Abstract bases every domain record builds on, and the sources records cite."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from corridor.core.choices import Classification, SourceKind
from corridor.core.dates import DateSpan, precision_label, validate_precision


class Record(models.Model):
    """A stored record: a public UUID for URLs and the API, timestamps, and a version for concurrency.

    `version` grows by one on every save through a service; an update that names an older version is
    refused (optimistic concurrency). History of every change is kept by django-simple-history.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class ClassifiedRecord(Record):
    """A record with a handling classification and the organisation that owns it.

    Visibility is decided in one place, `corridor.accounts.access`, from these two fields.
    """

    classification = models.CharField(
        max_length=16, choices=Classification.choices, default=Classification.PUBLIC, db_index=True
    )
    owner = models.ForeignKey("actors.Organisation", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(
        blank=True, help_text="Editorial caveats: inconsistencies in sources, judgement calls."
    )

    class Meta:
        abstract = True


class DatedMixin(models.Model):
    """A date with its precision: the interval the source's statement covers, never an invented day."""

    date_start = models.DateField(db_index=True)
    date_end = models.DateField(db_index=True)
    date_precision = models.CharField(max_length=16, validators=[validate_precision])

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__gte=F("date_start")), name="%(app_label)s_%(class)s_date_ordered"
            ),
        ]

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.date_start, self.date_end, self.date_precision)

    @span.setter
    def span(self, value: DateSpan) -> None:
        self.date_start, self.date_end, self.date_precision = value.start, value.end, value.precision

    @property
    def date_text(self) -> str:
        return self.span.text()

    def get_date_precision_display(self) -> str:  # type: ignore[no-redef]
        return precision_label(self.date_precision)


class OptionalDatedMixin(models.Model):
    """Like `DatedMixin`, for records a source may leave undated: all three fields are set, or none."""

    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=16, blank=True, validators=[validate_precision])

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__isnull=True, date_end__isnull=True, date_precision="")
                | Q(date_start__isnull=False, date_end__gte=F("date_start")) & ~Q(date_precision=""),
                name="%(app_label)s_%(class)s_date_whole_and_ordered",
            ),
        ]

    @property
    def span(self) -> DateSpan | None:
        if self.date_start is None or self.date_end is None:
            return None
        return DateSpan(self.date_start, self.date_end, self.date_precision)

    @span.setter
    def span(self, value: DateSpan | None) -> None:
        if value is None:
            self.date_start = self.date_end = None
            self.date_precision = ""
        else:
            self.date_start, self.date_end, self.date_precision = value.start, value.end, value.precision

    @property
    def date_text(self) -> str:
        span = self.span
        return span.text() if span else "undated"

    def get_date_precision_display(self) -> str:  # type: ignore[no-redef]
        return precision_label(self.date_precision) if self.date_precision else "undated"


class Source(models.Model):
    """A work that records cite: the 2016 study, a dataset file, a standard."""

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    title = models.CharField(max_length=300)
    reference = models.CharField(
        max_length=300, blank=True, help_text="Path in the repository, or a citation."
    )
    licence = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class Citation(models.Model):
    """Where one record's statement comes from: a source, a locator in it, and a short quote."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(max_length=120, help_text="Section ('6.1', 'fn 92', 'annex') or 'file:row'.")
    quote = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    cited = GenericForeignKey("content_type", "object_id")

    history = HistoricalRecords()

    class Meta:
        ordering = ["content_type_id", "object_id", "position"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "position"], name="core_citation_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} {self.locator}"


class Snapshot(models.Model):
    """A record's whole editable state at one version: its values, the records it links to, its rows.

    Written by the services at every save, so a conflicting edit can be merged against the version its
    author started from (`core.merge`), the record's page can show who changed what and when, and an earlier
    version can be restored as a new one. History is never rewritten: a version's snapshot does not change.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField()
    state = models.JSONField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["content_type_id", "object_id", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "version"], name="core_snapshot_one_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} v{self.version}"
