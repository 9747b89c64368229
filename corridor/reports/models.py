"""Report runs: what was asked, for whom, from which data (its hash), under which reference and version."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corridor.core.choices import Classification
from corridor.reports.choices import REFERENCE_CODES, OutputFormat, ReportKind

REFERENCE_PREFIX = "CRD"


class ReportRun(models.Model):
    """One generated report. Its reference (CRD-REG-2016-0001) is unique per kind and year of first issue;
    running the same parameters again on changed data issues the next version of the same reference, and
    on unchanged data returns this run.

    `data` is the canonical JSON of what the builder returned, and `data_hash` its SHA-256: every format can
    be rendered again from it, identically. `classification` is never below `content_classification`, the
    highest classification of anything the report shows.
    """

    uid = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    parameters = models.JSONField()
    parameters_key = models.CharField(max_length=64, db_index=True)
    data = models.TextField()
    data_hash = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    version = models.PositiveIntegerField()
    classification = models.CharField(max_length=16, choices=Classification.choices)
    content_classification = models.CharField(max_length=16, choices=Classification.choices)
    distribution = models.JSONField(default=list, blank=True)
    issued_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence", "version"], name="reports_run_reference_version_unique"
            ),
            models.UniqueConstraint(
                fields=["parameters_key", "version"], name="reports_run_series_version_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1, sequence__gte=1), name="reports_run_numbered"),
            models.CheckConstraint(
                condition=Q(classification=Classification.RESTRICTED)
                | Q(classification=Classification.INTERNAL, content_classification__in=["public", "internal"])
                | Q(classification=Classification.PUBLIC, content_classification="public"),
                name="reports_run_marking_not_below_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} v{self.version}"

    @property
    def reference(self) -> str:
        return f"{REFERENCE_PREFIX}-{REFERENCE_CODES[ReportKind(self.kind)]}-{self.year}-{self.sequence:04d}"


class ReportOutput(models.Model):
    """A rendered file of a run, kept in the database so any app server or worker can serve it."""

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="outputs")
    format = models.CharField(max_length=8, choices=OutputFormat.choices)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run_id", "format"]
        constraints = [
            models.UniqueConstraint(fields=["run", "format"], name="reports_output_one_per_format")
        ]

    def __str__(self) -> str:
        return f"{self.run} ({self.format})"

    @property
    def filename(self) -> str:
        return f"{self.run.reference}-v{self.run.version}.{self.format}"
