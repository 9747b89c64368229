"""Saved column mappings, and the record of every import that was run (not dry runs)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corridor.exchange.choices import ImportKind, ImportMode, RunStatus


class ColumnMapping(models.Model):
    """How the columns of a partner's file map onto Corridor's fields, saved for reuse.

    `spec` has the shape of a mapping file (docs/exchange.md): `columns`, `constants`, `values`, `skip`,
    `unpivot`, `date_format`, `encoding`, `sheet`, `cite`. It is checked by `parse_mapping` when saved
    and again when used. Visible to members of `owner`; a mapping without owner is shared.
    """

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    description = models.TextField(blank=True)
    spec = models.JSONField(default=dict)
    owner = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.kind})"


class ImportRun(models.Model):
    """One import that wrote records: the file (name, hash, size), who, how, and what came of it.

    Only imports that changed something are recorded: a dry run, a refused file and a re-import that
    finds everything unchanged leave the database exactly as it was. In valid-rows-only mode the rows
    left out are kept here (the first `KEPT_ERRORS`), with their count.
    """

    KEPT_ERRORS = 1000

    uid = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.BigIntegerField()
    file_format = models.CharField(max_length=8)
    encoding = models.CharField(max_length=32, blank=True)
    mapping_name = models.CharField(max_length=160, blank=True)
    mode = models.CharField(max_length=16, choices=ImportMode.choices)
    status = models.CharField(max_length=12, choices=RunStatus.choices)
    rows_read = models.BigIntegerField(default=0)
    created = models.BigIntegerField(default=0)
    revised = models.BigIntegerField(default=0)
    updated = models.BigIntegerField(default=0)
    unchanged = models.BigIntegerField(default=0)
    skipped = models.BigIntegerField(default=0)
    error_count = models.BigIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[row, column, value, reason], first ones")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__gte=models.F("started_at")), name="exchange_run_time_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} import of {self.file_name} ({self.status})"
