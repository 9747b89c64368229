"""Writers for accounts: personal API tokens (created, listed, revoked; stored hashed)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from corridor.accounts.models import ApiToken, User
from corridor.core.exceptions import NotFound

TOKEN_PREFIX = "crd_"
_TOUCH_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    """A token just created: `secret` is shown to its owner once and never stored."""

    token: ApiToken
    secret: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> NewToken:
    """Create a personal API token for `user`."""
    if not name.strip():
        from corridor.core.exceptions import ValidationFailed

        raise ValidationFailed({"name": ["give the token a name, e.g. 'UNHCR data sync'"]})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:12], digest=_digest(secret)
    )
    return NewToken(token=token, secret=secret)


def revoke_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s tokens; another user's token does not exist for them."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound("no such token")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(secret: str) -> User | None:
    """The active user a live token belongs to, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
