"""Recorded forecasting runs: what was asked, by whom, from which data (its hash), and what came of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from corridor.core.choices import Classification
from corridor.forecasting.choices import RunKind

MAX_HORIZON = 14


class ForecastRun(models.Model):
    """One forecast, scenario or evaluation, kept so its numbers can be quoted and checked later.

    `input_hash` is the SHA-256 of the daily series the run read (as the requester could see it, cut at
    `data_cutoff`), so two runs on the same data carry the same hash. `content_classification` is the
    highest classification of the observations read: the run is never shown to someone who could not read
    them (see `selectors.forecast_runs_visible_to`). `result` is the JSON the interfaces draw from.
    """

    uid = models.UUIDField(unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=RunKind.choices)
    model = models.CharField(max_length=24, help_text="forecaster or scenario mode")
    parameters = models.JSONField(default=dict)
    data_cutoff = models.DateField(null=True, blank=True, help_text="last day of data the run read")
    places = models.JSONField(default=list)
    horizon = models.PositiveSmallIntegerField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forecast_runs",
    )
    owner = models.ForeignKey(
        "actors.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    input_hash = models.CharField(max_length=64)
    content_classification = models.CharField(
        max_length=16, choices=Classification.choices, default=Classification.PUBLIC
    )
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RunKind.values), name="forecasting_run_kind_known"),
            models.CheckConstraint(
                condition=Q(horizon__isnull=True) | Q(horizon__gte=1, horizon__lte=MAX_HORIZON),
                name="forecasting_run_horizon_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind=RunKind.FORECAST) | Q(horizon__isnull=False, data_cutoff__isnull=False),
                name="forecasting_run_forecast_has_horizon_and_cutoff",
            ),
            models.CheckConstraint(
                condition=Q(input_hash__regex=r"^[0-9a-f]{64}$"), name="forecasting_run_input_hash_sha256"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.model} {self.uid}"
