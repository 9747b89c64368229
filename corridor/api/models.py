"""What the API keeps for itself: responses to creations made with an Idempotency-Key."""

from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A creation's response, kept so that a retried request with the same key creates nothing new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    endpoint = models.CharField(max_length=200)
    request_digest = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
