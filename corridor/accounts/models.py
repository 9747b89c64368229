"""Users and their memberships of organisations, each with a role and a clearance."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from corridor.accounts.choices import RecordKind, Role
from corridor.core.choices import Classification


class User(AbstractUser):
    """A person who signs in. What they may see and do comes from their memberships."""

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["username"]


class Membership(models.Model):
    """A user's place in an organisation: their role there and, for analysts, how far they may read.

    `clearance` bounds what an analyst reads across organisations; inside their own organisation every
    member reads every record, whatever its classification.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices)
    clearance = models.CharField(max_length=16, choices=Classification.choices, default=Classification.PUBLIC)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="accounts_membership_unique"),
            models.CheckConstraint(
                condition=Q(role="analyst") | Q(clearance="public"),
                name="accounts_membership_clearance_only_for_analysts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.role})"


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once, when created.

    Tokens are 32 random bytes, so a fast hash is enough (no dictionary to guess from); `prefix` lets the
    owner recognise a token in lists without revealing it.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ClassificationDefault(models.Model):
    """The classification an organisation's new records of one kind get when their author chooses none.

    Set by the organisation's administrators; a kind without a row defaults to internal, so nothing becomes
    public unless someone decided it should.
    """

    organisation = models.ForeignKey(
        "actors.Organisation", on_delete=models.CASCADE, related_name="classification_defaults"
    )
    kind = models.CharField(max_length=16, choices=RecordKind.choices)
    classification = models.CharField(max_length=16, choices=Classification.choices)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="accounts_default_one_per_kind"),
            models.CheckConstraint(
                condition=Q(classification__in=["public", "internal", "restricted"]),
                name="accounts_default_classification_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} → {self.get_classification_display()}"


class DateOrder(models.TextChoices):
    """Which of day and month comes first when an organisation's members type a numeric date."""

    DAY_FIRST = "dmy", "Day first: 7.12.2026 is 7 December 2026"
    MONTH_FIRST = "mdy", "Month first: 12/7/2026 is 7 December 2026"


class OrganisationSetting(models.Model):
    """How an organisation's members work in Corridor: for now, the order they write numeric dates in.

    An organisation without a row writes day first, as every field operation of the shipped case does."""

    organisation = models.OneToOneField(
        "actors.Organisation", on_delete=models.CASCADE, related_name="setting"
    )
    date_order = models.CharField(max_length=3, choices=DateOrder.choices, default=DateOrder.DAY_FIRST)
    changed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(date_order__in=["dmy", "mdy"]), name="accounts_setting_date_order_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_date_order_display()}"
