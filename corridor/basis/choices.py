from django.db import models


class Verdict(models.TextChoices):
    """What a user decided about a suggested basis: it holds (and is linked), or it does not."""

    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"
